import { AppError } from '@hearth/contracts';

/** A field the contract's validators let through but the rules refuse. */
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

/** A requirement that is not in this LERO's catalogue: missing and another LERO's look the same. */
export const unknownRequirement = (id: string) =>
  invalidField('requirementIds', `${id} is not a training or check in this LERO’s catalogue`);

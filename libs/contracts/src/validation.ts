import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppError, type FieldError } from './errors';
import { inputPolicyErrors } from './input-policy';
import { cacheValidationMetadata } from './validation-metadata';

cacheValidationMetadata();

type Class<T> = new () => T;

/** Every failed constraint of a class-validator result as a field error, nested fields as `a.b`. */
export function fieldErrorsOf(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      // class-validator's whitelist message names the property already; keep it readable for people.
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field $1'),
    }));
    return [...own, ...fieldErrorsOf(e.children ?? [], field)];
  });
}

/**
 * Validates an untrusted payload against a contract class. Unknown fields are rejected, not stripped,
 * so a smuggled `tenantId` or role fails loudly; the input policy (NUL, broken Unicode, nesting) comes first.
 * Throws `VALIDATION` naming every bad field.
 */
export function validatePayload<T extends object>(cls: Class<T>, data: unknown): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppError('VALIDATION', 'The request body must be a JSON object.', {
      errors: [{ field: '', message: 'must be a JSON object' }],
    });
  }
  // The input policy first, on the payload as sent: no class (or recursion) sees NUL, broken text or deep nesting.
  const policy = inputPolicyErrors(data);
  if (policy.length > 0) throw invalid(policy);
  const instance = plainToInstance(cls, data, { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw invalid(fieldErrorsOf(errors));
  return instance;
}

function invalid(fieldErrors: FieldError[]): AppError {
  const fields = [...new Set(fieldErrors.map((e) => e.field || 'body'))].join(', ');
  return new AppError('VALIDATION', `Invalid ${fields}: ${fieldErrors[0].message}.`, { errors: fieldErrors });
}

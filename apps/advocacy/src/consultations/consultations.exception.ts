import { AppError } from '@hearth/contracts';

/** A field the contract's validators let through but the rules refuse. */
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

export const notDraft = () =>
  new AppError('CONFLICT', 'The consultation is open or closed: its questions are frozen.', {
    reason: 'ConsultationNotDraft',
  });

export const notOpen = () =>
  new AppError('CONFLICT', 'The consultation is not open for responses.', { reason: 'ConsultationNotOpen' });

export const resultsNotShown = () =>
  new AppError('CONFLICT', 'Free text is published only once the results are shown (at least k responses).', {
    reason: 'ResultsNotShown',
  });

export const alreadyResponded = () =>
  new AppError('CONFLICT', 'You have already responded to this consultation.', {
    reason: 'AlreadyResponded',
  });

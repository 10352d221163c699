import { AppError } from '@hearth/contracts';

/** Coded errors of registers: check-ins, walk-ins and their idempotency keys. */
export const registerNotOpen = () =>
  new AppError('CONFLICT', 'The register opens an hour before the session starts.', {
    reason: 'RegisterNotOpen',
  });

export const registerClosed = () =>
  new AppError('CONFLICT', 'The register closes 30 days after the session.', { reason: 'RegisterClosed' });

export const notCheckedIn = () =>
  new AppError('NOT_FOUND', 'This person is not checked in to this session.', { reason: 'NotCheckedIn' });

export const walkInsBelowZero = (walkIns: number) =>
  new AppError('CONFLICT', `Only ${walkIns} walk-ins are recorded: the count cannot go below zero.`, {
    reason: 'WalkInsBelowZero',
    walkIns,
  });

/** A register entry made from a form that showed other walk-ins than there are now (ADR 0034). */
export const registerChanged = (walkIns: number) =>
  new AppError(
    'CONFLICT',
    `Someone else changed the walk-ins meanwhile: ${walkIns} are recorded now. Check the count and send it again.`,
    { reason: 'RegisterChanged', walkIns },
  );

export const idempotencyKeyInFlight = () =>
  new AppError(
    'CONFLICT',
    'A request with this Idempotency-Key is still being processed. Try again in a moment.',
    { reason: 'IdempotencyKeyInFlight' },
  );

export const idempotencyKeyReused = () =>
  new AppError(
    'UNPROCESSABLE',
    'This Idempotency-Key was used for another request. Use a new key for each request.',
    { reason: 'IdempotencyKeyReused' },
  );

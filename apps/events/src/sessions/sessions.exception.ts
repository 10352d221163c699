import { AppError } from '@hearth/contracts';

/** Coded errors about a session, shared by the features that change what hangs on one (RSVPs, registers). */
export const sessionCancelled = () =>
  new AppError('CONFLICT', 'This session has been cancelled.', { reason: 'SessionCancelled' });

export const sessionEnded = () =>
  new AppError('CONFLICT', 'This session has already ended.', { reason: 'SessionPast' });

export const sessionHasAttendance = () =>
  new AppError('CONFLICT', 'People have been checked in to this session: it took place.', {
    reason: 'SessionHasAttendance',
  });

/** A field the contract's validators let through but the rules refuse (a window, a cursor, a schedule). */
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

import { AppError } from '@hearth/contracts';

/** Coded errors of RSVPs. */
export const sessionStarted = () =>
  new AppError('CONFLICT', 'This session has already started.', { reason: 'SessionPast' });

export const rsvpForSelfOnly = () => new AppError('FORBIDDEN', 'A member can only RSVP for themselves.');

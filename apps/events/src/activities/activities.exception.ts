import { AppError } from '@hearth/contracts';
import { invalidField } from '../sessions/sessions.exception';

/** Coded errors of activities. */
export const noSessions = () =>
  invalidField('schedule.rrule', 'produces no sessions (check UNTIL, COUNT and the BY… parts)');

export const activityEnded = () =>
  new AppError('CONFLICT', 'This activity has ended: it has no sessions to come and cannot be restarted.', {
    reason: 'ActivityEnded',
  });

export const activityPaused = () =>
  new AppError('CONFLICT', 'This activity is paused: resume it before changing when it happens.', {
    reason: 'ActivityPaused',
  });

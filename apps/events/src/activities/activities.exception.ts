import { invalidField } from '../sessions/sessions.exception';

/** Coded errors of activities. */
export const noSessions = () =>
  invalidField('schedule.rrule', 'produces no sessions (check UNTIL, COUNT and the BY… parts)');

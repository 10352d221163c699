import { AppError } from '@hearth/contracts';
import { invalidField } from '../roles/roles.exception';
import type { MemberStanding } from './training-records.repository';

/** A training id that is not in this LERO's catalogue: missing and another LERO's look the same. */
export const unknownTraining = () =>
  invalidField('trainingId', 'is not a training or check in this LERO’s catalogue');

/** Training is recorded when it has happened: a date to come is a mistake, not a plan. */
export const completedInFuture = () => invalidField('completedOn', 'must not be in the future');

/** Records are kept for active volunteers only; the reason says which part is missing. */
export function notAVolunteer(standing: MemberStanding): AppError {
  const why =
    standing.status !== 'active' ? 'has left the LERO' : 'does not have the volunteer community role';
  return new AppError('CONFLICT', `The member is not an active volunteer: they ${why}.`, {
    reason: 'NotAVolunteer',
  });
}

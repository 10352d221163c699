import { AppError } from '@hearth/contracts';
import { invalidField } from '../roles/roles.exception';

/** Hours are logged once given: a day to come is a mistake. */
export const dateInFuture = () => invalidField('date', 'must not be in the future');

/** A role that is not this LERO's (or, for a volunteer, not an open one): missing and another LERO's look the same. */
export const unknownRole = () => invalidField('roleId', 'is not a volunteering role of this LERO');

/** A volunteer changes or withdraws only what they logged themselves: a shift's proposal is the coordinator's to adjust. */
export const proposedFromShift = () =>
  new AppError(
    'CONFLICT',
    'These hours were proposed from a shift: ask a coordinator to adjust or decline them.',
    { reason: 'ProposedFromShift' },
  );

/** Once approved or declined, an entry is the coordinator's decision: the volunteer no longer changes it. */
export const hoursDecided = () =>
  new AppError('CONFLICT', 'These hours have been approved or declined: they can no longer be changed.', {
    reason: 'HoursDecided',
  });

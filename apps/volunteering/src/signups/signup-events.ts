import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents, type SignupChangedEvent } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import type { Shift } from '../shifts/shift.entity';

export type SignupSubject =
  | typeof VolunteeringEvents.signupConfirmed
  | typeof VolunteeringEvents.signupWaitlisted
  | typeof VolunteeringEvents.signupPromoted
  | typeof VolunteeringEvents.signupCancelled;

/** An occurrence as sign-ups name it: its start and its local date in the shift's zone. */
export interface OccurrenceRef {
  startsAt: Date;
  date: string;
}

/** Writes a sign-up's event to the outbox, in the caller's transaction: ids, the occurrence, never `late`. */
export function recordSignupEvent(
  em: EntityManager,
  subject: SignupSubject,
  shift: Shift,
  o: OccurrenceRef,
  memberId: string,
  status: SignupChangedEvent['status'],
): void {
  const event: SignupChangedEvent = {
    tenantId: shift.tenantId,
    shiftId: shift.id,
    roleId: shift.roleId,
    startsAt: o.startsAt.toISOString(),
    date: o.date,
    memberId,
    status,
  };
  recordEvent(em, subject, event, shift.tenantId);
}

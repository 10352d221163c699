import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents, type ShiftFillChangedEvent } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import type { Shift } from '../shifts/shift.entity';
import type { OccurrenceRef } from './signup-events';

/**
 * Brings an occurrence's `is_full` flag up to date after a change of its places, and writes `shift.filled` or
 * `shift.unfilled` when it flipped (ADR 0055). Call with the occurrence's row locked, last in the change's
 * transaction: the flag is compared with what the row said, so concurrent sign-ups (serialised by the lock) write
 * one event for the place that filled it, and a cancel followed by a promotion (full, then full again) writes none.
 * A cancelled shift's occurrences are left as they are: `shift.cancelled` already says they will not happen.
 */
export async function syncOccurrenceFill(
  em: EntityManager,
  shift: Shift,
  occurrence: OccurrenceRef & { id: string },
): Promise<void> {
  if (shift.status === 'cancelled') return;
  const [row] = await em.execute<{ is_full: boolean; fill_version: number; confirmed: string }[]>(
    `select o.is_full, o.fill_version, (select count(*) from volunteering.signups s
        where s.occurrence_id = o.id and s.status = 'confirmed') as confirmed
      from volunteering.shift_occurrences o where o.id = ?`,
    [occurrence.id],
  );
  const confirmed = Number(row.confirmed);
  const full = confirmed >= shift.capacity;
  if (full === row.is_full) return;
  const version = row.fill_version + 1;
  await em.execute(
    `update volunteering.shift_occurrences set is_full = ?, fill_version = ? where id = ?`,
    [full, version, occurrence.id],
    'run',
  );
  const event: ShiftFillChangedEvent = {
    tenantId: shift.tenantId,
    shiftId: shift.id,
    roleId: shift.roleId,
    startsAt: occurrence.startsAt.toISOString(),
    date: occurrence.date,
    capacity: shift.capacity,
    confirmed,
    status: full ? 'filled' : 'unfilled',
    version,
  };
  recordEvent(
    em,
    full ? VolunteeringEvents.shiftFilled : VolunteeringEvents.shiftUnfilled,
    event,
    shift.tenantId,
  );
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Shift } from '../shifts/shift.entity';
import type { SignupWaitlist } from './signup-waitlist.service';

interface OccurrenceOfMember {
  id: string;
  shift_id: string;
  starts_at: Date | string;
  local_date: string;
  confirmed: boolean;
}

/**
 * An erased member's sign-ups (ADR 0060). On an occurrence still to come their sign-ups are deleted and, where they
 * held a place, the first waitlisted is promoted into it with its `promoted` event, as a cancel would; no `cancelled`
 * event is written (it would name a person who is gone). On an occurrence that has started, a place they held stays
 * unnamed (member id null: the shift was staffed, hours proposed from it keep their row), and their waitlisted and
 * cancelled rows, which say nothing once unnamed, are deleted. Runs under the member's advisory lock (ADR 0050), and
 * locks the occurrences in order of start, as a raised capacity does, so it cannot deadlock with sign-ups.
 */
export async function eraseSignups(
  em: EntityManager,
  waitlist: SignupWaitlist,
  e: { tenantId: string; memberId: string; now: Date },
): Promise<void> {
  const occurrences = await em.execute<OccurrenceOfMember[]>(
    `select o.id, o.shift_id, o.starts_at, to_char(o.local_date, 'YYYY-MM-DD') as local_date,
        exists (select 1 from volunteering.signups c where c.occurrence_id = o.id and c.member_id = ?
          and c.status = 'confirmed') as confirmed
      from volunteering.shift_occurrences o
      where o.id in (select occurrence_id from volunteering.signups where tenant_id = ? and member_id = ?)
      order by o.starts_at, o.id for update of o`,
    [e.memberId, e.tenantId, e.memberId],
  );
  const coming = occurrences.filter((o) => new Date(o.starts_at) > e.now);
  await em.execute(
    `delete from volunteering.signups where tenant_id = ? and member_id = ?
      and (status <> 'confirmed' or occurrence_id = any(?::uuid[]))`,
    [e.tenantId, e.memberId, `{${coming.map((o) => o.id).join(',')}}`],
    'run',
  );
  await em.execute(
    `update volunteering.signups set member_id = null where tenant_id = ? and member_id = ?`,
    [e.tenantId, e.memberId],
    'run',
  );
  for (const o of coming.filter((c) => c.confirmed)) {
    const shift = await em.findOne(Shift, { id: o.shift_id });
    if (shift?.status !== 'scheduled') continue;
    await waitlist.promote(em, shift, { id: o.id, startsAt: new Date(o.starts_at), date: o.local_date });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents, type TypedDomainEvent } from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';
import type { MemberKeys } from './member-key.util';
import { checkCalendarDay, monthOf } from './projection-events.util';

export interface VolunteeringProjectionDeps {
  aggregates: AggregatesRepository;
  keys: MemberKeys;
}

/** Approved minutes by day: read back as whole hours a month (ADR 0057), never shown as minutes. */
export const VOLUNTEER_MINUTES = 'volunteerMinutes';
export const ACTIVE_VOLUNTEERS = 'activeVolunteers';

/**
 * volunteerHours and activeVolunteers from `evt.volunteering.hours.approved|withdrawn`, correct in any arrival
 * order: each entry is kept as its highest version says (day, approved minutes, the volunteer's pseudonymous
 * member key), and a newer version applies only its difference — minutes moved between days, the volunteer in
 * or out of a month's distinct set (counted per entry, so a month keeps them while any entry of theirs counts).
 * An older or repeated version changes nothing. Under an erased member's tombstone the entry joins the rows the
 * erasure moved (or, once that link is forgotten, counts its hours as nobody's), never the member's own key.
 */
export async function projectVolunteeringEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  deps: VolunteeringProjectionDeps,
): Promise<void> {
  if (
    event.subject !== VolunteeringEvents.hoursApproved &&
    event.subject !== VolunteeringEvents.hoursWithdrawn
  )
    return;
  const { tenantId, entryId, memberId, date, version, status } = event.data;
  checkCalendarDay(date);
  const minutes = status === 'approved' ? event.data.minutes : 0;
  const { aggregates } = deps;
  await aggregates.enterTenant(em, tenantId);
  const memberKey = deps.keys.keyOf(tenantId, memberId);
  // One volunteer's entries and their erasure one at a time (an entry's versions all name the same volunteer).
  await aggregates.lockKey(em, tenantId, 'member', memberKey);
  const before = await aggregates.hoursEntry(em, tenantId, entryId);
  if (before && before.version >= version) return;
  const erased = await aggregates.erasedKey(em, tenantId, 'member', memberKey);
  const key = erased ? erased.replacedBy : memberKey;
  await aggregates.saveHoursEntry(em, tenantId, entryId, { version, memberKey: key, day: date, minutes });

  if (before?.day === date)
    await aggregates.add(em, tenantId, date, VOLUNTEER_MINUTES, '', minutes - before.minutes);
  else {
    if (before) await aggregates.add(em, tenantId, before.day, VOLUNTEER_MINUTES, '', -before.minutes);
    await aggregates.add(em, tenantId, date, VOLUNTEER_MINUTES, '', minutes);
  }
  const was =
    before && before.minutes > 0 && before.memberKey
      ? { month: monthOf(before.day), key: before.memberKey }
      : null;
  const is = minutes > 0 && key ? { month: monthOf(date), key } : null;
  if (was && is && was.month === is.month && was.key === is.key) return;
  if (was) await aggregates.countKey(em, tenantId, was.month, ACTIVE_VOLUNTEERS, '', was.key, -1);
  if (is) await aggregates.countKey(em, tenantId, is.month, ACTIVE_VOLUNTEERS, '', is.key, 1);
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipEvents, type DomainEvent, type MemberChangedEvent } from '@hearth/contracts';
import { localDate } from '../periods/report-period.util';
import type { AggregatesRepository } from './aggregates.repository';
import type { MemberKeys } from './member-key.util';
import { isUuid, malformed, payloadOf } from './projection-events.util';

export interface MembershipProjectionDeps {
  aggregates: AggregatesRepository;
  keys: MemberKeys;
  timeZone: string;
}

/**
 * newMembers (joins by day) and membership spans for activeMembers. The member id is used to derive the
 * span key and is never stored. Erasure ends an open span on that day and re-keys the member's spans at
 * random: every period already counted keeps its count, later periods no longer see the person.
 */
export async function projectMembershipEvent(
  em: EntityManager,
  event: DomainEvent,
  deps: MembershipProjectionDeps,
): Promise<void> {
  const known: string[] = Object.values(MembershipEvents);
  if (!known.includes(event.subject)) return;
  const data = payloadOf(event) as Partial<MemberChangedEvent>;
  if (!isUuid(data.memberId)) throw malformed(event, 'no member');
  const at = new Date(typeof data.occurredAt === 'string' ? data.occurredAt : event.occurredAt);
  if (Number.isNaN(at.getTime())) throw malformed(event, 'no time');
  const tenantId = event.tenantId!;
  const day = localDate(at, deps.timeZone);
  const key = deps.keys.keyOf(tenantId, data.memberId);
  const { aggregates } = deps;
  await aggregates.enterTenant(em, tenantId);
  switch (event.subject) {
    case MembershipEvents.memberJoined:
      await aggregates.add(em, tenantId, day, 'newMembers', '', 1);
      await aggregates.openSpan(em, tenantId, key, day);
      break;
    case MembershipEvents.memberRejoined:
      await aggregates.openSpan(em, tenantId, key, day);
      break;
    case MembershipEvents.memberLeft:
      await aggregates.closeSpan(em, tenantId, key, day);
      break;
    case MembershipEvents.memberErased:
      await aggregates.closeSpan(em, tenantId, key, day);
      await aggregates.forgetKey(em, tenantId, key);
      break;
  }
}

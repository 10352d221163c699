import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipEvents, type DomainEvent, type MemberChangedEvent } from '@hearth/contracts';
import { localDate } from '../periods/report-period.util';
import type { AggregatesRepository } from './aggregates.repository';
import type { MemberKeys } from './member-key.util';
import { spansOf, type MemberChangeKind } from './member-spans.util';
import { isUuid, malformed, payloadOf } from './projection-events.util';

export interface MembershipProjectionDeps {
  aggregates: AggregatesRepository;
  keys: MemberKeys;
  timeZone: string;
  /** How long after an erasure its late facts still join the erased rows (ADR 0018). */
  erasureLinkMs: number;
  now: () => Date;
}

const CHANGE_OF: Record<string, MemberChangeKind> = {
  [MembershipEvents.memberJoined]: 'joined',
  [MembershipEvents.memberRejoined]: 'rejoined',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberErased]: 'erased',
};

/**
 * newMembers (joins by day) and membership spans for activeMembers, correct in any arrival order: each fact
 * is kept under the member's pseudonymous key (the member id only derives it and is never stored) and the
 * member's spans are recomputed from all of them. Erasure moves the member's rows to a random key and leaves
 * a tombstone: facts that arrive later join those rows (for a while) or change nothing, never the old key.
 */
export async function projectMembershipEvent(
  em: EntityManager,
  event: DomainEvent,
  deps: MembershipProjectionDeps,
): Promise<void> {
  const change = CHANGE_OF[event.subject];
  if (!change) return;
  const data = payloadOf(event) as Partial<MemberChangedEvent>;
  if (!isUuid(data.memberId)) throw malformed(event, 'no member');
  const at = new Date(typeof data.occurredAt === 'string' ? data.occurredAt : event.occurredAt);
  if (Number.isNaN(at.getTime())) throw malformed(event, 'no time');
  const tenantId = event.tenantId!;
  const day = localDate(at, deps.timeZone);
  const memberKey = deps.keys.keyOf(tenantId, data.memberId);
  const { aggregates } = deps;
  await aggregates.enterTenant(em, tenantId);
  await aggregates.lockKey(em, tenantId, 'member', memberKey);
  const erased = await aggregates.erasedKey(em, tenantId, 'member', memberKey);
  // Erased, and the link to the rows forgotten: too late to place, so it counts as nobody.
  if (erased && erased.replacedBy === null) return;
  let key = erased?.replacedBy ?? memberKey;
  if (!erased && change === 'erased') {
    const linkedUntil = new Date(deps.now().getTime() + deps.erasureLinkMs);
    key = await aggregates.eraseKey(em, tenantId, 'member', memberKey, linkedUntil);
  }
  if (!(await aggregates.recordChange(em, tenantId, key, { change, at, day }))) return;
  // Erasure never changes newMembers: a join counts on its day whenever it arrives.
  if (change === 'joined') await aggregates.add(em, tenantId, day, 'newMembers', '', 1);
  await aggregates.replaceSpans(em, tenantId, key, spansOf(await aggregates.changesOf(em, tenantId, key)));
}

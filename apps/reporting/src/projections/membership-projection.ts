import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipEvents, type TypedDomainEvent } from '@hearth/contracts';
import { localDate } from '../periods/report-period.util';
import type { AggregatesRepository } from './aggregates.repository';
import type { MemberKeys } from './member-key.util';
import { spansOf, type MemberChangeKind } from './member-spans.util';

export interface MembershipProjectionDeps {
  aggregates: AggregatesRepository;
  keys: MemberKeys;
  timeZone: string;
  /** How long after an erasure its late facts still join the erased rows (ADR 0018). */
  erasureLinkMs: number;
  now: () => Date;
}

const CHANGE_OF = {
  [MembershipEvents.memberJoined]: 'joined',
  [MembershipEvents.memberRejoined]: 'rejoined',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberErased]: 'erased',
} as const satisfies Record<string, MemberChangeKind>;

/**
 * newMembers (joins by day) and membership spans for activeMembers, correct in any arrival order: each fact
 * is kept under the member's pseudonymous key (the member id only derives it and is never stored) and the
 * member's spans are recomputed from all of them. Erasure moves the member's rows to a random key and leaves
 * a tombstone: facts that arrive later join those rows (for a while) or change nothing, never the old key.
 */
export async function projectMembershipEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  deps: MembershipProjectionDeps,
): Promise<void> {
  switch (event.subject) {
    case MembershipEvents.memberJoined:
    case MembershipEvents.memberRejoined:
    case MembershipEvents.memberLeft:
    case MembershipEvents.memberErased:
      return projectMemberChange(em, event, CHANGE_OF[event.subject], deps);
  }
}

type MemberChanged = Extract<TypedDomainEvent, { subject: keyof typeof CHANGE_OF }>;

async function projectMemberChange(
  em: EntityManager,
  event: MemberChanged,
  change: MemberChangeKind,
  deps: MembershipProjectionDeps,
): Promise<void> {
  const { data } = event;
  const at = new Date(data.occurredAt);
  const tenantId = data.tenantId;
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

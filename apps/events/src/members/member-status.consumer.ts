import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EVENT_CONSUMERS,
  EventsEvents,
  MembershipEvents,
  notFound,
  type DomainEvent,
  type MemberChangedEvent,
  type ParticipantErasedEvent,
} from '@hearth/contracts';
import {
  DomainEventConsumer,
  EventConsumerHost,
  UnprocessableEventError,
  consumerOf,
  recordEvent,
} from '@hearth/messaging';
import type { Statement } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import { ParticipantKeys } from './participant-key.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The upsert's conflict clause: a status replaces an older one; of two at the same instant `left` wins (a
 * check-in then asks membership), so the outcome never depends on which arrived first.
 */
export const NEWER_STATUS_WINS = `on conflict (member_id) do update
  set status = excluded.status, changed_at = excluded.changed_at
  where (member_status.changed_at, member_status.status = 'left')
    <= (excluded.changed_at, excluded.status = 'left')`;

/**
 * An erased member's tombstone: a one-way key of the id (the id itself is never kept). Only someone who
 * already holds the id can recognise it, which is all it is for: a late join must not bring the id back.
 */
export const erasedMemberKey = (tenantId: string, memberId: string) =>
  createHash('sha256')
    .update(`hearth/events/erased-member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
    .digest('hex');

/**
 * Holds one member's changes here (an event, an erasure, a confirmation from membership) apart from each
 * other until the transaction ends, so a status cannot be written beside an erasure that does not see it.
 */
export const lockMemberStatement = (tenantId: string, memberId: string): Statement => ({
  sql: `select pg_advisory_xact_lock(hashtextextended($1, 0))`,
  params: [`events/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`],
});

/** Writes a status unless the member was erased (then nothing), and only over an older one. */
export const statusUpsertStatement = (
  tenantId: string,
  memberId: string,
  status: 'active' | 'left',
  changedAt: Date | string,
): Statement => ({
  sql: `insert into events.member_status (member_id, tenant_id, status, changed_at)
    select $1, $2, $3, $4
      where not exists (select 1 from events.erased_members where tenant_id = $2 and member_key = $5)
    ${NEWER_STATUS_WINS}`,
  params: [memberId.toLowerCase(), tenantId, status, changedAt, erasedMemberKey(tenantId, memberId)],
});

const STATUS_AFTER: Record<string, 'active' | 'left' | 'erased'> = {
  [MembershipEvents.memberJoined]: 'active',
  [MembershipEvents.memberRejoined]: 'active',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberErased]: 'erased',
};

/** Runs a statement built for the one-round-trip path inside an ORM transaction (`$n` → `?`). */
const execute = (em: EntityManager, st: Statement) =>
  em.execute(st.sql.replace(/\$(\d+)/g, '?'), positional(st), 'run');

/** The statement's parameters in the order of its `$n` placeholders (one may appear more than once). */
const positional = (st: Statement) =>
  [...st.sql.matchAll(/\$(\d+)/g)].map((m) => (st.params ?? [])[Number(m[1]) - 1]);

/**
 * Inside a write that stores a member id (an RSVP): takes the member's lock, then NOT_FOUND (as for a record
 * that never was) if their erasure has been applied here. The erasure takes the same lock, so whichever commits
 * first, the other sees it: an erasure after this write clears the id it wrote.
 */
export async function ensureNotErased(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
  await execute(em, lockMemberStatement(tenantId, memberId));
  const rows = await em.execute<unknown[]>(
    `select 1 from events.erased_members where tenant_id = ? and member_key = ?`,
    [tenantId, erasedMemberKey(tenantId, memberId)],
  );
  if (rows.length > 0) throw notFound('Member');
}

/**
 * Keeps events' copy of each member's status (id and status only) from membership's events, in any order:
 * the newest change wins, and an erasure is final whenever it arrives. A check-in trusts `active` and asks
 * membership otherwise. An erasure drops the status row, leaves a tombstone without the id, and takes the id
 * off the member's RSVPs and check-ins, which keep counting: places stay taken, registers keep their totals,
 * reporting's figures do not change. The first time it is applied it also tells reporting which participant
 * key the member's check-ins were counted under (`participant.erased`, in the same transaction), so reporting
 * re-keys them. Runs once per event (the inbox), in that LERO's transaction (RLS).
 */
export async function applyMemberEvent(
  em: EntityManager,
  event: DomainEvent,
  keys: ParticipantKeys,
): Promise<void> {
  const data = event.data as Partial<MemberChangedEvent> | null;
  const memberId = data?.memberId;
  const status = STATUS_AFTER[event.subject];
  if (!status) return; // a member event that does not change whether they can be checked in
  if (
    !event.tenantId ||
    typeof memberId !== 'string' ||
    !UUID.test(memberId) ||
    data?.tenantId !== event.tenantId
  )
    throw new UnprocessableEventError(`A malformed ${event.subject} event (${event.id}).`);
  const tenantId = event.tenantId;
  const id = memberId.toLowerCase();
  await execute(em, lockMemberStatement(tenantId, id));
  if (status !== 'erased') {
    await execute(em, statusUpsertStatement(tenantId, id, status, data?.occurredAt ?? event.occurredAt));
    return;
  }
  const tombstone = await em.execute<{ affectedRows: number }>(
    `insert into events.erased_members (tenant_id, member_key) values (?, ?) on conflict do nothing`,
    [tenantId, erasedMemberKey(tenantId, id)],
    'run',
  );
  if (tombstone.affectedRows > 0) {
    const erased: ParticipantErasedEvent = {
      tenantId,
      participantKey: keys.keyOf(tenantId, id),
      erasedAt: new Date(data?.occurredAt ?? event.occurredAt).toISOString(),
    };
    recordEvent(em, EventsEvents.participantErased, erased, tenantId);
  }
  // A check-in holds the status row (for share) until it commits: the delete waits for it, and the clearing
  // below, a later statement, sees its row.
  await em.execute(`delete from events.member_status where member_id = ?`, [id], 'run');
  for (const table of ['rsvps', 'attendance'])
    await em.execute(`update events.${table} set member_id = null where member_id = ?`, [id], 'run');
}

/** The durable consumer of member events, for the module and for tests that drive it directly. */
export const memberStatusConsumer = (db: EventsDatabase, keys: ParticipantKeys) =>
  new DomainEventConsumer({
    // Every member event (one filter: NATS 2.9 has no lists); those that change no status are passed over.
    ...consumerOf(EVENT_CONSUMERS.eventsMembers),
    db,
    handle: (em, event) => applyMemberEvent(em, event, keys),
  });

@Injectable()
export class MemberStatusConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: EventsDatabase,
    @Inject(ParticipantKeys) private readonly keys: ParticipantKeys,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.host.register(memberStatusConsumer(this.db, this.keys));
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EVENT_CONSUMERS,
  MembershipEvents,
  type DomainEvent,
  type MemberChangedEvent,
} from '@hearth/contracts';
import {
  DomainEventConsumer,
  EventConsumerHost,
  UnprocessableEventError,
  consumerOf,
} from '@hearth/messaging';
import { EventsDatabase } from '../events-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The upsert's conflict clause: a status replaces an older one, never `erased`. */
export const NEWER_STATUS_WINS = `on conflict (member_id) do update
  set status = excluded.status, changed_at = excluded.changed_at
  where member_status.status <> 'erased' and member_status.changed_at <= excluded.changed_at`;

const STATUS_AFTER: Record<string, 'active' | 'left' | 'erased'> = {
  [MembershipEvents.memberJoined]: 'active',
  [MembershipEvents.memberRejoined]: 'active',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberErased]: 'erased',
};

/**
 * Keeps events' copy of each member's status (id and status only) from membership's events, in order: a
 * check-in trusts `active` and asks membership otherwise. An erased member's RSVPs and check-ins also lose the
 * member id but keep counting: places stay taken, registers keep their totals, reporting's figures do not
 * change. Runs once per event (the inbox), in that LERO's transaction (RLS), whichever transport delivers it.
 */
export async function applyMemberEvent(em: EntityManager, event: DomainEvent): Promise<void> {
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
  // The status first: a check-in holds it (for share) until it commits, so the clearing below sees its row.
  // Retried events can arrive after newer ones: the time the change happened decides, and erasure is final.
  await em.execute(
    `insert into events.member_status (member_id, tenant_id, status, changed_at) values (?, ?, ?, ?)
      ${NEWER_STATUS_WINS}`,
    [memberId.toLowerCase(), event.tenantId, status, data?.occurredAt ?? event.occurredAt],
    'run',
  );
  if (status !== 'erased') return;
  for (const table of ['rsvps', 'attendance'])
    await em.execute(`update events.${table} set member_id = null where member_id = ?`, [memberId], 'run');
}

@Injectable()
export class MemberStatusConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: EventsDatabase,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.host.register(
      new DomainEventConsumer({
        // Every member event (one filter: NATS 2.9 has no lists); those that change no status are passed over.
        ...consumerOf(EVENT_CONSUMERS.eventsMembers),
        db: this.db,
        handle: applyMemberEvent,
      }),
    );
  }
}

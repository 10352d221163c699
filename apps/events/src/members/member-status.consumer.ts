import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EVENT_CONSUMERS,
  EventsEvents,
  MembershipEvents,
  type ParticipantErasedEvent,
  type TypedDomainEvent,
} from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf, recordEvent } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';
import { ParticipantKeys } from './participant-key.util';
import { addTombstone, forgetMember, lockMember, writeStatus } from './member-status.repository';

const STATUS_AFTER: Record<string, 'active' | 'left' | 'erased'> = {
  [MembershipEvents.memberJoined]: 'active',
  [MembershipEvents.memberRejoined]: 'active',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberErased]: 'erased',
};

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
  event: TypedDomainEvent,
  keys: ParticipantKeys,
): Promise<void> {
  switch (event.subject) {
    case MembershipEvents.memberJoined:
    case MembershipEvents.memberRejoined:
    case MembershipEvents.memberLeft:
    case MembershipEvents.memberErased:
      break;
    default:
      return; // a member event that does not change whether they can be checked in
  }
  const { data } = event;
  const status = STATUS_AFTER[event.subject];
  const tenantId = data.tenantId;
  const id = data.memberId.toLowerCase();
  await lockMember(em, tenantId, id);
  if (status !== 'erased') {
    await writeStatus(em, tenantId, id, status, data.occurredAt);
    return;
  }
  if (await addTombstone(em, tenantId, id)) {
    const erased: ParticipantErasedEvent = {
      tenantId,
      participantKey: keys.keyOf(tenantId, id),
      erasedAt: new Date(data.occurredAt).toISOString(),
    };
    recordEvent(em, EventsEvents.participantErased, erased, tenantId);
  }
  await forgetMember(em, id);
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

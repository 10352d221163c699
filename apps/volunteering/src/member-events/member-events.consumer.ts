import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_CONSUMERS, MembershipEvents, type TypedDomainEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { VolunteeringDatabase } from '../volunteering-database';
import { SignupWaitlist } from '../signups/signup-waitlist.service';
import { SignupsRepository } from '../signups/signups.repository';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { MemberErasure } from './member-erasure';

const STATUS_AFTER: Record<string, 'active' | 'left' | null> = {
  [MembershipEvents.memberJoined]: 'active',
  [MembershipEvents.memberRejoined]: 'active',
  [MembershipEvents.memberLeft]: 'left',
  [MembershipEvents.memberRolesChanged]: null,
};

/**
 * Keeps volunteering's projection of a LERO's members (ids, the `volunteer` community role, active or left) from
 * membership's events, in any order: every event carries the roles as they then were, so the newest (time, id)
 * sets them; join, leave and rejoin set the status the same way. An erasure removes the row whenever it arrives
 * and leaves a one-way key, so a late event cannot bring the id back; everything else volunteering holds of them goes
 * with it (`MemberErasure`: training records, sign-ups; ADR 0053, 0060). Runs once per event (the inbox), in that
 * LERO's transaction (RLS).
 */
export async function applyMemberEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  erasure: MemberErasure,
): Promise<void> {
  switch (event.subject) {
    case MembershipEvents.memberJoined:
    case MembershipEvents.memberRejoined:
    case MembershipEvents.memberLeft:
    case MembershipEvents.memberRolesChanged:
    case MembershipEvents.memberErased:
      break;
    default:
      return; // a member event that says nothing of who volunteers
  }
  const { data } = event;
  const memberId = data.memberId.toLowerCase();
  await VolunteersRepository.lock(em, data.tenantId, memberId);
  if (event.subject === MembershipEvents.memberErased) {
    await erasure.erase(em, { tenantId: data.tenantId, memberId, now: new Date() });
    return;
  }
  await VolunteersRepository.write(em, {
    tenantId: data.tenantId,
    memberId,
    volunteer: data.communityRoles.includes('volunteer'),
    status: STATUS_AFTER[event.subject],
    version: { at: new Date(data.occurredAt).toISOString(), eventId: event.id },
  });
}

/** The durable consumer of member events, for the module and for tests that drive it directly. */
export const memberEventsConsumer = (
  db: VolunteeringDatabase,
  erasure = new MemberErasure(new SignupWaitlist(new SignupsRepository(db))),
) =>
  new DomainEventConsumer({
    // Every member event (one filter: NATS 2.9 has no lists); those that say nothing of volunteering pass over.
    ...consumerOf(EVENT_CONSUMERS.volunteeringMembers),
    db,
    handle: (em, event) => applyMemberEvent(em, event, erasure),
  });

@Injectable()
export class MemberEventsConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: VolunteeringDatabase,
    private readonly erasure: MemberErasure,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.host.register(memberEventsConsumer(this.db, this.erasure));
  }
}

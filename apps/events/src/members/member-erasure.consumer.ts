import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipEvents, type DomainEvent, type MemberChangedEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An erased member's RSVPs and check-ins lose the member id but keep counting: places stay taken, registers
 * keep their totals, reporting's figures do not change. Runs once per event (the inbox), in that LERO's
 * transaction (RLS), whichever transport delivers it.
 */
export async function forgetMember(em: EntityManager, event: DomainEvent): Promise<void> {
  const data = event.data as Partial<MemberChangedEvent> | null;
  const memberId = data?.memberId;
  if (
    !event.tenantId ||
    typeof memberId !== 'string' ||
    !UUID.test(memberId) ||
    data?.tenantId !== event.tenantId
  )
    throw new Error(`A malformed ${event.subject} event (${event.id}).`);
  for (const table of ['rsvps', 'attendance'])
    await em.execute(`update events.${table} set member_id = null where member_id = ?`, [memberId], 'run');
}

@Injectable()
export class MemberErasureConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: EventsDatabase,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.host.register(
      new DomainEventConsumer({
        name: 'events-membership',
        subjects: [MembershipEvents.memberErased],
        db: this.db,
        handle: forgetMember,
      }),
    );
  }
}

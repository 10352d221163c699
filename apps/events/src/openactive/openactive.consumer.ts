import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_CONSUMERS, EventsEvents, TenantsEvents, type TypedDomainEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';
import { recordLero, syncOpenActive } from './openactive-sync';

/**
 * The OpenActive feed follows the LEROs (their choice, status, name and public email, from the tenants service's
 * events) and this service's own activity and session events: each brings the LERO's (or the activity's) items
 * in line with what is there now, so the order events arrive in does not matter (ADR 0078).
 */
export async function applyOpenActiveEvent(em: EntityManager, event: TypedDomainEvent): Promise<void> {
  switch (event.subject) {
    case TenantsEvents.tenantOnboarded:
    case TenantsEvents.tenantUpdated:
    case TenantsEvents.tenantActivated:
    case TenantsEvents.tenantSuspended:
    case TenantsEvents.tenantArchived:
      await recordLero(em, event.data, event.occurredAt, event.id);
      await syncOpenActive(em, event.data.tenantId);
      return;
    case EventsEvents.activityCreated:
    case EventsEvents.activityUpdated:
    case EventsEvents.activityDeleted:
    case EventsEvents.activityPaused:
    case EventsEvents.activityResumed:
    case EventsEvents.activityEnded:
    case EventsEvents.sessionCancelled:
      await syncOpenActive(em, event.data.tenantId, event.data.activityId);
      return;
    default:
      return; // a session held changes nothing the feed shows
  }
}

/** The three durable consumers (one filter each, as NATS 2.9 requires), for the module and for tests. */
export const openActiveConsumers = (db: EventsDatabase) =>
  [
    EVENT_CONSUMERS.eventsOpenActiveTenants,
    EVENT_CONSUMERS.eventsOpenActiveActivities,
    EVENT_CONSUMERS.eventsOpenActiveSessions,
  ].map((c) => new DomainEventConsumer({ ...consumerOf(c), db, handle: applyOpenActiveEvent }));

@Injectable()
export class OpenActiveConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: EventsDatabase,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    for (const consumer of openActiveConsumers(this.db)) await this.host.register(consumer);
  }
}

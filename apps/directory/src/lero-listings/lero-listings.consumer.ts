import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EVENT_CONSUMERS,
  EventsEvents,
  TenantsEvents,
  VolunteeringEvents,
  type TypedDomainEvent,
} from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { DirectoryDatabase } from '../directory-database';
import { LeroSources, type ActivitySource } from './lero-sources.repository';
import { RoleSources } from './role-sources.repository';
import { syncLeroListings } from './lero-listings.writer';

/** An activity's life as its event's subject tells it, for events from before they carried `status`. */
const STATUS_OF: Partial<Record<string, ActivitySource['status']>> = {
  [EventsEvents.activityPaused]: 'paused',
  [EventsEvents.activityEnded]: 'ended',
};

/**
 * One event of a LERO, of its activity or of its volunteering role: the source it speaks of keeps this event's state if it is the newest
 * seen (by time, then id), and the LERO's listings are made to match. Older events change nothing, so any
 * arrival order ends alike; the inbox drops redeliveries.
 */
export async function applyLeroListingEvent(em: EntityManager, event: TypedDomainEvent): Promise<void> {
  const v = { occurredAt: event.occurredAt, eventId: event.id };
  switch (event.subject) {
    case TenantsEvents.tenantOnboarded:
    case TenantsEvents.tenantUpdated:
    case TenantsEvents.tenantActivated:
    case TenantsEvents.tenantSuspended:
    case TenantsEvents.tenantArchived: {
      const d = event.data;
      await LeroSources.enterLero(em, d.tenantId);
      const fresh = await LeroSources.upsertLero(
        em,
        {
          tenant_id: d.tenantId,
          region_id: d.regionId,
          name: d.name,
          status: d.status,
          publish_to_directory: d.publishToDirectory ?? false,
          contact_email: d.publishToDirectory ? (d.publicContactEmail ?? null) : null,
        },
        v,
      );
      if (fresh) await syncLeroListings(em, d.tenantId);
      return;
    }
    case EventsEvents.activityCreated:
    case EventsEvents.activityUpdated:
    case EventsEvents.activityPaused:
    case EventsEvents.activityResumed:
    case EventsEvents.activityEnded:
    case EventsEvents.activityDeleted: {
      const d = event.data;
      await LeroSources.enterLero(em, d.tenantId);
      const listed = d.visibility === 'public' && d.publishToDirectory !== false && d.listing;
      const fresh = await LeroSources.upsertActivity(
        em,
        {
          id: d.activityId,
          tenant_id: d.tenantId,
          status: d.status ?? STATUS_OF[event.subject] ?? 'active',
          removed: event.subject === EventsEvents.activityDeleted,
          listing: listed ? { ...d.listing!, title: d.title, category: d.category } : null,
        },
        v,
      );
      if (fresh) await syncLeroListings(em, d.tenantId, { activityId: d.activityId });
      return;
    }
    case VolunteeringEvents.rolePublished:
    case VolunteeringEvents.roleUpdated:
    case VolunteeringEvents.roleClosed: {
      // A public role's public facts (ADR 0058); of a members-only one nothing but that it is not listed.
      const d = event.data;
      await LeroSources.enterLero(em, d.tenantId);
      const listed = d.visibility === 'public' && d.listing;
      const fresh = await RoleSources.upsert(
        em,
        {
          id: d.roleId,
          tenant_id: d.tenantId,
          status: d.status,
          listing: listed ? { ...d.listing!, title: d.title } : null,
        },
        v,
      );
      if (fresh) await syncLeroListings(em, d.tenantId, { roleId: d.roleId });
      return;
    }
  }
}

/** The directory's consumers of LEROs', their activities' and their roles' events (one durable per source service). */
export const leroListingConsumers = (db: DirectoryDatabase): DomainEventConsumer[] =>
  [
    EVENT_CONSUMERS.directoryTenants,
    EVENT_CONSUMERS.directoryActivities,
    EVENT_CONSUMERS.directoryVolunteering,
  ].map(
    (contract) => new DomainEventConsumer({ ...consumerOf(contract), db, handle: applyLeroListingEvent }),
  );

/** Registers the consumers before any outbox relay starts (relays start at bootstrap), whatever the transport. */
@Injectable()
export class LeroListingConsumers implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: DirectoryDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const consumer of leroListingConsumers(this.db)) await this.host.register(consumer);
  }
}

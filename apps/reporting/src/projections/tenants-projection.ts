import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantsEvents, type TypedDomainEvent } from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';

/**
 * The LERO directory: regions, and each LERO's region, name, reporting visibility and status. Every LERO event
 * carries the whole LERO, so the newest one (by time, then id) decides, whatever order they arrive in.
 */
export async function projectTenantsEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  aggregates: AggregatesRepository,
): Promise<void> {
  switch (event.subject) {
    case TenantsEvents.regionCreated:
      await aggregates.upsertRegion(em, event.data.regionId, event.data.name);
      return;
    case TenantsEvents.tenantOnboarded:
    case TenantsEvents.tenantUpdated:
    case TenantsEvents.tenantActivated:
    case TenantsEvents.tenantSuspended:
    case TenantsEvents.tenantArchived: {
      const { data } = event;
      await aggregates.upsertLero(em, {
        id: data.tenantId,
        regionId: data.regionId,
        name: data.name,
        visibility: data.reportingVisibility,
        status: data.status,
        at: event.occurredAt,
        version: event.id,
      });
      return;
    }
  }
}

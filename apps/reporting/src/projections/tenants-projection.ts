import type { EntityManager } from '@mikro-orm/postgresql';
import {
  REPORTING_VISIBILITIES,
  TENANT_STATUSES,
  TenantsEvents,
  type DomainEvent,
  type RegionCreatedEvent,
  type TenantChangedEvent,
} from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';
import { isUuid, malformed, payloadOf } from './projection-events.util';

const TENANT_CHANGES: string[] = [
  TenantsEvents.tenantOnboarded,
  TenantsEvents.tenantUpdated,
  TenantsEvents.tenantActivated,
  TenantsEvents.tenantSuspended,
  TenantsEvents.tenantArchived,
];

/**
 * The LERO directory: regions, and each LERO's region, name, reporting visibility and status. Every LERO event
 * carries the whole LERO, so the newest one (by time, then id) decides, whatever order they arrive in.
 */
export async function projectTenantsEvent(
  em: EntityManager,
  event: DomainEvent,
  aggregates: AggregatesRepository,
): Promise<void> {
  if (event.subject === TenantsEvents.regionCreated) {
    const data = payloadOf(event, { ownTenant: false }) as Partial<RegionCreatedEvent>;
    if (!isUuid(data.regionId) || typeof data.name !== 'string') throw malformed(event, 'no region');
    await aggregates.upsertRegion(em, data.regionId, data.name);
    return;
  }
  if (!TENANT_CHANGES.includes(event.subject)) return;
  const data = payloadOf(event) as Partial<TenantChangedEvent>;
  if (
    !isUuid(data.regionId) ||
    typeof data.name !== 'string' ||
    !(REPORTING_VISIBILITIES as readonly unknown[]).includes(data.reportingVisibility) ||
    !(TENANT_STATUSES as readonly unknown[]).includes(data.status)
  )
    throw malformed(event, 'not a LERO');
  if (!isUuid(event.id)) throw malformed(event, 'no event id');
  await aggregates.upsertLero(em, {
    id: data.tenantId!,
    regionId: data.regionId,
    name: data.name,
    visibility: data.reportingVisibility!,
    status: data.status!,
    at: event.occurredAt,
    version: event.id,
  });
}

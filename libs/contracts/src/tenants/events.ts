import type { ReportingVisibility, TenantStatus } from './tenant.dto';

/** Payload of every `evt.tenants.tenant.*` event: the LERO as it is after the change. No personal data. */
export interface TenantChangedEvent {
  tenantId: string;
  regionId: string;
  name: string;
  slug: string;
  status: TenantStatus;
  reportingVisibility: ReportingVisibility;
}

export interface RegionCreatedEvent {
  regionId: string;
  name: string;
  slug: string;
}

import type { TenantChangedEvent, TenantView } from '@hearth/contracts';
import type { Tenant } from './tenant.entity';

export const tenantView = (t: Tenant): TenantView => ({
  id: t.id,
  regionId: t.regionId,
  name: t.name,
  slug: t.slug,
  status: t.status,
  reportingVisibility: t.reportingVisibility,
  contactEmail: t.contactEmail,
  publishToDirectory: t.publishToDirectory,
  publishToOpenActive: t.publishToOpenActive,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const tenantEvent = (t: Tenant): TenantChangedEvent => ({
  tenantId: t.id,
  regionId: t.regionId,
  name: t.name,
  slug: t.slug,
  status: t.status,
  reportingVisibility: t.reportingVisibility,
  publishToDirectory: t.publishToDirectory,
  publishToOpenActive: t.publishToOpenActive,
  // Public once the LERO publishes to the directory or OpenActive; until then it stays in this service.
  publicContactEmail: t.publishToDirectory || t.publishToOpenActive ? t.contactEmail : null,
});

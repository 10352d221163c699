import { Injectable } from '@nestjs/common';
import { notFound, type PublicRegionLerosView, type PublicTenantView } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { Region } from '../regions/region.entity';
import type { Tenant } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';

const publicView = (
  t: Pick<Tenant, 'id' | 'name' | 'slug' | 'status' | 'reportingVisibility'>,
): PublicTenantView => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  status: t.status,
  reportingVisibility: t.reportingVisibility,
});

/** Public pages ask the registry for a LERO by slug; a LERO that is not active publishes nothing. */
@Injectable()
export class PublicTenantsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly tenants: TenantsRepository,
  ) {}

  async bySlug(slug: string): Promise<PublicTenantView> {
    const tenant = await this.tenants.activeBySlug(this.db.em(), slug);
    if (!tenant) throw notFound('LERO');
    return publicView(tenant);
  }

  /** A region's active LEROs by the region's slug; NOT_FOUND for a slug that is no region's. */
  async inRegion(slug: string): Promise<PublicRegionLerosView> {
    const em = this.db.em();
    const region = await em.findOne(Region, { slug });
    if (!region) throw notFound('Region');
    const leros = await this.tenants.activeInRegion(em, region.id);
    return { region: { id: region.id, name: region.name, slug: region.slug }, leros: leros.map(publicView) };
  }
}

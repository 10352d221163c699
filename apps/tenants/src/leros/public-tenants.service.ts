import { Injectable } from '@nestjs/common';
import { notFound, type PublicTenantView } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TenantsRepository } from './tenants.repository';

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
    return { id: tenant.id, name: tenant.name, slug: tenant.slug, status: tenant.status };
  }
}

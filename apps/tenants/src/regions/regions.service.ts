import { Injectable } from '@nestjs/common';
import {
  AppError,
  notFound,
  REGION_ROLES,
  TenantsEvents,
  type PublicRegionView,
  type CreateRegionDto,
  type RegionView,
  type RequestContext,
} from '@hearth/contracts';
import { isPlatformAdmin, regionIdsWith, requireActor } from '@hearth/auth';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { Region } from './region.entity';
import { slugTaken } from './regions.exception';

const view = (r: Region): RegionView => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  createdAt: r.createdAt.toISOString(),
});

@Injectable()
export class RegionsService {
  constructor(private readonly db: TenantsDatabase) {}

  async create(ctx: RequestContext, dto: CreateRegionDto): Promise<RegionView> {
    if (!isPlatformAdmin(requireActor(ctx.actor)))
      throw new AppError('FORBIDDEN', 'Only a platform admin can create regions.');
    return this.db.em().transactional(async (em) => {
      if (await em.count(Region, { slug: dto.slug })) {
        throw slugTaken(dto.slug);
      }
      const region = em.create(Region, { name: dto.name.trim(), slug: dto.slug, createdAt: new Date() });
      em.persist(region);
      recordEvent(
        em,
        TenantsEvents.regionCreated,
        { regionId: region.id, name: region.name, slug: region.slug },
        null,
      );
      return view(region);
    });
  }

  async list(ctx: RequestContext): Promise<{ items: RegionView[] }> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const where = isPlatformAdmin(actor) ? {} : { id: { $in: regionIdsWith(actor, REGION_ROLES) } };
    return { items: (await em.find(Region, where, { orderBy: { name: 'asc' } })).map(view) };
  }

  /** A region's public identity by its slug; NOT_FOUND for a slug that is no region's. */
  async bySlug(slug: string): Promise<PublicRegionView> {
    const region = await this.db.em().findOne(Region, { slug });
    if (!region) throw notFound('Region');
    return { id: region.id, name: region.name, slug: region.slug };
  }
}

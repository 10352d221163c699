import { Injectable } from '@nestjs/common';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from './tenant.entity';

/** Queries of the LERO registry. */
@Injectable()
export class TenantsRepository {
  /** Up to `limit` LEROs matching every condition, in id order (the cursor's order). */
  page(em: EntityManager, where: FilterQuery<Tenant>[], limit: number): Promise<Tenant[]> {
    return em.find(Tenant, { $and: where }, { orderBy: { id: 'asc' }, limit });
  }

  slugTaken(em: EntityManager, slug: string): Promise<boolean> {
    return em.count(Tenant, { slug }).then((n) => n > 0);
  }

  /** An active LERO's public identity by its slug. */
  activeBySlug(em: EntityManager, slug: string) {
    return em.findOne(
      Tenant,
      { slug, status: 'active' },
      { fields: ['id', 'name', 'slug', 'status', 'reportingVisibility'] },
    );
  }

  /** A region's active LEROs' public identities and figures setting, by name (its public pages). */
  activeInRegion(em: EntityManager, regionId: string) {
    return em.find(
      Tenant,
      { regionId, status: 'active' },
      {
        fields: ['id', 'name', 'slug', 'status', 'reportingVisibility'],
        orderBy: { name: 'asc' },
        limit: 500,
      },
    );
  }

  /** Locks the LERO's row until the transaction ends (a change that counts its admins). */
  async lock(em: EntityManager, id: string): Promise<void> {
    await em.findOneOrFail(Tenant, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Of these LEROs, the ones that are suspended or archived. */
  closedAmong(em: EntityManager, ids: string[]): Promise<Pick<Tenant, 'id' | 'regionId'>[]> {
    return em.find(
      Tenant,
      { id: { $in: ids }, status: { $in: ['suspended', 'archived'] } },
      { fields: ['id', 'regionId'] },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoleStatus } from '@hearth/contracts';
import { VolunteerRole } from './role.entity';

/** Queries of volunteering roles, in the caller's tenant-bound context. */
@Injectable()
export class RolesRepository {
  /** A page of the LERO's roles, by id after `afterId`, one more than `limit`; of one status when given. */
  page(
    em: EntityManager,
    f: { status?: RoleStatus; afterId?: string; limit: number },
  ): Promise<VolunteerRole[]> {
    return em.find(
      VolunteerRole,
      { ...(f.status ? { status: f.status } : {}), ...(f.afterId ? { id: { $gt: f.afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit: f.limit + 1 },
    );
  }

  /** The LERO's open public roles (what its public page lists), oldest first, at most `limit`. */
  openPublic(em: EntityManager, limit: number): Promise<VolunteerRole[]> {
    return em.find(
      VolunteerRole,
      { status: 'open', visibility: 'public' },
      { orderBy: { id: 'asc' }, limit },
    );
  }

  /** The roles with these ids that are the LERO's (RLS hides any other). */
  findMany(em: EntityManager, ids: string[]): Promise<VolunteerRole[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.find(VolunteerRole, { id: { $in: ids } });
  }

  /** The LERO's public roles that require this catalogue item, locked (their events follow the lock's order). */
  publicRequiring(em: EntityManager, trainingId: string): Promise<VolunteerRole[]> {
    return em
      .createQueryBuilder(VolunteerRole)
      .select('*')
      .where({ visibility: 'public' })
      .andWhere('requirement_ids @> ?::jsonb', [JSON.stringify([trainingId])])
      .orderBy({ id: 'asc' })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .getResult();
  }

  find(em: EntityManager, roleId: string, lock = false): Promise<VolunteerRole | null> {
    return em.findOne(VolunteerRole, { id: roleId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }
}

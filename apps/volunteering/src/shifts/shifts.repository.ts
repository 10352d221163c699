import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Shift } from './shift.entity';

/** Queries of shifts, in the caller's tenant-bound context. */
@Injectable()
export class ShiftsRepository {
  /** A page of a role's shifts, by id after `afterId`, one more than `limit`. */
  page(em: EntityManager, roleId: string, f: { afterId?: string; limit: number }): Promise<Shift[]> {
    return em.find(
      Shift,
      { roleId, ...(f.afterId ? { id: { $gt: f.afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit: f.limit + 1 },
    );
  }

  findMany(em: EntityManager, ids: string[]): Promise<Shift[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.find(Shift, { id: { $in: ids } });
  }

  find(em: EntityManager, shiftId: string, lock = false): Promise<Shift | null> {
    return em.findOne(Shift, { id: shiftId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** The shifts with an occurrence that may start in [from, until): first before `until`, last (if any) from `from`. */
  spanning(em: EntityManager, from: Date, until: Date): Promise<Shift[]> {
    return em.find(
      Shift,
      { firstStartsAt: { $lt: until }, $or: [{ lastStartsAt: null }, { lastStartsAt: { $gte: from } }] },
      { orderBy: { firstStartsAt: 'asc', id: 'asc' } },
    );
  }
}

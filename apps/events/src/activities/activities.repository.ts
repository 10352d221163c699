import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityCategory } from '@hearth/contracts';
import { Activity } from '../programme/activity.entity';

/** Queries of activities, in the caller's tenant-bound context. */
@Injectable()
export class ActivitiesRepository {
  /** A page of the LERO's activities (not removed), by id after `afterId`, one more than `limit`. */
  page(
    em: EntityManager,
    f: { category?: ActivityCategory; afterId?: string; limit: number },
  ): Promise<Activity[]> {
    return em.find(
      Activity,
      {
        deletedAt: null,
        ...(f.category ? { category: f.category } : {}),
        ...(f.afterId ? { id: { $gt: f.afterId } } : {}),
      },
      { orderBy: { id: 'asc' }, limit: f.limit + 1 },
    );
  }

  /** An activity not removed, locked for the transaction with `lock`. */
  find(em: EntityManager, activityId: string, lock = false): Promise<Activity | null> {
    return em.findOne(
      Activity,
      { id: activityId, deletedAt: null },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
  }
}

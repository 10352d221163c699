import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrainingKind } from '@hearth/contracts';
import { TrainingItem } from './training.entity';

/** Queries of the training catalogue, in the caller's tenant-bound context. */
@Injectable()
export class TrainingRepository {
  /** A page of the LERO's catalogue, by id after `afterId`, one more than `limit`. */
  page(
    em: EntityManager,
    f: { kind?: TrainingKind; afterId?: string; limit: number },
  ): Promise<TrainingItem[]> {
    return em.find(
      TrainingItem,
      { ...(f.kind ? { kind: f.kind } : {}), ...(f.afterId ? { id: { $gt: f.afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit: f.limit + 1 },
    );
  }

  find(em: EntityManager, trainingId: string, lock = false): Promise<TrainingItem | null> {
    return em.findOne(TrainingItem, { id: trainingId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** The LERO's catalogue items among `ids` (another LERO's ids are simply not found). */
  findMany(em: EntityManager, ids: string[]): Promise<TrainingItem[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.find(TrainingItem, { id: { $in: ids } });
  }
}

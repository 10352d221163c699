import { Injectable } from '@nestjs/common';
import {
  notFound,
  VolunteeringEvents,
  type CreateTrainingRequest,
  type ListTrainingRequest,
  type Page,
  type RequestContext,
  type TrainingView,
  type UpdateTrainingRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { authoriseInLero } from '../volunteering-access';
import { TrainingItem } from './training.entity';
import { TrainingRepository } from './training.repository';
import { TrainingRenamed } from './training-renamed.hook';
import { trainingEvent, trainingView } from './training.view';

const DEFAULT_PAGE = 50;

/** The LERO's catalogue of training and checks (a DBS check is a `check`): what roles can require. */
@Injectable()
export class TrainingService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly training: TrainingRepository,
    private readonly renamed: TrainingRenamed,
  ) {}

  async create(ctx: RequestContext, dto: CreateTrainingRequest): Promise<TrainingView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Training');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const now = new Date();
      const item = em.create(TrainingItem, {
        tenantId,
        name: dto.name.trim(),
        kind: dto.kind,
        validityMonths: dto.validityMonths ?? null,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(item);
      recordEvent(em, VolunteeringEvents.trainingAdded, trainingEvent(item), tenantId);
      return trainingView(item);
    });
  }

  async list(ctx: RequestContext, query: ListTrainingRequest): Promise<Page<TrainingView>> {
    const { tenantId } = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Training');
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.training.page(this.db.forTenant(tenantId).em, {
      kind: query.kind,
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, trainingView);
  }

  async update(ctx: RequestContext, dto: UpdateTrainingRequest): Promise<TrainingView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Training', 'Training');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const item = await this.training.find(em, dto.trainingId, true);
      if (!item) throw notFound('Training');
      const { tenantId: _t, trainingId: _i, ...changes } = dto;
      if (Object.values(changes).every((v) => v === undefined)) return trainingView(item);
      const before = item.name;
      if (dto.name !== undefined) item.name = dto.name.trim();
      if (dto.kind !== undefined) item.kind = dto.kind;
      if (dto.validityMonths !== undefined) item.validityMonths = dto.validityMonths ?? null;
      item.updatedAt = new Date();
      recordEvent(em, VolunteeringEvents.trainingUpdated, trainingEvent(item), tenantId);
      if (item.name !== before) await this.renamed.onTrainingRenamed(em, item);
      return trainingView(item);
    });
  }
}

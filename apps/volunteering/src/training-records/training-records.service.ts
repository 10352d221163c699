import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  notFound,
  VolunteeringEvents,
  type CorrectTrainingRecordRequest,
  type ExpiredTrainingRequest,
  type ExpiringTrainingRequest,
  type ExpiryView,
  type ListTrainingRecordsRequest,
  type Page,
  type RecordTrainingRequest,
  type RemoveTrainingRecordRequest,
  type RequestContext,
  type TrainingRecordView,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf, type TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { authoriseInLero } from '../volunteering-access';
import { TrainingRepository } from '../training/training.repository';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import type { TrainingItem } from '../training/training.entity';
import { TrainingRecord } from './training-record.entity';
import { TrainingRecordsRepository } from './training-records.repository';
import { completedInFuture, unknownTraining } from './training-records.exception';
import { addDays, expiryOf, todayInUk } from './training-dates.util';
import { decodeExpiryCursor, expiryPage } from './expiry-cursor.util';
import { expiryView, recordRow, trainingRecordEvent, trainingRecordView } from './training-record.view';

const DEFAULT_PAGE = 50;

/** The training credentials issued for a record, revoked with their events (the record was removed or corrected). */
async function revokeCredentialsOf(em: EntityManager, tenantId: TenantId, recordId: string): Promise<void> {
  for (const c of await TrainingRecordsRepository.revokeOfRecord(em, tenantId, recordId))
    recordEvent(
      em,
      VolunteeringEvents.credentialRevoked,
      { tenantId, credentialId: c.id, kind: 'training', revokedAt: new Date(c.revokedAt).toISOString() },
      tenantId,
    );
}
const DEFAULT_EXPIRING_DAYS = 30;

/**
 * Volunteers' training and check records (ADR 0053): recorded and corrected by the LERO's coordinators (verified by
 * their account), read by them and by the volunteer themselves; the expiring and expired lists.
 */
@Injectable()
export class TrainingRecordsService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly records: TrainingRecordsRepository,
    private readonly training: TrainingRepository,
  ) {}

  async record(ctx: RequestContext, dto: RecordTrainingRequest): Promise<TrainingRecordView> {
    const { actor, tenantId } = authoriseInLero(
      ctx.actor,
      dto.tenantId,
      'create',
      'TrainingRecord',
      'Member',
    );
    const memberId = dto.memberId.toLowerCase();
    const today = todayInUk();
    if (dto.completedOn > today) throw completedInFuture();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const item = await this.item(em, dto.trainingId);
      // Held against the member's erasure (ADR 0050's lock): no record outlives the row it was checked against.
      await VolunteersRepository.lock(em, tenantId, memberId);
      await this.records.requireActiveVolunteer(em, tenantId, memberId);
      const now = new Date();
      const record = em.create(TrainingRecord, {
        tenantId,
        memberId,
        trainingId: item.id,
        completedOn: dto.completedOn,
        expiresOn: expiryOf(dto.completedOn, item.validityMonths),
        how: dto.how,
        verifiedBy: actor.accountId,
        recordedAt: now,
        updatedAt: now,
      });
      em.persist(record);
      recordEvent(em, VolunteeringEvents.trainingRecorded, trainingRecordEvent(record, item), tenantId);
      return trainingRecordView(recordRow(record, item), today);
    });
  }

  async list(ctx: RequestContext, query: ListTrainingRecordsRequest): Promise<Page<TrainingRecordView>> {
    const memberId = query.memberId.toLowerCase();
    const { tenantId } = authoriseInLero(ctx.actor, query.tenantId, 'read', 'TrainingRecord', 'Member', {
      memberId,
    });
    const limit = query.limit ?? DEFAULT_PAGE;
    const { known, rows } = await this.records.pageOfMember(tenantId, memberId, {
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    if (!known) throw notFound('Member');
    const today = todayInUk();
    return pageOf(rows, limit, (r) => trainingRecordView(r, today));
  }

  async correct(ctx: RequestContext, dto: CorrectTrainingRecordRequest): Promise<TrainingRecordView> {
    const { actor, tenantId } = authoriseInLero(
      ctx.actor,
      dto.tenantId,
      'update',
      'TrainingRecord',
      'Training record',
    );
    const today = todayInUk();
    if (dto.completedOn !== undefined && dto.completedOn > today) throw completedInFuture();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const record = await this.find(em, dto.memberId, dto.recordId);
      const item = await this.item(em, dto.trainingId ?? record.trainingId);
      const { tenantId: _t, memberId: _m, recordId: _r, ...changes } = dto;
      if (Object.values(changes).every((v) => v === undefined))
        return trainingRecordView(recordRow(record, item), today);
      if (dto.how !== undefined) record.how = dto.how;
      // A record no longer accepted from a passport no longer names the passport's issuer (ADR 0056).
      if (record.how !== 'accepted-from-passport') {
        record.acceptedFromIssuer = null;
        record.acceptedFromName = null;
      }
      if (dto.trainingId !== undefined || dto.completedOn !== undefined) {
        // Credentials issued for the record vouch for the item and date it had: no longer so (ADR 0056).
        if (record.trainingId !== item.id || record.completedOn !== (dto.completedOn ?? record.completedOn))
          await revokeCredentialsOf(em, tenantId, record.id);
        record.trainingId = item.id;
        record.completedOn = dto.completedOn ?? record.completedOn;
        record.expiresOn = expiryOf(record.completedOn, item.validityMonths);
      }
      // Whoever corrects it has verified it anew.
      record.verifiedBy = actor.accountId;
      record.updatedAt = new Date();
      recordEvent(em, VolunteeringEvents.trainingCorrected, trainingRecordEvent(record, item), tenantId);
      return trainingRecordView(recordRow(record, item), today);
    });
  }

  async remove(ctx: RequestContext, dto: RemoveTrainingRecordRequest): Promise<{ removed: true }> {
    const { tenantId } = authoriseInLero(
      ctx.actor,
      dto.tenantId,
      'delete',
      'TrainingRecord',
      'Training record',
    );
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const record = await this.find(em, dto.memberId, dto.recordId);
      await revokeCredentialsOf(em, tenantId, record.id);
      em.remove(record);
      recordEvent(
        em,
        VolunteeringEvents.trainingRemoved,
        { tenantId, recordId: record.id, trainingId: record.trainingId },
        tenantId,
      );
      return { removed: true as const };
    });
  }

  async expiring(ctx: RequestContext, query: ExpiringTrainingRequest): Promise<Page<ExpiryView>> {
    const tenantId = this.coordinator(ctx, query.tenantId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const today = todayInUk();
    const rows = await this.records.expiring(tenantId, {
      today,
      until: addDays(today, query.days ?? DEFAULT_EXPIRING_DAYS),
      after: query.cursor ? decodeExpiryCursor(query.cursor) : undefined,
      limit,
    });
    return expiryPage(rows, limit, expiryView);
  }

  async expired(ctx: RequestContext, query: ExpiredTrainingRequest): Promise<Page<ExpiryView>> {
    const tenantId = this.coordinator(ctx, query.tenantId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.records.expired(tenantId, {
      today: todayInUk(),
      after: query.cursor ? decodeExpiryCursor(query.cursor) : undefined,
      limit,
    });
    return expiryPage(rows, limit, expiryView);
  }

  /** The lists name members: for those who run volunteering (a volunteer's own-record right does not reach them). */
  private coordinator(ctx: RequestContext, tenantId: string): TenantId {
    return authoriseInLero(ctx.actor, tenantId, 'update', 'TrainingRecord').tenantId;
  }

  private async find(em: EntityManager, memberId: string, recordId: string): Promise<TrainingRecord> {
    const record = await this.records.find(em, memberId.toLowerCase(), recordId.toLowerCase());
    if (!record) throw notFound('Training record');
    return record;
  }

  private async item(em: EntityManager, trainingId: string): Promise<TrainingItem> {
    const item = await this.training.find(em, trainingId.toLowerCase());
    if (!item) throw unknownTraining();
    return item;
  }
}

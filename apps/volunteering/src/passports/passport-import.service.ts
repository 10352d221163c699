import { Injectable } from '@nestjs/common';
import {
  VolunteeringEvents,
  type ImportedTrainingView,
  type ImportPassportRequest,
  type PassportImportView,
  type RequestContext,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { VolunteeringDatabase } from '../volunteering-database';
import { authoriseInLero } from '../volunteering-access';
import { invalidField } from '../roles/roles.exception';
import { TrainingItem } from '../training/training.entity';
import { TrainingRecord } from '../training-records/training-record.entity';
import { TrainingRecordsRepository } from '../training-records/training-records.repository';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { expiryOf, todayInUk } from '../training-records/training-dates.util';
import { trainingRecordEvent } from '../training-records/training-record.view';
import { PassportsRepository } from './passports.repository';
import { PassportsService } from './passports.service';
import { passportItems, type PassportItem } from './passport-items.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Another LERO's passport (or one training credential) into this LERO's records (ADR 0056): a coordinator does it
 * with the passport the volunteer gave them — giving it is the consent. Only a `valid` one is read; each achievement
 * becomes a record `accepted-from-passport` noting its issuer, of the catalogue item `trainingMap` names for it or
 * else the one item of the same name and kind.
 */
@Injectable()
export class PassportImportService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly passports: PassportsService,
    private readonly repository: PassportsRepository,
    private readonly records: TrainingRecordsRepository,
  ) {}

  async import(ctx: RequestContext, dto: ImportPassportRequest): Promise<PassportImportView> {
    const { actor, tenantId } = authoriseInLero(
      ctx.actor,
      dto.tenantId,
      'create',
      'TrainingRecord',
      'Member',
    );
    const map = checkedMap(dto.trainingMap ?? {});
    const verdict = await this.passports.verifier.verify(dto.passport);
    if (verdict.status !== 'valid' || !verdict.claims)
      throw invalidField('passport', `is ${verdict.status}${verdict.reason ? ` (${verdict.reason})` : ''}`);
    const { issuer, items } = passportItems(verdict.claims);
    const memberId = dto.memberId.toLowerCase();
    const today = todayInUk();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      await VolunteersRepository.lock(em, tenantId, memberId);
      await this.records.requireActiveVolunteer(em, tenantId, memberId);
      const catalogue = await em.find(TrainingItem, { tenantId });
      for (const trainingId of map.values())
        if (!catalogue.some((c) => c.id === trainingId))
          throw invalidField('trainingMap', `names ${trainingId}, which is not in this LERO’s catalogue`);
      const out: ImportedTrainingView[] = [];
      for (const it of items) {
        const item = matchItem(it, catalogue, map);
        const base = { achievementId: it.achievementId, name: it.name };
        if (!item) out.push({ ...base, skipped: 'no-matching-training' });
        else if (it.expiresOn && it.expiresOn <= today) out.push({ ...base, skipped: 'expired' });
        else if (await this.repository.hasRecord(em, tenantId, memberId, item.id, it.completedOn))
          out.push({ ...base, trainingId: item.id, skipped: 'already-recorded' });
        else {
          const now = new Date();
          const record = em.create(TrainingRecord, {
            tenantId,
            memberId,
            trainingId: item.id,
            completedOn: it.completedOn,
            expiresOn: expiryOf(it.completedOn, item.validityMonths),
            how: 'accepted-from-passport',
            verifiedBy: actor.accountId,
            acceptedFromIssuer: issuer.id,
            acceptedFromName: issuer.name,
            recordedAt: now,
            updatedAt: now,
          });
          em.persist(record);
          recordEvent(em, VolunteeringEvents.trainingRecorded, trainingRecordEvent(record, item), tenantId);
          out.push({ ...base, trainingId: item.id, recordId: record.id });
        }
      }
      return { issuer, items: out };
    });
  }
}

function checkedMap(map: Record<string, string>): Map<string, string> {
  const entries = Object.entries(map);
  if (entries.length > 100) throw invalidField('trainingMap', 'must name at most 100 achievements');
  for (const [key, value] of entries)
    if (typeof value !== 'string' || !UUID.test(value) || key.length > 500)
      throw invalidField('trainingMap', 'must map achievement ids to catalogue ids');
  return new Map(entries.map(([k, v]) => [k, v.toLowerCase()]));
}

function matchItem(
  it: PassportItem,
  catalogue: TrainingItem[],
  map: Map<string, string>,
): TrainingItem | undefined {
  const mapped = map.get(it.achievementId);
  if (mapped) return catalogue.find((c) => c.id === mapped);
  const name = it.name.trim().toLowerCase();
  const same = catalogue.filter((c) => c.kind === it.kind && c.name.trim().toLowerCase() === name);
  return same.length === 1 ? same[0] : undefined;
}

import type { ExpiryView, TrainingRecordChangedEvent, TrainingRecordView } from '@hearth/contracts';
import type { TrainingItem } from '../training/training.entity';
import type { TrainingRecord } from './training-record.entity';
import type { ExpiryRow, TrainingRecordRow } from './training-records.repository';

const isoOf = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export const trainingRecordView = (r: TrainingRecordRow, today: string): TrainingRecordView => ({
  id: r.id,
  memberId: r.memberId,
  trainingId: r.trainingId,
  name: r.name,
  kind: r.kind,
  completedOn: r.completedOn,
  expiresOn: r.expiresOn,
  status: r.expiresOn !== null && r.expiresOn <= today ? 'expired' : 'valid',
  how: r.how,
  verifiedBy: r.verifiedBy,
  acceptedFrom: r.acceptedFromIssuer ? { id: r.acceptedFromIssuer, name: r.acceptedFromName ?? '' } : null,
  recordedAt: isoOf(r.recordedAt),
  updatedAt: isoOf(r.updatedAt),
});

/** The row of an entity just written, with its item's name and kind. */
export const recordRow = (r: TrainingRecord, item: TrainingItem): TrainingRecordRow => ({
  id: r.id,
  memberId: r.memberId,
  trainingId: r.trainingId,
  name: item.name,
  kind: item.kind,
  completedOn: r.completedOn,
  expiresOn: r.expiresOn,
  how: r.how,
  verifiedBy: r.verifiedBy,
  acceptedFromIssuer: r.acceptedFromIssuer,
  acceptedFromName: r.acceptedFromName,
  recordedAt: r.recordedAt,
  updatedAt: r.updatedAt,
});

export const trainingRecordEvent = (r: TrainingRecord, item: TrainingItem): TrainingRecordChangedEvent => ({
  tenantId: r.tenantId,
  recordId: r.id,
  trainingId: r.trainingId,
  kind: item.kind,
  completedOn: r.completedOn,
  expiresOn: r.expiresOn,
  how: r.how,
});

/** Only the list's fields, whatever else the row holds. */
export const expiryView = ({
  memberId,
  recordId,
  trainingId,
  name,
  kind,
  expiresOn,
}: ExpiryRow): ExpiryView => ({
  memberId,
  recordId,
  trainingId,
  name,
  kind,
  expiresOn,
});

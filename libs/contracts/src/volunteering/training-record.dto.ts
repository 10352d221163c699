import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import type { TrainingKind } from './training.dto';

/** How a coordinator verified a completion or a check (issue 18): no document, no number, no outcome is kept. */
export const TRAINING_VERIFIED_HOW = [
  'certificate-seen',
  'delivered-by-us',
  'accepted-from-passport',
] as const;
export type TrainingVerifiedHow = (typeof TRAINING_VERIFIED_HOW)[number];

/** The widest window of the expiring list, in days. */
export const MAX_EXPIRING_DAYS = 365;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date, YYYY-MM-DD';
const HOW_MESSAGE = `must be one of ${TRAINING_VERIFIED_HOW.join(', ')}`;
const DAYS_MESSAGE = `must be a whole number of days from 1 to ${MAX_EXPIRING_DAYS}`;
/** A PATCH field that may be left out but not set to null. */
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);

/**
 * A volunteer completed training, or a check was made of them, on `completedOn` (not in the future); the coordinator
 * saw it `how`. Only the item and the date are kept: a DBS check's number or outcome has no field (UK GDPR Art. 10).
 */
export class RecordTrainingDto {
  @IsUUID('all')
  trainingId!: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  completedOn!: string;

  @IsIn(TRAINING_VERIFIED_HOW, { message: HOW_MESSAGE })
  how!: TrainingVerifiedHow;
}

/** A correction: fields left out stay as they are; none may be set to null. */
export class CorrectTrainingRecordDto {
  @NotNullIfPresent()
  @IsUUID('all')
  trainingId?: string;

  @NotNullIfPresent()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  completedOn?: string;

  @NotNullIfPresent()
  @IsIn(TRAINING_VERIFIED_HOW, { message: HOW_MESSAGE })
  how?: TrainingVerifiedHow;
}

/** Records expiring within `days` (1–365, 30 unless given), soonest first. */
export class ExpiringTrainingQuery extends PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: DAYS_MESSAGE })
  @Min(1, { message: DAYS_MESSAGE })
  @Max(MAX_EXPIRING_DAYS, { message: DAYS_MESSAGE })
  days?: number;
}

export class RecordTrainingRequest extends TenantRequestOf(RecordTrainingDto) {
  @IsUUID('all')
  memberId!: string;
}

export class ListTrainingRecordsRequest extends TenantRequestOf(PageQuery) {
  @IsUUID('all')
  memberId!: string;
}

export class CorrectTrainingRecordRequest extends TenantRequestOf(CorrectTrainingRecordDto) {
  @IsUUID('all')
  memberId!: string;

  @IsUUID('all')
  recordId!: string;
}

export class RemoveTrainingRecordRequest extends TenantRequest {
  @IsUUID('all')
  memberId!: string;

  @IsUUID('all')
  recordId!: string;
}

export class ExpiringTrainingRequest extends TenantRequestOf(ExpiringTrainingQuery) {}

export class ExpiredTrainingRequest extends TenantRequestOf(PageQuery) {}

/** A volunteer's record of one catalogue item. `verifiedBy`: the account that recorded or last corrected it. */
export interface TrainingRecordView {
  id: string;
  memberId: string;
  trainingId: string;
  name: string;
  kind: TrainingKind;
  completedOn: string;
  /** Null: it never expires. Valid up to the day before. */
  expiresOn: string | null;
  /** On the day asked: `expired` from `expiresOn` on. */
  status: 'valid' | 'expired';
  how: TrainingVerifiedHow;
  verifiedBy: string;
  /** Accepted from a passport: the issuing LERO's id (its address) and name; null otherwise (ADR 0056). */
  acceptedFrom: { id: string; name: string } | null;
  recordedAt: string;
  updatedAt: string;
}

/** An item of the coordinators' expiring and expired lists. */
export interface ExpiryView {
  memberId: string;
  recordId: string;
  trainingId: string;
  name: string;
  kind: TrainingKind;
  expiresOn: string;
}

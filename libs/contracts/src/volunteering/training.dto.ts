import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, TenantRequestOf } from '../paging';

/** A catalogue item is training someone completes (safeguarding, naloxone) or a check made of them (DBS basic). */
export const TRAINING_KINDS = ['training', 'check'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** The longest validity a catalogue item may have: ten years. */
export const MAX_VALIDITY_MONTHS = 120;

const KIND_MESSAGE = `must be one of ${TRAINING_KINDS.join(', ')}`;
const MONTHS_MESSAGE = `must be a whole number of months from 1 to ${MAX_VALIDITY_MONTHS}, or null for no expiry`;
/** A PATCH field that may be left out but not set to null. */
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);

export class CreateTrainingDto {
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @IsIn(TRAINING_KINDS, { message: KIND_MESSAGE })
  kind!: TrainingKind;

  /** How long a completion stays valid; left out or null: it does not expire. */
  @IsOptional()
  @IsInt({ message: MONTHS_MESSAGE })
  @Min(1, { message: MONTHS_MESSAGE })
  @Max(MAX_VALIDITY_MONTHS, { message: MONTHS_MESSAGE })
  validityMonths?: number | null;
}

/** Fields left out stay as they are; `validityMonths: null` makes it never expire. */
export class UpdateTrainingDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @NotNullIfPresent()
  @IsIn(TRAINING_KINDS, { message: KIND_MESSAGE })
  kind?: TrainingKind;

  @IsOptional()
  @IsInt({ message: MONTHS_MESSAGE })
  @Min(1, { message: MONTHS_MESSAGE })
  @Max(MAX_VALIDITY_MONTHS, { message: MONTHS_MESSAGE })
  validityMonths?: number | null;
}

export class ListTrainingQuery extends PageQuery {
  @IsOptional()
  @IsIn(TRAINING_KINDS, { message: KIND_MESSAGE })
  kind?: TrainingKind;
}

export class CreateTrainingRequest extends TenantRequestOf(CreateTrainingDto) {}

export class ListTrainingRequest extends TenantRequestOf(ListTrainingQuery) {}

export class UpdateTrainingRequest extends TenantRequestOf(UpdateTrainingDto) {
  @IsUUID('all')
  trainingId!: string;
}

export interface TrainingView {
  id: string;
  name: string;
  kind: TrainingKind;
  /** Null: a completion never expires. */
  validityMonths: number | null;
  createdAt: string;
  updatedAt: string;
}

import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { IsYearInRange } from '../input-policy';
import { TenantBySlugRequest } from '../tenants/tenant.dto';
import { RegionBySlugRequest } from '../tenants/region.dto';
import { DATE, DATE_MESSAGE, NotNullIfPresent } from './advocacy-input';

/** The bodies an ask is made of (ADR 0065): a fixed list, so that figures can be grouped by kind later. */
export const ASK_BODY_KINDS = [
  'council',
  'nhs-trust',
  'treatment-provider',
  'housing-association',
  'police',
  'other',
] as const;
export type AskBodyKind = (typeof ASK_BODY_KINDS)[number];

/** Where an ask came from: a consultation (of the same LERO, optionally named), a meeting, the members. */
export const ASK_SOURCES = ['consultation', 'meeting', 'members'] as const;
export type AskSource = (typeof ASK_SOURCES)[number];

/** raised → acknowledged → in-progress → done | partly-done | declined (with the body's reason). */
export const ASK_STATUSES = [
  'raised',
  'acknowledged',
  'in-progress',
  'done',
  'partly-done',
  'declined',
] as const;
export type AskStatus = (typeof ASK_STATUSES)[number];

const ASK_OUTCOMES: readonly AskStatus[] = ['done', 'partly-done', 'declined'];

/**
 * The statuses an ask at each status may take an update to (ADR 0065), in `ASK_STATUSES`' order: forward only,
 * skipping steps allowed (a body may decline at once); acknowledged and in-progress may take news at the same status;
 * partly-done may still become done; done and declined are final. The advocacy service enforces it; the web app's
 * update form offers only these.
 */
export const ASK_TRANSITIONS: Readonly<Record<AskStatus, readonly AskStatus[]>> = {
  raised: ['acknowledged', 'in-progress', ...ASK_OUTCOMES],
  acknowledged: ['acknowledged', 'in-progress', ...ASK_OUTCOMES],
  'in-progress': ['in-progress', ...ASK_OUTCOMES],
  done: [],
  'partly-done': ['done'],
  declined: [],
};

export const MAX_ASK_TEXT = 300;
export const MAX_UPDATE_TEXT = 500;

const BODY_MESSAGE = 'must be the body asked: {name, kind}';
const SOURCE_MESSAGE = 'must be where the ask came from: {kind, consultationId?}';

export class AskBodyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsIn(ASK_BODY_KINDS, { message: `must be one of ${ASK_BODY_KINDS.join(', ')}` })
  kind!: AskBodyKind;
}

export class AskSourceDto {
  @IsIn(ASK_SOURCES, { message: `must be one of ${ASK_SOURCES.join(', ')}` })
  kind!: AskSource;

  /** Only with `consultation`: one of the same LERO's consultations. */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a consultation' })
  consultationId?: string | null;
}

class AskFieldsDto {
  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  public?: boolean;
}

/** A new ask: what was asked, of which body, where it came from, when; public only when the LERO says so. */
export class CreateAskDto extends AskFieldsDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_ASK_TEXT)
  what!: string;

  @IsObject({ message: BODY_MESSAGE })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body!: AskBodyDto;

  @IsObject({ message: SOURCE_MESSAGE })
  @ValidateNested()
  @Type(() => AskSourceDto)
  source!: AskSourceDto;

  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @IsYearInRange()
  raisedOn!: string;

  /** The public text of the first entry of the timeline ("raised"); none unless given. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_UPDATE_TEXT)
  text?: string | null;
}

/** Fields left out stay as they are; the status changes only through an update. */
export class UpdateAskDto extends AskFieldsDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_ASK_TEXT)
  what?: string;

  @NotNullIfPresent()
  @IsObject({ message: BODY_MESSAGE })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body?: AskBodyDto;

  @NotNullIfPresent()
  @IsObject({ message: SOURCE_MESSAGE })
  @ValidateNested()
  @Type(() => AskSourceDto)
  source?: AskSourceDto;

  @NotNullIfPresent()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @IsYearInRange()
  raisedOn?: string;
}

/** A dated change of status with a short public text; `reason` (the body's) with `declined` only, and then needed. */
export class AskUpdateDto {
  @IsIn(ASK_STATUSES, { message: `must be one of ${ASK_STATUSES.join(', ')}` })
  status!: AskStatus;

  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @IsYearInRange()
  date!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(MAX_UPDATE_TEXT)
  text!: string;

  @ValidateIf((o: AskUpdateDto) => o.status === 'declined' || (o.reason !== undefined && o.reason !== null))
  // Decorators run bottom-up: a missing reason is named first as missing, not as too long.
  @MaxLength(MAX_UPDATE_TEXT)
  @MinLength(1, { message: 'must be the body’s reason (needed when declined)' })
  @IsString({ message: 'must be the body’s reason (needed when declined)' })
  reason?: string | null;
}

export class ListAsksQuery extends PageQuery {
  @IsOptional()
  @IsIn(ASK_STATUSES, { message: `must be one of ${ASK_STATUSES.join(', ')}` })
  status?: AskStatus;

  /** `true`: the public ones only; `false`: the others only. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  public?: boolean;
}

export class CreateAskRequest extends TenantRequestOf(CreateAskDto) {}
export class ListAsksRequest extends TenantRequestOf(ListAsksQuery) {}
export class AskIdRequest extends TenantRequest {
  @IsUUID('all')
  askId!: string;
}
export class UpdateAskRequest extends TenantRequestOf(UpdateAskDto) {
  @IsUUID('all')
  askId!: string;
}
export class AddAskUpdateRequest extends TenantRequestOf(AskUpdateDto) {
  @IsUUID('all')
  askId!: string;
}

/** The same messages about a region's own asks: the region the path addresses instead of a LERO. */
export class CreateRegionAskRequest extends CreateAskDto {
  @IsUUID('all')
  regionId!: string;
}
export class ListRegionAsksRequest extends ListAsksQuery {
  @IsUUID('all')
  regionId!: string;
}
export class RegionAskIdRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  askId!: string;
}
export class UpdateRegionAskRequest extends UpdateAskDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  askId!: string;
}
export class AddRegionAskUpdateRequest extends AskUpdateDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  askId!: string;
}

/** `advocacy.public.lero-asks` / `advocacy.public.region-asks`: asked without signing in, by slug. */
export class PublicLeroAsksRequest extends TenantBySlugRequest {}
export class PublicRegionAsksRequest extends RegionBySlugRequest {}

/** One entry of an ask's timeline. */
export interface AskUpdateView {
  status: AskStatus;
  date: string;
  text: string | null;
  reason: string | null;
}

export interface AskView {
  id: string;
  /** `lero`: a LERO's own; `region`: the region's. */
  owner: 'lero' | 'region';
  what: string;
  body: { name: string; kind: AskBodyKind };
  source: { kind: AskSource; consultationId: string | null };
  raisedOn: string;
  public: boolean;
  /** Its latest update's status. */
  status: AskStatus;
  /** Oldest first; the first is "raised" on `raisedOn`. */
  updates: AskUpdateView[];
  createdAt: string;
  updatedAt: string;
}

/** An ask as anyone sees it: no consultation id, no staff, no member. */
export interface PublicAskView {
  id: string;
  what: string;
  body: { name: string; kind: AskBodyKind };
  source: AskSource;
  raisedOn: string;
  status: AskStatus;
  updates: AskUpdateView[];
}

/** How many public asks are at each status, and all of them. */
export type AskCounts = Record<AskStatus, number> & { total: number };

export interface PublicLeroAsksView {
  lero: { name: string; slug: string };
  /** Null for a LERO whose figures are `regional-total-only`. */
  counts: AskCounts | null;
  items: PublicAskView[];
}

export interface PublicRegionAsksView {
  region: { name: string; slug: string };
  /** Every public ask on the page: the region's own and its active LEROs', `regional-total-only` ones included. */
  totals: AskCounts;
  /** The region's own public asks (raised by its admins across its LEROs), latest raised first. */
  regionAsks: PublicAskView[];
  /** The LEROs whose figures are `per-lero` and that have public asks, by name, each with its counts. */
  leros: PublicLeroAsksView[];
  /**
   * The public asks of the LEROs whose figures are `regional-total-only`, together, latest raised first, naming no
   * LERO: they count in `totals` only (ADR 0065).
   */
  pooled: PublicAskView[];
}

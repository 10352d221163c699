import {
  Equals,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { TenantBySlugRequest } from '../tenants/tenant.dto';
import { RegionBySlugRequest } from '../tenants/region.dto';
import { NotNullIfPresent } from './advocacy-input';

/** Draft (staff prepare it) → open (members contribute) → closed (no new pieces; withdrawals still work). */
export const THEME_STATUSES = ['draft', 'open', 'closed'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

/**
 * A piece: `submitted` (waiting for staff), `edit-proposed` (staff proposed an edit of identifying details; the
 * contributor accepts it or withdraws), `approved` (as written or as edited: it is published with its theme),
 * `declined` (by staff: never published; its contributor still sees it, and may withdraw it and write another),
 * `withdrawn` (by its contributor: its text is gone).
 */
export const PIECE_STATUSES = ['submitted', 'edit-proposed', 'approved', 'declined', 'withdrawn'] as const;
export type PieceStatus = (typeof PIECE_STATUSES)[number];

/** A theme is published only with approved pieces of at least this many distinct contributors: never fewer. */
export const MIN_PUBLISH_THRESHOLD = 5;
export const DEFAULT_PUBLISH_THRESHOLD = 10;
export const MAX_STATEMENT_LENGTH = 1000;

export class CreateThemeDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  /** What members are asked ("What helped you into recovery?"). */
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  prompt!: string;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(MIN_PUBLISH_THRESHOLD, { message: `must be at least ${MIN_PUBLISH_THRESHOLD}` })
  @Max(1000)
  publishThreshold?: number;
}

/** A draft's changes: fields left out stay. Refused once the theme is open (`ThemeNotDraft`). */
export class UpdateThemeDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  prompt?: string;

  @NotNullIfPresent()
  @IsInt({ message: 'must be a whole number' })
  @Min(MIN_PUBLISH_THRESHOLD, { message: `must be at least ${MIN_PUBLISH_THRESHOLD}` })
  @Max(1000)
  publishThreshold?: number;
}

export class ListThemesQuery extends PageQuery {
  @IsOptional()
  @IsIn(THEME_STATUSES, { message: `must be one of ${THEME_STATUSES.join(', ')}` })
  status?: ThemeStatus;
}

/** A member's statement, with their explicit consent to its anonymous publication. */
export class ContributeDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_STATEMENT_LENGTH)
  text!: string;

  @Equals(true, { message: 'must be true: you agree that the statement may be published without your name' })
  consent!: true;
}

/** Staff's edit of a piece (identifying details taken out): the contributor sees it and accepts it or withdraws. */
export class ProposeEditDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_STATEMENT_LENGTH)
  text!: string;
}

export class CreateThemeRequest extends TenantRequestOf(CreateThemeDto) {}
export class ListThemesRequest extends TenantRequestOf(ListThemesQuery) {}
export class ThemeIdRequest extends TenantRequest {
  @IsUUID('all')
  themeId!: string;
}
export class UpdateThemeRequest extends TenantRequestOf(UpdateThemeDto) {
  @IsUUID('all')
  themeId!: string;
}
export class ContributeRequest extends TenantRequestOf(ContributeDto) {
  @IsUUID('all')
  themeId!: string;
}
export class PieceIdRequest extends TenantRequest {
  @IsUUID('all')
  themeId!: string;

  @IsUUID('all')
  pieceId!: string;
}
export class ProposeEditRequest extends TenantRequestOf(ProposeEditDto) {
  @IsUUID('all')
  themeId!: string;

  @IsUUID('all')
  pieceId!: string;
}
export class MyTestimonyRequest extends TenantRequest {}

/** The same messages about a region's themes (ADR 0076): the region the path addresses instead of a LERO. */
export class CreateRegionThemeRequest extends CreateThemeDto {
  @IsUUID('all')
  regionId!: string;
}
export class ListRegionThemesRequest extends ListThemesQuery {
  @IsUUID('all')
  regionId!: string;
}
export class RegionThemeIdRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  themeId!: string;
}
export class UpdateRegionThemeRequest extends UpdateThemeDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  themeId!: string;
}
export class RegionPieceIdRequest extends RegionThemeIdRequest {
  @IsUUID('all')
  pieceId!: string;
}
export class ProposeRegionEditRequest extends ProposeEditDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  themeId!: string;

  @IsUUID('all')
  pieceId!: string;
}
export class PublicTestimonyRequest extends TenantBySlugRequest {}
export class PublicRegionTestimonyRequest extends RegionBySlugRequest {}

/** Whose theme it is: a LERO's (its staff run it) or its region's (the region's admins run it, ADR 0076). */
export type ThemeOwner = 'lero' | 'region';

export interface ThemeView {
  id: string;
  owner: ThemeOwner;
  title: string;
  prompt: string;
  publishThreshold: number;
  status: ThemeStatus;
  published: boolean;
  /** Staff only: distinct contributors who count, with an approved piece (what `publishThreshold` is measured on). */
  contributors?: number;
  createdAt: string;
}

/** A piece as staff review it: its text and any edit they proposed; never who wrote it or when. */
export interface PieceView {
  id: string;
  themeId: string;
  status: PieceStatus;
  text: string | null;
  proposedText: string | null;
}

/** A member's own piece: what they wrote, any edit proposed to them, and when they consented. */
export interface MyPieceView extends PieceView {
  themeTitle: string;
  consentedAt: string;
}

/** A published theme as anyone sees it: its approved pieces in a fresh random order, with no date and no author. */
export interface PublishedThemeView {
  title: string;
  prompt: string;
  pieces: string[];
}

export interface PublicTestimonyView {
  lero: { name: string; slug: string };
  themes: PublishedThemeView[];
}

/** A region's page: its own published themes (ADR 0076), then the published testimony of each active LERO that has some. */
export interface PublicRegionTestimonyView {
  region: { name: string; slug: string };
  themes: PublishedThemeView[];
  leros: PublicTestimonyView[];
}

import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NormalisedText } from '../input-policy';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../tenants/region.dto';
import { OrukFeedFilters } from './oruk-filters.dto';
import { OrukPostcode, OrukProximity } from './oruk-places.dto';

/** The feed's lists, named as the Open Referral UK API names its paths. */
export const ORUK_RESOURCES = [
  'services',
  'service_at_locations',
  'organizations',
  'taxonomies',
  'taxonomy_terms',
] as const;
export type OrukResource = (typeof ORUK_RESOURCES)[number];

export const ORUK_MAX_PER_PAGE = 100;

/**
 * The query of a feed's list (`search`, `page`, `per_page`, `taxonomy_term_id`, `taxonomy_id`, and the filters of
 * `OrukFeedFilters`). Which list takes which: `ORUK_LIST_PARAMETERS`.
 */
export class OrukQuery extends OrukFeedFilters {
  /** Full text over the name and description (English stemming: "advice" finds "advise"). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedText()
  search?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(ORUK_MAX_PER_PAGE)
  per_page?: number;

  @IsOptional()
  @IsUUID('all', { message: 'must be a taxonomy term id (a UUID)' })
  taxonomy_term_id?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a taxonomy id (a UUID)' })
  taxonomy_id?: string;

  @OrukPostcode() postcode?: string;
  @OrukProximity() proximity?: number;
}

export class OrukRegionRequest {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  regionSlug!: string;
}

export class OrukListRequest extends OrukQuery {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  regionSlug!: string;

  @IsIn(ORUK_RESOURCES)
  resource!: OrukResource;
}

export class OrukItemRequest extends OrukRegionRequest {
  @IsIn(ORUK_RESOURCES)
  resource!: OrukResource;

  @IsUUID('all')
  id!: string;
}

/** A page as Open Referral UK has it. */
export interface OrukPage<T = Record<string, unknown>> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface OrukRootView {
  version: string;
  profile: string;
  openapi_url: string;
}

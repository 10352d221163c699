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
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { NormalisedText } from '../input-policy';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../tenants/region.dto';
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

/** A parameter the spec names that Hearth does not answer yet: a 400 saying so, never silently ignored. */
const NotSupportedYet = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'notSupportedYet',
      validator: {
        validate: (value: unknown) => value === undefined,
        defaultMessage: () => 'is not supported yet by this feed',
      },
    },
    options,
  );

/** The query of a feed's list (`search`, `page`, `per_page`, `taxonomy_term_id`, `taxonomy_id`). */
export class OrukQuery {
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

  @NotSupportedYet() minimum_age?: string;
  @NotSupportedYet() maximum_age?: string;
  @NotSupportedYet() start_time?: string;
  @NotSupportedYet() end_time?: string;
  @NotSupportedYet() day?: string;
  @OrukPostcode() postcode?: string;
  @OrukProximity() proximity?: number;
  @NotSupportedYet() modified_after?: string;
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

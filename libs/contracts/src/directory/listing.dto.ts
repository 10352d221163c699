import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NormalisedText } from '../input-policy';
import { PageQuery } from '../paging';
import {
  ContactInput,
  LocationInput,
  OrganizationInput,
  ScheduleInput,
  URL_MESSAGE,
  URL_OPTIONS,
} from './listing-parts.dto';

export * from './listing-parts.dto';

/** A listing's own status: `retired` is for good (HSDS `defunct`); only `active` listings are in the feed. */
export const LISTING_STATUSES = ['active', 'inactive', 'retired'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
/** What a curator may set; retiring has a route of its own. */
export const SETTABLE_LISTING_STATUSES = ['active', 'inactive'] as const;

const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);
const Nested = (cls: new () => object) => (target: object, key: string) => {
  IsNotEmptyObject({ nullable: false }, { message: 'must be an object' })(target, key);
  ValidateNested()(target, key);
  Type(() => cls)(target, key);
};

/** The service fields a curator writes (HSDS names in camelCase). */
class ListingFields {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(500)
  url?: string | null;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email?: string | null;

  @NotNullIfPresent()
  @IsIn(SETTABLE_LISTING_STATUSES, { message: 'must be active or inactive' })
  status?: 'active' | 'inactive';

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  fees?: string | null;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(120)
  minimumAge?: number | null;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(120)
  maximumAge?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  alert?: string | null;

  @IsOptional()
  @Nested(LocationInput)
  location?: LocationInput | null;

  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ScheduleInput)
  schedules?: ScheduleInput[];

  @IsOptional()
  @Nested(ContactInput)
  contact?: ContactInput | null;

  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be taxonomy term ids' })
  taxonomyTermIds?: string[];

  /** Languages the service is given in, as ISO 639 codes (`en`, `pl`, `bsl` is not one: say so in the description). */
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'must be ISO 639 language codes such as en or pl' })
  languages?: string[];
}

/** A new listing: a service of an organisation already listed (`organizationId`) or a new one (`organization`). */
export class CreateListingDto extends ListingFields {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @IsOptional()
  @Nested(OrganizationInput)
  organization?: OrganizationInput;
}

/** A change: only the fields given change; a sub-part given replaces the old one (`null` removes it). */
export class UpdateListingDto extends ListingFields {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** New details of the listing's organisation (every listing of that organisation shows them). */
  @NotNullIfPresent()
  @Nested(OrganizationInput)
  organization?: OrganizationInput;
}

export class ListListingsQuery extends PageQuery {
  @IsOptional()
  @IsIn(LISTING_STATUSES, { message: 'must be active, inactive or retired' })
  status?: ListingStatus;
}

/** Message payloads: the HTTP body or query plus the region (and listing) the path addresses. */
export class RegionRequest {
  @IsUUID('all')
  regionId!: string;
}
export class CreateListingRequest extends CreateListingDto {
  @IsUUID('all')
  regionId!: string;
}
export class ListListingsRequest extends ListListingsQuery {
  @IsUUID('all')
  regionId!: string;
}
export class ListingRequest extends RegionRequest {
  @IsUUID('all')
  listingId!: string;
}
export class UpdateListingRequest extends UpdateListingDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  listingId!: string;
}

/** A listing as its curators see it: the service, its organisation and its parts, and when it was assured. */
export interface ListingView {
  id: string;
  regionId: string;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ListingStatus;
  fees: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  alert: string | null;
  assuredDate: string | null;
  assurerEmail: string | null;
  organization: {
    id: string;
    name: string;
    description: string | null;
    email: string | null;
    website: string | null;
  };
  location: (LocationInput & { id: string }) | null;
  schedules: (ScheduleInput & { id: string })[];
  contact: (ContactInput & { id: string }) | null;
  taxonomyTerms: { id: string; name: string }[];
  languages: string[];
  source: string | null;
  sourceId: string | null;
  createdAt: string;
  lastModified: string;
}

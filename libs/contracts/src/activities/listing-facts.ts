import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDateTime, MAX_DURATION_MINUTES } from './schedule.dto';

/** Where a public activity happens, as the directory may publish it (never given when the location is on request). */
export class ListingLocationFacts {
  @IsString()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode!: string | null;

  @IsOptional()
  @IsLatitude()
  latitude!: number | null;

  @IsOptional()
  @IsLongitude()
  longitude!: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  onlineUrl!: string | null;
}

/** When it happens: the activity's own schedule (wall-clock start in its zone, RFC 5545 rule or none). */
export class ListingScheduleFacts {
  @IsLocalDateTime()
  startsAt!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes!: number;

  @IsString()
  @MaxLength(64)
  timezone!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[-A-Z0-9=;,+]+$/)
  rrule!: string | null;
}

/**
 * What the regional directory may publish of an activity (ADR 0042): only in events of a public activity that is not
 * opted out of the directory. With `locationOnRequest` the address, place and point stay in the events service:
 * `area` (the postcode's district, e.g. `LS6`) is all that travels.
 */
export class ActivityListingFacts {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description!: string | null;

  @ValidateNested()
  @Type(() => ListingScheduleFacts)
  schedule!: ListingScheduleFacts;

  @IsOptional()
  @ValidateNested()
  @Type(() => ListingLocationFacts)
  location!: ListingLocationFacts | null;

  @IsBoolean()
  locationOnRequest!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(8)
  area!: string | null;
}

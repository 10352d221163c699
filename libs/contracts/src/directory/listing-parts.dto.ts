import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NormalisedText } from '../input-policy';
import { IsUkPostcode } from './postcode';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
export const URL_MESSAGE = 'must be an http(s) address';
const DAY = '(MO|TU|WE|TH|FR|SA|SU)';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Optional text of at most `max` characters (a curator's words, shown as they are). */
const Text = (max: number) => (target: object, key: string) => {
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

/** An organisation new to the region's directory (or, on a change, its new details). */
export class OrganizationInput {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Text(5000) description?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(500)
  website?: string;
}

/** Where a service happens: an address with a postcode, a point on the map if known, its accessibility. */
export class LocationInput {
  @Text(200) name?: string;
  @Text(2000) description?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  address1!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city!: string;

  /** Normalised (`ls14ap` → `LS1 4AP`): the form the postcode list and the feed's `postcode` filter use. */
  @IsUkPostcode()
  postcode!: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude?: number;

  /** How to get in and around (step-free, hearing loop …), in the curator's words. */
  @Text(2000) accessibility?: string;
}

/** When a service is open, in iCalendar terms as HSDS has them (`freq`, `byday`, `opensAt`, `closesAt`). */
export class ScheduleInput {
  @IsIn(['WEEKLY', 'MONTHLY'], { message: 'must be WEEKLY or MONTHLY' })
  freq!: 'WEEKLY' | 'MONTHLY';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(52)
  interval?: number;

  @IsOptional()
  @Matches(new RegExp(`^(-?[1-5])?${DAY}(,(-?[1-5])?${DAY}){0,6}$`), {
    message: 'must be days such as MO,WE or 1TU (the first Tuesday)',
  })
  byday?: string;

  @IsOptional()
  @Matches(/^(-?([1-9]|[12]\d|3[01]))(,-?([1-9]|[12]\d|3[01])){0,30}$/, {
    message: 'must be days of the month',
  })
  bymonthday?: string;

  @IsOptional()
  @Matches(TIME, { message: 'must be a time such as 09:30' })
  opensAt?: string;

  @IsOptional()
  @Matches(TIME, { message: 'must be a time such as 17:00' })
  closesAt?: string;

  @IsOptional()
  @Matches(DATE, { message: 'must be a date such as 2027-01-31' })
  validFrom?: string;

  @IsOptional()
  @Matches(DATE, { message: 'must be a date such as 2027-01-31' })
  validTo?: string;

  @Text(1000) description?: string;
}

/** How to get in touch: a team or role rather than a person, with a phone number. */
export class ContactInput {
  @Text(200) name?: string;
  @Text(200) title?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{5,24}$/, { message: 'must be a phone number' })
  phone?: string;
}

export { DATE as DATE_PATTERN, URL_OPTIONS };

import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import type { OrukResource } from './oruk.dto';

/** The days of the week as iCalendar (and HSDS `schedules.byday`) name them. */
export const ORUK_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** The oldest age a listing or a feed's filter names (the curators' limit too). */
export const ORUK_MAX_AGE = 120;

const DAY = `(${ORUK_DAYS.join('|')})`;
/** One day or several, comma-separated (`MO` or `SA,SU`); any case. */
export const ORUK_DAY_PATTERN = new RegExp(`^${DAY}(,${DAY}){0,6}$`, 'i');
/** A wall-clock time of the listings' own time zone: `HH:MM` or `HH:MM:SS`, no offset. */
export const ORUK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/** The same, or `24:00` (the end of the day) for an end. */
export const ORUK_END_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00(:00)?)$/;
/** RFC 3339: a date-time with its offset (or Z), or a date alone (its midnight, UTC). */
export const ORUK_MODIFIED_AFTER_PATTERN =
  /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/i;

const AGE_RANGE = `must be an age from 0 to ${ORUK_MAX_AGE}`;

/** A query value as a number when it is one; anything else (an empty value, a word) is left to fail `IsInt`. */
const ToNumber = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : value,
  );

/** Seconds since midnight of `HH:MM[:SS]` (24:00 is the end of the day). */
export const secondsOfDay = (time: string): number => {
  const [h, m, s] = time.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
};

/** The instant `modified_after` names, or undefined when it names none (`2026-02-30`). */
export function instantOf(value: string): Date | undefined {
  if (!ORUK_MODIFIED_AFTER_PATTERN.test(value)) return undefined;
  const date = value.slice(0, 10);
  const instant = new Date(value.length === 10 ? `${date}T00:00:00Z` : value.toUpperCase());
  // JavaScript rolls 2026-02-30 over to March: a date that is not in the calendar is refused instead.
  const [y, m, d] = date.split('-').map(Number);
  const calendar = new Date(Date.UTC(y, m - 1, d));
  const real =
    calendar.getUTCFullYear() === y && calendar.getUTCMonth() === m - 1 && calendar.getUTCDate() === d;
  return real && !Number.isNaN(instant.getTime()) ? instant : undefined;
}

/** `value` is not below the field `other` of the same query (when both are given). */
const NotBelow = (other: string, message: string) =>
  ValidateBy({
    name: 'notBelow',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const first = (args?.object as Record<string, unknown> | undefined)?.[other];
        return typeof value !== 'number' || typeof first !== 'number' || value >= first;
      },
      defaultMessage: () => message,
    },
  });

const AfterStart = () =>
  ValidateBy({
    name: 'afterStart',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const start = (args?.object as Record<string, unknown> | undefined)?.start_time;
        return (
          typeof value !== 'string' ||
          typeof start !== 'string' ||
          !ORUK_TIME_PATTERN.test(start) ||
          secondsOfDay(value) > secondsOfDay(start)
        );
      },
      defaultMessage: () => 'must be after start_time (a window within one day)',
    },
  });

const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && instantOf(value) !== undefined,
      defaultMessage: () =>
        'must be an ISO 8601 date-time with its offset, such as 2027-01-31T09:00:00Z, or a date such as 2027-01-31',
    },
  });

/**
 * The filters of a feed's services that come from the listings' eligibility, opening times and changes: ages
 * (HSDS `services.minimum_age`/`maximum_age`), `day`, `start_time`, `end_time` (HSDS `schedules`) and
 * `modified_after` (incremental harvesting). What each keeps: ADR 0037.
 */
export class OrukFeedFilters {
  /** Services whose minimum age is at least this (one without a minimum age is open from 0). */
  @IsOptional()
  @ToNumber()
  @IsInt({ message: 'must be an age in whole years' })
  @Min(0, { message: AGE_RANGE })
  @Max(ORUK_MAX_AGE, { message: AGE_RANGE })
  minimum_age?: number;

  /** Services whose maximum age is at most this (one without a maximum age has no limit: left out). */
  @IsOptional()
  @ToNumber()
  @IsInt({ message: 'must be an age in whole years' })
  @Min(0, { message: AGE_RANGE })
  @Max(ORUK_MAX_AGE, { message: AGE_RANGE })
  @NotBelow('minimum_age', 'must not be below minimum_age')
  maximum_age?: number;

  /** Services open at some time after this on a day (`HH:MM`, the listings' local time). */
  @IsOptional()
  @Matches(ORUK_TIME_PATTERN, {
    message: 'must be a time of day such as 09:30 (HH:MM, local time, no offset)',
  })
  start_time?: string;

  /** Services open at some time before this on a day (`HH:MM`, or 24:00). */
  @IsOptional()
  @Matches(ORUK_END_TIME_PATTERN, {
    message: 'must be a time of day such as 17:00 (HH:MM, local time, no offset; 24:00 for midnight)',
  })
  @AfterStart()
  end_time?: string;

  /** Services open on this day (or any of these days): MO, TU, WE, TH, FR, SA, SU. */
  @IsOptional()
  @Matches(ORUK_DAY_PATTERN, {
    message: 'must be a day such as MO, or days such as SA,SU (MO TU WE TH FR SA SU)',
  })
  day?: string;

  /** Services whose listing changed at or after this instant. */
  @IsOptional()
  @IsInstant()
  modified_after?: string;
}

const PAGING = ['search', 'page', 'per_page'] as const;
const SERVICE_FILTERS = [
  ...PAGING,
  'taxonomy_term_id',
  'taxonomy_id',
  'minimum_age',
  'maximum_age',
  'start_time',
  'end_time',
  'day',
] as const;

/**
 * The query parameters each of the feed's lists answers; any other is refused (400) rather than ignored. The
 * feed's own OpenAPI document lists exactly these.
 */
export const ORUK_LIST_PARAMETERS: Record<OrukResource, readonly string[]> = {
  services: [...SERVICE_FILTERS, 'postcode', 'proximity', 'modified_after'],
  service_at_locations: [...SERVICE_FILTERS, 'postcode', 'proximity', 'modified_after'],
  organizations: [...SERVICE_FILTERS, 'modified_after'],
  taxonomies: PAGING,
  taxonomy_terms: [...PAGING, 'taxonomy_id'],
};

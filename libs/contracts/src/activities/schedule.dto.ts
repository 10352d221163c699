import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { LATEST_YEAR } from '../input-policy';

/** IANA zones this runtime knows (canonical names), plus UTC. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
export const DEFAULT_TIME_ZONE = 'Europe/London';
export const MAX_DURATION_MINUTES = 24 * 60;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** How `isLocalDateTime` reads in the API document (JSON schema has no format for a wall-clock time). */
export const LOCAL_DATE_TIME_SCHEMA = {
  type: 'string' as const,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$',
  example: '2027-01-05T10:00',
  description: 'A wall-clock date-time without an offset; the zone is given separately.',
};

/**
 * Whether `value` is a wall-clock date-time that exists on the calendar (no offset: the zone is separate), from
 * 1970 (sessions are instants since the epoch) to the input policy's last year, 2200.
 */
export function isLocalDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    y >= 1970 &&
    y <= LATEST_YEAR &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

export const IsLocalDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLocalDateTime',
      validator: {
        validate: (value) => isLocalDateTime(value),
        defaultMessage: () =>
          `must be a local date-time such as 2026-03-03T10:00 between 1970 and ${LATEST_YEAR}, without an offset (the zone goes in timezone)`,
      },
    },
    options,
  );

/**
 * When an activity happens. `startsAt` is wall-clock time in `timezone`; `rrule` repeats it (RFC 5545), and
 * every occurrence keeps that wall-clock time across daylight-saving changes.
 */
export class ScheduleDto {
  @IsLocalDateTime()
  startsAt!: string;

  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes!: number;

  /** `null` is the default zone, as leaving it out is. */
  @Transform(({ value }: { value: unknown }) => value ?? undefined)
  @IsOptional()
  @IsIn(TIME_ZONES, { message: 'must be an IANA time zone such as Europe/London' })
  timezone?: string;

  /** `null` is no recurrence (a one-off), as leaving it out is. */
  @Transform(({ value }: { value: unknown }) => value ?? undefined)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^(RRULE:)?[-A-Z0-9=;,+]+$/i, {
    message: 'must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU',
  })
  rrule?: string;
}

import { AppError, SIGNPOST_MAX_AGE_DAYS } from '@hearth/contracts';
import { localDateIn } from '@hearth/platform';

/** LEROs count their days in the UK's time (a signpost's day is the one on the LERO's wall). */
export const SIGNPOST_TIME_ZONE = 'Europe/London';
const DAY_MS = 86_400_000;

/** `now`'s calendar day in `timeZone`, YYYY-MM-DD. */
export const localDay = (now: Date, timeZone = SIGNPOST_TIME_ZONE): string => localDateIn(now, timeZone);

const dayOf = (iso: string): number | null => {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso ? null : t;
};

const invalidDate = (message: string) =>
  new AppError('VALIDATION', `Invalid date: ${message}.`, { errors: [{ field: 'date', message }] });

/**
 * The day a signpost is recorded on: today in London unless given; a real day, not after today and at most
 * `SIGNPOST_MAX_AGE_DAYS` before it (ADR 0039).
 */
export function signpostDay(given: string | undefined | null, now: Date): string {
  const today = localDay(now);
  if (!given) return today;
  const day = dayOf(given);
  if (day === null) throw invalidDate('must be a real date as YYYY-MM-DD');
  const todayMs = dayOf(today)!;
  if (day > todayMs) throw invalidDate('must not be in the future');
  if (day < todayMs - SIGNPOST_MAX_AGE_DAYS * DAY_MS)
    throw invalidDate(`must be within the last ${SIGNPOST_MAX_AGE_DAYS} days`);
  return given;
}

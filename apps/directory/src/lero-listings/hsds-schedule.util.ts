import { DateTime } from 'luxon';
import { RRule, type Options } from 'rrule';
import type { ListingScheduleFacts } from '@hearth/contracts';

/** One HSDS (UK profile) schedule row, as the directory's `schedules` table holds it. */
export interface HsdsSchedule {
  dtstart: string;
  valid_from: string;
  valid_to: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opens_at: string;
  closes_at: string;
  timezone: string;
  description: string;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

const pad = (n: number) => String(n).padStart(2, '0');
/** The floating (wall-clock as UTC) instant of a local `YYYY-MM-DDTHH:mm[:ss]`. */
const floating = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local.slice(0, 19)}Z`);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const weekdayOf = (d: Date) => WEEKDAYS[(d.getUTCDay() + 6) % 7];
const longDate = (d: Date) =>
  `${DAY_NAMES[(d.getUTCDay() + 6) % 7]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/** The rule's parts (already checked by the events service: `NAME=VALUE;…`, upper case). */
function partsOf(rrule: string): Map<string, string> {
  return new Map(
    rrule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
}

/** UNTIL as a local date in the schedule's zone (a UTC instant moves to the zone's wall clock). */
function untilDate(until: string, zone: string): string {
  const date = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  if (!until.endsWith('Z')) return date;
  const utc = DateTime.fromISO(
    `${date}T${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}Z`,
  );
  return utc.setZone(zone).toISODate() ?? date;
}

/** The rule on the floating time line (as the events service expands it), for its last date and its words. */
function ruleOf(start: Date, rrule: string, validTo: string | null): RRule {
  const options: Partial<Options> = RRule.parseString(
    rrule.replace(/^RRULE:/i, '').replace(/;?UNTIL=[^;]*/, ''),
  );
  options.dtstart = start;
  options.tzid = null;
  if (validTo) options.until = new Date(`${validTo}T23:59:59Z`);
  return new RRule(options);
}

/**
 * What HSDS's schedule can say of a rule: `freq` WEEKLY or MONTHLY with `interval`, `byday` (numbered for
 * MONTHLY) and `bymonthday`. DAILY is every day of the week; YEARLY on the start's day is every 12 months; a rule
 * HSDS cannot say (BYMONTH, BYSETPOS over several days, DAILY every other day) is left to `description` alone.
 */
function recurrence(
  p: Map<string, string>,
  start: Date,
): Pick<HsdsSchedule, 'freq' | 'interval' | 'byday' | 'bymonthday'> | null {
  const interval = Number(p.get('INTERVAL') ?? 1);
  const byday = p.get('BYDAY') ?? null;
  const bymonthday = p.get('BYMONTHDAY') ?? null;
  const setpos = p.get('BYSETPOS');
  if (p.has('BYMONTH')) return null;
  switch (p.get('FREQ')) {
    case 'WEEKLY':
      return { freq: 'WEEKLY', interval, byday: byday ?? weekdayOf(start), bymonthday: null };
    case 'DAILY':
      if (interval !== 1) return null;
      return { freq: 'WEEKLY', interval: 1, byday: byday ?? WEEKDAYS.join(','), bymonthday: null };
    case 'MONTHLY': {
      if (setpos) {
        const single = byday && /^[A-Z]{2}$/.test(byday) && /^[+-]?\d+$/.test(setpos) && !bymonthday;
        return single
          ? { freq: 'MONTHLY', interval, byday: `${Number(setpos)}${byday}`, bymonthday: null }
          : null;
      }
      if (!byday && !bymonthday)
        return { freq: 'MONTHLY', interval, byday: null, bymonthday: String(start.getUTCDate()) };
      return { freq: 'MONTHLY', interval, byday, bymonthday };
    }
    case 'YEARLY':
      if (byday || bymonthday || setpos) return null;
      return {
        freq: 'MONTHLY',
        interval: 12 * interval,
        byday: null,
        bymonthday: String(start.getUTCDate()),
      };
    default:
      return null;
  }
}

/**
 * An activity's schedule as one HSDS schedule (UK profile): `dtstart` and `valid_from` its first date, `valid_to`
 * its last (UNTIL, or the last of COUNT sessions; the UK profile has no `until`), `opens_at`/`closes_at` the
 * wall-clock start and end in `timezone`, the rule in iCalendar terms where HSDS can say it, and always in words.
 */
export function hsdsSchedule(s: ListingScheduleFacts): HsdsSchedule {
  const start = floating(s.startsAt);
  const end = new Date(start.getTime() + s.durationMinutes * 60_000);
  const opens = `${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;
  const closes = `${pad(end.getUTCHours())}:${pad(end.getUTCMinutes())}`;
  const times = `${opens} to ${closes}`;
  const base = { dtstart: dateOf(start), valid_from: dateOf(start), opens_at: opens, closes_at: closes };
  if (!s.rrule)
    return {
      ...base,
      valid_to: dateOf(start),
      freq: null,
      interval: null,
      byday: null,
      bymonthday: null,
      timezone: s.timezone,
      description: `On ${longDate(start)}, ${times}.`,
    };
  const p = partsOf(s.rrule);
  const until = p.get('UNTIL');
  let validTo = until ? untilDate(until, s.timezone) : null;
  let words = `repeats (${s.rrule})`;
  // rrule.js reads what the events service checked; were it ever to choke, the listing keeps the rule's own words.
  try {
    const rule = ruleOf(start, s.rrule, validTo);
    if (p.has('COUNT')) validTo = rule.all().map(dateOf).at(-1) ?? dateOf(start);
    if (rule.isFullyConvertibleToText()) words = rule.toText();
  } catch {
    // keep the words above
  }
  return {
    ...base,
    valid_to: validTo,
    ...(recurrence(p, start) ?? { freq: null, interval: null, byday: null, bymonthday: null }),
    timezone: s.timezone,
    description: `${words.charAt(0).toUpperCase()}${words.slice(1)}, ${times}.`,
  };
}

import { RRule, type Options } from 'rrule';
import {
  formatLocal,
  fromFloating,
  instantToLocal,
  parseLocal,
  toFloating,
  zonedToInstant,
  type LocalDateTime,
} from './zoned-time.util';

/** An invalid recurrence rule; the message says what to fix. */
export class RecurrenceError extends Error {
  override name = 'RecurrenceError';
}

export interface Schedule {
  /** Wall-clock start of the first session, `YYYY-MM-DDTHH:mm[:ss]`. */
  startsAt: string;
  durationMinutes: number;
  timezone: string;
  /** Normalised RRULE (see `normaliseRrule`), or null for a one-off. */
  rrule: string | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'];
const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const list = (item: string) => new RegExp(`^${item}(,${item})*$`);
const signed = (max: string) => `[+-]?(${max})`;
/** What each part may hold. Rules repeat a day; the time of day always comes from startsAt. */
const PARTS: Record<string, RegExp> = {
  FREQ: new RegExp(`^(${FREQS.join('|')})$`),
  INTERVAL: /^[1-9]\d{0,2}$/,
  COUNT: /^[1-9]\d{0,3}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: list(`(${signed('[1-9]|[1-4]\\d|5[0-3]')})?${WEEKDAY}`),
  BYMONTHDAY: list(signed('[1-9]|[12]\\d|3[01]')),
  BYMONTH: list('([1-9]|1[0-2])'),
  BYSETPOS: list(signed('[1-9]\\d?|[12]\\d\\d|3[0-5]\\d|36[0-6]')),
  WKST: new RegExp(`^${WEEKDAY}$`),
};
export const MAX_COUNT = 1000;

/**
 * Checks an RFC 5545 RRULE strictly (rrule.js itself accepts nonsense such as `FREQ=FOO`) and returns it in
 * canonical form: upper case, without an `RRULE:` prefix. Throws RecurrenceError naming the problem.
 */
export function normaliseRrule(input: string): string {
  const rule = input
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  const seen = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || value === '')
      throw new RecurrenceError(`"${part}" is not a NAME=VALUE part`);
    if (!(key in PARTS)) throw new RecurrenceError(`${key} is not supported in a session's rule`);
    if (seen.has(key)) throw new RecurrenceError(`${key} appears twice`);
    if (!PARTS[key].test(value)) throw new RecurrenceError(`${key}=${value} is not valid`);
    seen.set(key, value);
  }
  const freq = seen.get('FREQ');
  if (!freq) throw new RecurrenceError(`FREQ is required (${FREQS.join(', ')})`);
  if (seen.has('COUNT') && seen.has('UNTIL')) throw new RecurrenceError('COUNT and UNTIL cannot both be set');
  if (Number(seen.get('COUNT') ?? 0) > MAX_COUNT)
    throw new RecurrenceError(`COUNT can be at most ${MAX_COUNT}`);
  const byDay = seen.get('BYDAY');
  if (byDay && /\d/.test(byDay) && freq !== 'MONTHLY' && freq !== 'YEARLY')
    throw new RecurrenceError('a numbered BYDAY (e.g. 1SA) needs FREQ=MONTHLY or FREQ=YEARLY');
  if (seen.has('BYSETPOS') && freq !== 'MONTHLY' && freq !== 'YEARLY')
    throw new RecurrenceError('BYSETPOS needs FREQ=MONTHLY or FREQ=YEARLY');
  if (seen.has('BYMONTHDAY') && freq === 'WEEKLY')
    throw new RecurrenceError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  checkMonthDays(seen.get('BYMONTHDAY'), seen.get('BYMONTH'));
  const until = seen.get('UNTIL');
  if (until && !validUntil(until)) throw new RecurrenceError(`UNTIL=${until} is not a real date`);
  return [...seen.entries()].map(([k, v]) => `${k}=${v}`).join(';');
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A day that no chosen month has (30 February) would never happen, and rrule.js would search to the year
 * 9999 to find that out (seconds of CPU): refuse it here.
 */
function checkMonthDays(byMonthDay: string | undefined, byMonth: string | undefined): void {
  if (!byMonthDay) return;
  const months = byMonth ? byMonth.split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = Math.max(...months.map((m) => DAYS_IN_MONTH[m - 1]));
  for (const day of byMonthDay.split(',').map(Number)) {
    if (Math.abs(day) > longest) throw new RecurrenceError(`BYMONTHDAY=${day} never happens in those months`);
  }
}

function validUntil(value: string): boolean {
  const [y, mo, d] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number);
  const [h, mi, s] = value.length > 8 ? [value.slice(9, 11), value.slice(11, 13), value.slice(13, 15)] : [];
  const local = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}`;
  const date = toFloating(parseLocal(local));
  return (
    y >= 1970 &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    (h === undefined || (Number(h) < 24 && Number(mi) < 60 && Number(s) < 60))
  );
}

/** UNTIL on the floating time line: UTC is moved to the zone's wall clock; a bare date includes that day. */
function floatingUntil(value: string, zone: string): Date {
  const local = (hms: string) =>
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}`;
  if (value.length === 8) return toFloating(parseLocal(local('235959')));
  const wall = parseLocal(local(value.slice(9, 15)));
  if (!value.endsWith('Z')) return toFloating(wall);
  return toFloating(instantToLocal(toFloating(wall), zone));
}

function ruleOf(schedule: Schedule & { rrule: string }): RRule {
  const options: Partial<Options> = RRule.parseString(schedule.rrule.replace(/;?UNTIL=[^;]*/, ''));
  options.dtstart = toFloating(parseLocal(schedule.startsAt));
  options.tzid = null;
  const until = /UNTIL=([^;]*)/.exec(schedule.rrule)?.[1];
  if (until) options.until = floatingUntil(until, schedule.timezone);
  return new RRule(options);
}

const occurrenceAt = (local: LocalDateTime, schedule: Schedule): Occurrence => {
  const { instant } = zonedToInstant(local, schedule.timezone);
  return { startsAt: instant, endsAt: new Date(instant.getTime() + schedule.durationMinutes * 60_000) };
};

/** Whether the schedule's first wall-clock start exists in its zone (not inside a clocks-forward gap). */
export const startExists = (schedule: Schedule) =>
  zonedToInstant(parseLocal(schedule.startsAt), schedule.timezone).exists;

export interface Expansion {
  occurrences: Occurrence[];
  /** True when the schedule has no sessions beyond those returned (a one-off, COUNT or UNTIL reached). */
  exhausted: boolean;
}

export interface ExpandWindow {
  /** Occurrences starting before this are skipped (they exist already). */
  from?: Date;
  /** Occurrences starting at or after this are left for later. */
  until: Date;
  /** At most this many are returned; the rest are left for later. */
  max: number;
}

/**
 * The sessions of a schedule that start in [from, until), at most `max` of them. Expansion runs on the
 * floating (wall-clock) time line and each occurrence is then placed in the zone, so a 10:00 group stays at
 * 10:00 local time on both sides of a daylight-saving change.
 */
export function expand(schedule: Schedule, window: ExpandWindow): Expansion {
  const from = window.from?.getTime() ?? -Infinity;
  const first = parseLocal(schedule.startsAt);
  if (!schedule.rrule) {
    const o = occurrenceAt(first, schedule);
    const inside = o.startsAt.getTime() >= from && o.startsAt < window.until && window.max > 0;
    return { occurrences: inside ? [o] : [], exhausted: inside || o.startsAt.getTime() < from };
  }
  const rule = ruleOf({ ...schedule, rrule: schedule.rrule });
  const occurrences: Occurrence[] = [];
  let stopped = false;
  rule.all((date) => {
    const o = occurrenceAt(fromFloating(date), schedule);
    if (o.startsAt >= window.until || occurrences.length >= window.max) {
      stopped = true;
      return false;
    }
    if (o.startsAt.getTime() >= from) occurrences.push(o);
    return true;
  });
  return { occurrences, exhausted: !stopped };
}

/** The canonical `YYYY-MM-DDTHH:mm:ss` form stored for a schedule's start. */
export const canonicalStart = (startsAt: string) => formatLocal(parseLocal(startsAt));

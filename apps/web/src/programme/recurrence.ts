import { DateTime } from 'luxon';
import type { ScheduleView } from '@hearth/contracts';
import { durationInWords } from '../http/time';

/**
 * The human recurrence picker and the RRULE it stands for. People choose "Just once", "Every week" (on some
 * days, every 1–4 weeks) or "Every month" (on the first…last of a weekday), then how it ends (it keeps
 * going, after a number of sessions, or on a date); the server builds the rule. Nobody types an RRULE.
 */

export const WEEKDAYS = [
  { code: 'MO', name: 'Monday' },
  { code: 'TU', name: 'Tuesday' },
  { code: 'WE', name: 'Wednesday' },
  { code: 'TH', name: 'Thursday' },
  { code: 'FR', name: 'Friday' },
  { code: 'SA', name: 'Saturday' },
  { code: 'SU', name: 'Sunday' },
] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number]['code'];

export const POSITIONS = [
  { value: '1', text: 'first' },
  { value: '2', text: 'second' },
  { value: '3', text: 'third' },
  { value: '4', text: 'fourth' },
  { value: '-1', text: 'last' },
] as const;

export const REPEATS = ['once', 'weekly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];
export const ENDS = ['never', 'count', 'until'] as const;
export type End = (typeof ENDS)[number];
export const WEEK_INTERVALS = ['1', '2', '3', '4'] as const;
/** The events service's limit on COUNT. */
export const MAX_SESSIONS = 1000;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** What the form posted about repeating, as strings (validated here). */
export interface RecurrenceInput {
  repeat: string;
  weeklyInterval?: string;
  weeklyDays?: string[];
  monthlyPosition?: string;
  monthlyDay?: string;
  end?: string;
  endCount?: string;
  endDate?: { day: string; month: string; year: string };
}

export type RecurrenceResult =
  { ok: true; rrule: string | undefined } | { ok: false; errors: { field: string; message: string }[] };

const dateOf = (d: LocalDate) => DateTime.fromObject(d, { zone: 'utc' });
const weekdayOf = (d: LocalDate): WeekdayCode => WEEKDAYS[dateOf(d).weekday - 1].code;

/** The weekday's place in its month: 1–4, or -1 when it is the fifth (the last). */
export function positionOf(d: LocalDate): string {
  const n = Math.ceil(d.day / 7);
  return n <= 4 ? String(n) : '-1';
}

/** A date typed into the three boxes of a GOV.UK date input, when it is a real date. */
export function parseDateParts(parts: { day: string; month: string; year: string }): LocalDate | undefined {
  if (![parts.day, parts.month, parts.year].every((p) => /^\d+$/.test(p))) return undefined;
  const d = { day: Number(parts.day), month: Number(parts.month), year: Number(parts.year) };
  if (d.year < 1970 || d.year > 9999) return undefined;
  return dateOf(d).isValid ? d : undefined;
}

const isWeekday = (code: string): code is WeekdayCode => WEEKDAYS.some((w) => w.code === code);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The RRULE for the picker's answers (undefined for "just once"). `first` is the first session's date:
 * days not chosen default to its weekday (weekly) or its place in the month (monthly). `noun` is what repeats
 * (a session of an activity, a volunteering shift), for the messages.
 */
export function buildRrule(
  input: RecurrenceInput,
  first: LocalDate | undefined,
  noun = 'session',
): RecurrenceResult {
  const errors: { field: string; message: string }[] = [];
  const repeat = input.repeat as Repeat;
  if (!REPEATS.includes(repeat))
    return { ok: false, errors: [{ field: 'repeat', message: 'Select how often it happens' }] };
  if (repeat === 'once') return { ok: true, rrule: undefined };

  const parts: string[] = [];
  if (repeat === 'weekly') {
    const interval = input.weeklyInterval || '1';
    if (!(WEEK_INTERVALS as readonly string[]).includes(interval))
      errors.push({ field: 'weeklyInterval', message: `Select how many weeks apart the ${noun}s are` });
    const chosen = input.weeklyDays ?? [];
    if (chosen.some((d) => !isWeekday(d)))
      errors.push({ field: 'weeklyDays', message: 'Select days of the week' });
    const days = chosen.length
      ? WEEKDAYS.filter((w) => chosen.includes(w.code)).map((w) => w.code)
      : first
        ? [weekdayOf(first)]
        : [];
    parts.push('FREQ=WEEKLY');
    if (interval !== '1') parts.push(`INTERVAL=${interval}`);
    if (days.length) parts.push(`BYDAY=${days.join(',')}`);
  } else {
    const position = input.monthlyPosition || (first ? positionOf(first) : '');
    const day = input.monthlyDay || (first ? weekdayOf(first) : '');
    if (!POSITIONS.some((p) => p.value === position))
      errors.push({ field: 'monthlyPosition', message: 'Select which week of the month' });
    if (!isWeekday(day)) errors.push({ field: 'monthlyDay', message: 'Select the day of the week' });
    parts.push('FREQ=MONTHLY', `BYDAY=${position}${day}`);
  }

  const end = (input.end || 'never') as End;
  if (!ENDS.includes(end)) errors.push({ field: 'end', message: 'Select when it ends' });
  if (end === 'count') {
    const count = input.endCount ?? '';
    if (!count) errors.push({ field: 'endCount', message: `Enter how many ${noun}s there will be` });
    else if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > MAX_SESSIONS)
      errors.push({
        field: 'endCount',
        message: `Number of ${noun}s must be a whole number between 1 and ${MAX_SESSIONS}`,
      });
    else parts.push(`COUNT=${Number(count)}`);
  }
  if (end === 'until') {
    const raw = input.endDate ?? { day: '', month: '', year: '' };
    const until = parseDateParts(raw);
    if (!raw.day && !raw.month && !raw.year)
      errors.push({ field: 'endDate', message: `Enter the date of the last ${noun}` });
    else if (!until)
      errors.push({ field: 'endDate', message: `Date of the last ${noun} must be a real date` });
    else if (first && dateOf(until) < dateOf(first))
      errors.push({
        field: 'endDate',
        message: `Date of the last ${noun} must be on or after the first ${noun}`,
      });
    // A bare UNTIL date includes that whole day (ADR 0008).
    else parts.push(`UNTIL=${pad(until.year, 4)}${pad(until.month)}${pad(until.day)}`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rrule: parts.join(';') };
}

const listInWords = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');

const dayName = (code: string) => WEEKDAYS.find((w) => w.code === code)?.name ?? code;

/** "Every Tuesday", "Every 2 weeks on Tuesday and Thursday", "First Saturday of every month"; undefined for a rule the picker does not make. */
export function describeRule(rrule: string, firstWeekday?: string): string | undefined {
  const parts = new Map(
    rrule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const byDay = parts.get('BYDAY');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST']);
  if ([...parts.keys()].some((k) => !known.has(k))) return undefined;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      return byDay ? undefined : interval === 1 ? 'Every day' : `Every ${interval} days`;
    case 'WEEKLY': {
      const codes = byDay ? byDay.split(',') : firstWeekday ? [firstWeekday] : [];
      if (codes.some((c) => !isWeekday(c))) return undefined;
      const days = listInWords(codes.map(dayName));
      if (!days) return interval === 1 ? 'Every week' : `Every ${interval} weeks`;
      return interval === 1 ? `Every ${days}` : `Every ${interval} weeks on ${days}`;
    }
    case 'MONTHLY': {
      const m = byDay ? /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay) : null;
      if (!m) return undefined;
      const position = POSITIONS.find((p) => p.value === m[1])!.text;
      const every = interval === 1 ? 'every month' : `every ${interval} months`;
      return `${position[0].toUpperCase()}${position.slice(1)} ${dayName(m[2])} of ${every}`;
    }
    default:
      return undefined;
  }
}

/** How a rule ends, in words: "10 sessions", "until 1 March 2027", or undefined when it keeps going. */
export function describeEnd(rrule: string): string | undefined {
  const count = /(?:^|;)COUNT=(\d+)/.exec(rrule)?.[1];
  if (count) return Number(count) === 1 ? '1 session' : `${count} sessions`;
  const until = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})/.exec(rrule);
  if (until) {
    const date = DateTime.fromObject(
      { year: Number(until[1]), month: Number(until[2]), day: Number(until[3]) },
      { zone: 'utc' },
    );
    return `until ${date.setLocale('en-GB').toFormat('d LLLL yyyy')}`;
  }
  return undefined;
}

/** An activity's schedule in words, for lists and its page. */
export function describeSchedule(schedule: ScheduleView): { when: string; detail: string } {
  const start = DateTime.fromISO(schedule.startsAt, { zone: 'utc' }).setLocale('en-GB');
  const time = start.toFormat('HH:mm');
  const end = start.plus({ minutes: schedule.durationMinutes }).toFormat('HH:mm');
  const firstDay = start.toFormat('cccc d LLLL yyyy');
  const length = durationInWords(schedule.durationMinutes);
  if (!schedule.rrule) return { when: `Once, on ${firstDay}`, detail: `${time} to ${end} (${length})` };
  const rule =
    describeRule(schedule.rrule, WEEKDAYS[start.weekday - 1].code) ?? 'Repeats on a custom pattern';
  const ends = describeEnd(schedule.rrule);
  return {
    when: rule,
    detail: `${time} to ${end} (${length}), from ${firstDay}${ends ? `, ${ends}` : ''}`,
  };
}

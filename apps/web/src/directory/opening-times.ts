import { DateTime } from 'luxon';
import type { ScheduleInput } from '@hearth/contracts';
import { POSITIONS, WEEKDAYS, type WeekdayCode } from '../programme/recurrence';

/**
 * A listing's HSDS schedules (`freq`, `interval`, `byday`, `bymonthday`, `opensAt`, `closesAt`, `validFrom`,
 * `validTo`, `description`) in plain English with the 24-hour clock, and the weekly grid the listing form
 * edits them on. Nobody reads or types iCalendar terms.
 */
export type Schedule = Omit<ScheduleInput, 'freq'> & { freq: string };

/** One line of opening times: "Monday" and "09:00 to 12:00, 13:00 to 17:00", or a rule and its times. */
export interface OpeningTime {
  when: string;
  times: string;
  note?: string;
}

/** A weekday's opening and closing times on the form ('' when closed). */
export type WeekGrid = Record<WeekdayCode, { opens: string; closes: string }>;

const DAY_CODES = WEEKDAYS.map((d) => d.code) as WeekdayCode[];
const dayName = (code: string) => WEEKDAYS.find((w) => w.code === code)?.name ?? code;
const isDay = (code: string): code is WeekdayCode => (DAY_CODES as string[]).includes(code);

export const listInWords = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** "09:00 to 17:00", "from 09:00", "until 17:00"; '' when neither is known. */
export function timesInWords(opensAt?: string | null, closesAt?: string | null): string {
  if (opensAt && closesAt) return `${opensAt} to ${closesAt}`;
  if (opensAt) return `from ${opensAt}`;
  if (closesAt) return `until ${closesAt}`;
  return '';
}

const longDate = (iso: string) => {
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  return date.isValid ? date.setLocale('en-GB').toFormat('d LLLL yyyy') : iso;
};

const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

/** Plain weekly days with both times and nothing else: what the form's grid holds. */
function gridDays(s: Schedule): WeekdayCode[] | undefined {
  if (s.freq !== 'WEEKLY' || (s.interval ?? 1) !== 1 || !s.byday || !s.opensAt || !s.closesAt)
    return undefined;
  if (s.bymonthday || s.validFrom || s.validTo || s.description) return undefined;
  const days = s.byday.split(',');
  return days.every(isDay) ? days : undefined;
}

/** "Every 2 weeks on Monday", "First and third Tuesday of every month", "On the 1st and 15th of every month". */
export function ruleInWords(s: Schedule): string {
  const interval = s.interval ?? 1;
  const byday = s.byday ? s.byday.split(',') : [];
  if (s.freq === 'WEEKLY') {
    const days = listInWords(byday.map((d) => dayName(d.replace(/^-?\d/, ''))));
    if (!days) return interval === 1 ? 'Every week' : `Every ${interval} weeks`;
    return interval === 1 ? `Every ${days}` : `Every ${interval} weeks on ${days}`;
  }
  const every = interval === 1 ? 'every month' : `every ${interval} months`;
  if (s.freq === 'MONTHLY' && byday.length) {
    // Positions of one day together: "first and third Tuesday", then "last Friday".
    const byName = new Map<string, string[]>();
    for (const d of byday) {
      const m = /^(-?\d)?([A-Z]{2})$/.exec(d);
      const name = dayName(m?.[2] ?? d);
      const position = POSITIONS.find((p) => p.value === m?.[1])?.text ?? 'every';
      byName.set(name, [...(byName.get(name) ?? []), position]);
    }
    const parts = [...byName].map(([name, positions]) => `${listInWords(positions)} ${name}`);
    return capitalised(`${listInWords(parts)} of ${every}`);
  }
  if (s.freq === 'MONTHLY' && s.bymonthday) {
    const days = s.bymonthday
      .split(',')
      .map(Number)
      .map((n) => (n === -1 ? 'last day' : n < 0 ? `${ordinal(-n)} day from the end` : ordinal(n)));
    return `On the ${listInWords(days)} of ${every}`;
  }
  return capitalised(every);
}

/** One schedule as a sentence: its rule, the dates it runs between, its times and its own note. */
function sentenceOf(s: Schedule): OpeningTime {
  const dates = [
    s.validFrom ? `from ${longDate(s.validFrom)}` : '',
    s.validTo ? `until ${longDate(s.validTo)}` : '',
  ].filter(Boolean);
  return {
    when: [ruleInWords(s), ...dates].join(', '),
    times: timesInWords(s.opensAt, s.closesAt) || 'Times not given',
    ...(s.description ? { note: s.description } : {}),
  };
}

/**
 * A listing's opening times: plain weekly hours as one line a day (Monday first, several times a day joined),
 * then every other schedule as its rule in words, with the dates it runs between and its own note.
 */
export function openingTimes(schedules: Schedule[]): OpeningTime[] {
  const byDay = new Map<WeekdayCode, { opensAt: string; text: string }[]>();
  const others: OpeningTime[] = [];
  for (const s of schedules) {
    const days = gridDays(s);
    if (days) {
      for (const d of days)
        byDay.set(d, [
          ...(byDay.get(d) ?? []),
          { opensAt: s.opensAt!, text: timesInWords(s.opensAt, s.closesAt) },
        ]);
      continue;
    }
    others.push(sentenceOf(s));
  }
  const week = DAY_CODES.filter((d) => byDay.has(d)).map((d) => ({
    when: dayName(d),
    times: byDay
      .get(d)!
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((t) => t.text)
      .join(', '),
  }));
  return [...week, ...others];
}

export const emptyGrid = (): WeekGrid =>
  Object.fromEntries(DAY_CODES.map((d) => [d, { opens: '', closes: '' }])) as WeekGrid;

/**
 * The form's view of a listing's schedules: each weekday's hours on the grid (one opening a day), and every
 * schedule the grid cannot hold (a second opening on a day, monthly, dated, with a note) listed beside it, by
 * its place in the list, to keep or drop.
 */
export function splitSchedules(schedules: Schedule[]): {
  grid: WeekGrid;
  others: { index: number; schedule: Schedule; words: string }[];
} {
  const grid = emptyGrid();
  const others: { index: number; schedule: Schedule; words: string }[] = [];
  schedules.forEach((s, index) => {
    const days = gridDays(s);
    if (days && days.every((d) => !grid[d].opens)) {
      for (const d of days) grid[d] = { opens: s.opensAt!, closes: s.closesAt! };
      return;
    }
    const line = sentenceOf(s);
    others.push({
      index,
      schedule: s,
      words: `${line.when}: ${line.times}${line.note ? ` (${line.note})` : ''}`,
    });
  });
  return { grid, others };
}

/** The grid as HSDS schedules: one weekly schedule per set of hours, its days in week order. */
export function gridSchedules(grid: WeekGrid): Schedule[] {
  const groups = new Map<string, WeekdayCode[]>();
  for (const d of DAY_CODES) {
    const { opens, closes } = grid[d];
    if (!opens || !closes) continue;
    const key = `${opens}-${closes}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups].map(([key, days]) => {
    const [opensAt, closesAt] = key.split('-');
    return { freq: 'WEEKLY', byday: days.join(','), opensAt, closesAt };
  });
}

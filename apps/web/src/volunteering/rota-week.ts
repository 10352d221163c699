import { DateTime } from 'luxon';
import { ISO_WEEK } from '@hearth/contracts';

/** An ISO week asked for in the address (`2027-W05`), when it is one; anything else means this week. */
export const weekAsked = (value: unknown): string | undefined =>
  typeof value === 'string' && ISO_WEEK.test(value) && DateTime.fromISO(`${value}-1`).isValid
    ? value
    : undefined;

/** The week `by` weeks from `week` (`2027-W05`), across the turn of a year. */
export function weekFrom(week: string, by: number): string {
  const monday = DateTime.fromISO(`${week}-1`, { zone: 'utc' }).plus({ weeks: by });
  return `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`;
}

/** "Monday 1 February" for a rota's day, `YYYY-MM-DD`. */
export const dayHeading = (date: string) =>
  DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('cccc d LLLL');

/** "1 February to 7 February 2027". */
export const weekInWords = (from: string, to: string) => {
  const a = DateTime.fromISO(from, { zone: 'utc' }).setLocale('en-GB');
  const b = DateTime.fromISO(to, { zone: 'utc' }).setLocale('en-GB');
  return `${a.toFormat(a.year === b.year ? 'd LLLL' : 'd LLLL yyyy')} to ${b.toFormat('d LLLL yyyy')}`;
};

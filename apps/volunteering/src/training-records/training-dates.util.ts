/** Calendar dates as `YYYY-MM-DD` strings: what a record keeps (a day, never an instant). */

/** The LEROs' calendar: a day starts and ends in UK time. */
export const TRAINING_TIME_ZONE = 'Europe/London';

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: TRAINING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in UK time. */
export const todayInUk = (now: Date = new Date()): string => ymd.format(now);

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `date` plus whole months; a day the month lacks becomes its last (31 January + 1 month: 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** `date` plus whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** When a completion of an item valid for `validityMonths` (null: for good) expires: the first day it is not valid. */
export const expiryOf = (completedOn: string, validityMonths: number | null): string | null =>
  validityMonths ? addMonths(completedOn, validityMonths) : null;

/** Valid on `on` when completed by then and not yet expired (on its expiry date it no longer is). */
export const isValidOn = (r: { completedOn: string; expiresOn: string | null }, on: string): boolean =>
  r.completedOn <= on && (r.expiresOn === null || on < r.expiresOn);

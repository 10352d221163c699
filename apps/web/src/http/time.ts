import { DateTime } from 'luxon';

/** Hearth's LEROs are in the UK: "today" and dates without a zone of their own are London's. */
export const HOME_ZONE = 'Europe/London';

/** Midnight at the start of today (London), as an instant the API takes (`from`). */
export function startOfToday(now: Date = new Date(), zone = HOME_ZONE): string {
  return DateTime.fromJSDate(now).setZone(zone).startOf('day').toUTC().toISO()!;
}

/** `days` after the start of today (London), as an instant (`to`, exclusive). */
export function daysFromToday(days: number, now: Date = new Date(), zone = HOME_ZONE): string {
  return DateTime.fromJSDate(now).setZone(zone).startOf('day').plus({ days }).toUTC().toISO()!;
}

const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);

/** "Tuesday 5 January 2027" in the zone the session happens in. */
export const longDate = (iso: string, zone = HOME_ZONE) =>
  inZone(iso, zone).setLocale('en-GB').toFormat('cccc d LLLL yyyy');

/** "10:00" (24-hour clock, as UK timetables write it). */
export const clockTime = (iso: string, zone = HOME_ZONE) => inZone(iso, zone).toFormat('HH:mm');

/** "5 January 2027 at 14:05", for when something was recorded. */
export const dateAndTime = (iso: string, zone = HOME_ZONE) =>
  inZone(iso, zone).setLocale('en-GB').toFormat("d LLLL yyyy 'at' HH:mm");

/** The local calendar day of an instant, `2027-01-05`, to group sessions by day. */
export const localDay = (iso: string, zone = HOME_ZONE) => inZone(iso, zone).toISODate()!;

/** "1 hour 30 minutes" */
export function durationInWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ') || '0 minutes';
}

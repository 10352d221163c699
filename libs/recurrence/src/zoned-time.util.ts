import { DateTime, IANAZone } from 'luxon';

/** A wall-clock date and time, with no zone attached. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-03-03T10:00` or `2026-03-03T10:00:00` (already validated by the contract). */
export function parseLocal(value: string): LocalDateTime {
  const [date, time] = value.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second = 0] = time.split(':').map(Number);
  return { year, month, day, hour, minute, second };
}

export const formatLocal = (t: LocalDateTime) =>
  `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;

/** The wall-clock time as if it were UTC: the "floating" time line recurrence is expanded on. */
export const toFloating = (t: LocalDateTime) =>
  new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));

export const fromFloating = (d: Date): LocalDateTime => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
  hour: d.getUTCHours(),
  minute: d.getUTCMinutes(),
  second: d.getUTCSeconds(),
});

function zoneOf(zone: string): IANAZone {
  const z = IANAZone.create(zone);
  if (!z.isValid) throw new Error(`Unknown time zone ${zone}`);
  return z;
}

/**
 * The instant a wall-clock time names in a zone. When the clocks go back and the time happens twice, the
 * first is meant; when they go forward and it never happens, it moves on by the gap (RFC 5545, 3.3.5), so a
 * 01:30 group on the day British Summer Time starts meets at 02:30. `exists` tells the second case apart.
 */
export function zonedToInstant(local: LocalDateTime, zone: string): { instant: Date; exists: boolean } {
  const z = zoneOf(zone);
  const naive = toFloating(local).getTime();
  const offsets = new Set([z.offset(naive - DAY_MS), z.offset(naive), z.offset(naive + DAY_MS)]);
  const candidates = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((t) => z.offset(t) * 60_000 === naive - t)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return { instant: new Date(candidates[0]), exists: true };
  return { instant: new Date(naive - z.offset(naive - DAY_MS) * 60_000), exists: false };
}

export function instantToLocal(instant: Date, zone: string): LocalDateTime {
  const t = DateTime.fromJSDate(instant, { zone: zoneOf(zone) });
  return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
}

/** The local calendar date of an instant in a zone, `YYYY-MM-DD`. */
export const localDate = (instant: Date, zone: string) =>
  formatLocal(instantToLocal(instant, zone)).slice(0, 10);

/** A Luxon date-time in the zone, for libraries that format zoned times (the iCalendar feed). */
export const zoned = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone: zoneOf(zone) });

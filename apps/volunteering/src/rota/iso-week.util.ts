/** An ISO 8601 week: its label and its Monday, as a UTC midnight standing for the calendar date. */
export interface IsoWeek {
  label: string;
  monday: Date;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Monday of ISO week 1: the week holding 4 January. */
const firstMonday = (year: number) => {
  const jan4 = Date.UTC(year, 0, 4);
  return new Date(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS);
};
/** 52 or 53: the week number of 28 December, which is always in the year's last week. */
export const weeksIn = (year: number) =>
  Math.round((Date.UTC(year, 11, 28) - firstMonday(year).getTime()) / (7 * DAY_MS)) + 1;

const labelOf = (year: number, week: number) => `${pad(year, 4)}-W${pad(week)}`;

/** `2027-W05` → the week, or null when there is no such week (W00, W53 of a 52-week year). */
export function parseIsoWeek(value: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (year < 1970 || week < 1 || week > weeksIn(year)) return null;
  return {
    label: labelOf(year, week),
    monday: new Date(firstMonday(year).getTime() + (week - 1) * 7 * DAY_MS),
  };
}

/** The ISO week holding a calendar date (`YYYY-MM-DD`). */
export function isoWeekOf(date: string): IsoWeek {
  const day = new Date(`${date}T00:00:00Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.round((monday.getTime() - firstMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return { label: labelOf(year, week), monday };
}

/** The seven dates of the week, Monday first, `YYYY-MM-DD`. */
export const daysOf = (week: IsoWeek) =>
  Array.from({ length: 7 }, (_, i) =>
    new Date(week.monday.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );

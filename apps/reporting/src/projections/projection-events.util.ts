import { UnprocessableEventError } from '@hearth/messaging';
/** The first day of a calendar day's month (YYYY-MM-01): the key of monthly distinct counts. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
/** The dimension a category's figures are kept under. */
export const categoryDimension = (category: string) => `category=${category}`;

/** A date an event names must be a calendar day: one that is not can never be counted (dead-lettered at once). */
export function checkCalendarDay(day: string): void {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day)
    throw new UnprocessableEventError(`date ${day} is not a calendar day`);
}

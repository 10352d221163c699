import { expand, localDate, zoned, type Occurrence } from '@hearth/recurrence';
import type { Shift } from '../shifts/shift.entity';
import { scheduleOf } from '../shifts/shift.view';
import { invalidField } from '../roles/roles.exception';

const HOUR_MS = 3_600_000;
/** Zones run from UTC−12 to UTC+14: a local day lies within this margin of the same UTC day. */
const ZONE_MARGIN_MS = 15 * HOUR_MS;
/** As the rota: expansion walks a rule from its first start, so a date centuries away would cost seconds of CPU. */
const MAX_DAYS_AHEAD = 3 * 366;

/** One dated occurrence of a shift: its local date in the shift's zone, its instants, and the ISO start shown. */
export interface DatedOccurrence extends Occurrence {
  date: string;
  startsAtIso: string;
}

/**
 * The occurrence of the shift on `date` (its local date in the shift's zone), or a VALIDATION naming `date`: required
 * for a recurring shift, optional for a one-off; not a day, too far ahead, not one of the shift's dates, or a date on
 * which it happens more than once (a sign-up names a day).
 */
export function occurrenceOn(shift: Shift, date: string | undefined, now: Date): DatedOccurrence {
  const schedule = scheduleOf(shift);
  const dated = (o: Occurrence): DatedOccurrence => ({
    ...o,
    date: localDate(o.startsAt, shift.timezone),
    startsAtIso:
      zoned(o.startsAt, shift.timezone).toISO({ suppressMilliseconds: true }) ?? o.startsAt.toISOString(),
  });
  if (date === undefined) {
    if (shift.rrule)
      throw invalidField('date', 'is required for a recurring shift: the occurrence’s local date');
    const [only] = expand(schedule, { until: new Date(8.64e15), max: 1 }).occurrences;
    if (!only) throw invalidField('date', 'names no occurrence of this shift');
    return dated(only);
  }
  const midnight = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== date)
    throw invalidField('date', 'is not a day of the calendar');
  if (midnight.getTime() > now.getTime() + MAX_DAYS_AHEAD * 24 * HOUR_MS)
    throw invalidField('date', 'can be at most three years ahead');
  const from = new Date(midnight.getTime() - ZONE_MARGIN_MS);
  const until = new Date(midnight.getTime() + 24 * HOUR_MS + ZONE_MARGIN_MS);
  const onDate = expand(schedule, { from, until, max: 64 })
    .occurrences.map(dated)
    .filter((o) => o.date === date);
  if (onDate.length === 0)
    throw invalidField('date', `is not one of this shift’s dates (in ${shift.timezone})`);
  if (onDate.length > 1) throw invalidField('date', 'has more than one occurrence of this shift');
  return onDate[0];
}

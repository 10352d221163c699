import {
  ScheduleInputError,
  checkScheduleInput,
  expand,
  formatLocal,
  instantToLocal,
  parseLocal,
  zoned,
  zonedToInstant,
  type Occurrence,
  type Schedule,
} from '@hearth/recurrence';
import { DEFAULT_TIME_ZONE, MAX_DURATION_MINUTES, type ShiftOccurrenceView } from '@hearth/contracts';
import { invalidField } from '../roles/roles.exception';

/** A shift's times as a request gives them (already shape-checked): the end as `endsAt` or `durationMinutes`. */
export interface ShiftTimesInput {
  startsAt: string;
  endsAt?: string;
  durationMinutes?: number;
  timezone?: string;
  rrule?: string;
}

const FAR = new Date(8.64e15);
/** A rule with COUNT or UNTIL is expanded this far at write time to find its last start; past it, it has no end. */
const MAX_SPAN_OCCURRENCES = 5000;

const instantOf = (local: string, zone: string) => zonedToInstant(parseLocal(local), zone);

/**
 * The schedule a shift's times make, or a VALIDATION naming the field: the rule (`rrule`), a start in a
 * clocks-forward gap or too long ago (`startsAt`), an end that does not exist, is not after the start or is more
 * than a day later (`endsAt`). The length of a shift is the real time between its first start and end.
 */
export function shiftSchedule(input: ShiftTimesInput, now: Date, keptStart?: string): Schedule {
  const timezone = input.timezone ?? DEFAULT_TIME_ZONE;
  // `null` (JSON has it; the optional fields' checks let it through) is no end given, as absent is.
  const endsAt = input.endsAt ?? undefined;
  const minutes = input.durationMinutes ?? undefined;
  if (endsAt !== undefined && minutes !== undefined)
    throw invalidField('endsAt', 'give endsAt or durationMinutes, not both');
  if (endsAt === undefined && minutes === undefined)
    throw invalidField('endsAt', 'give the end as endsAt or durationMinutes');
  let durationMinutes = minutes ?? 1;
  if (endsAt !== undefined) {
    const end = instantOf(endsAt, timezone);
    if (!end.exists)
      throw invalidField('endsAt', `does not exist in ${timezone} (the clocks go forward then)`);
    const start = instantOf(input.startsAt, timezone).instant;
    durationMinutes = Math.round((end.instant.getTime() - start.getTime()) / 60_000);
    if (durationMinutes < 1) throw invalidField('endsAt', 'must be after startsAt');
    if (durationMinutes > MAX_DURATION_MINUTES)
      throw invalidField('endsAt', 'can be at most 24 hours after startsAt');
  }
  try {
    return checkScheduleInput({ ...input, timezone, durationMinutes }, now, keptStart);
  } catch (err) {
    if (err instanceof ScheduleInputError) throw invalidField(err.field, err.message);
    throw err;
  }
}

/** When the schedule's first occurrence starts, and its last (null: no end); a rule that never happens is refused. */
export function spanOf(schedule: Schedule): { first: Date; last: Date | null } {
  const first = expand(schedule, { until: FAR, max: 1 }).occurrences[0];
  if (!first) throw invalidField('rrule', 'has no occurrence on or after startsAt');
  if (!schedule.rrule) return { first: first.startsAt, last: first.startsAt };
  if (!/(COUNT|UNTIL)=/.test(schedule.rrule)) return { first: first.startsAt, last: null };
  const all = expand(schedule, { until: FAR, max: MAX_SPAN_OCCURRENCES });
  return { first: first.startsAt, last: all.exhausted ? (all.occurrences.at(-1)?.startsAt ?? null) : null };
}

/** An occurrence's instants as ISO 8601 with the zone's offset: `2027-11-02T10:00:00+00:00`. */
export const occurrenceView = (o: Occurrence, zone: string): ShiftOccurrenceView => ({
  startsAt: zoned(o.startsAt, zone).toISO({ suppressMilliseconds: true }) ?? o.startsAt.toISOString(),
  endsAt: zoned(o.endsAt, zone).toISO({ suppressMilliseconds: true }) ?? o.endsAt.toISOString(),
});

/** The wall-clock end of the schedule's first start in its zone. */
export const localEnd = (schedule: Schedule) =>
  formatLocal(
    instantToLocal(
      new Date(
        instantOf(schedule.startsAt, schedule.timezone).instant.getTime() + schedule.durationMinutes * 60_000,
      ),
      schedule.timezone,
    ),
  );

import { DEFAULT_TIME_ZONE } from '@hearth/contracts';
import {
  RecurrenceError,
  canonicalStart,
  normaliseRrule,
  startExists,
  type Schedule,
} from './recurrence.util';
import { parseLocal, zonedToInstant } from './zoned-time.util';

/** A schedule as a contract receives it (events' `ScheduleDto`, a shift's times), already shape-checked. */
export interface ScheduleInput {
  startsAt: string;
  durationMinutes: number;
  timezone?: string;
  rrule?: string;
}

/** A schedule input a class validator could not refuse; `field` names the part to fix. */
export class ScheduleInputError extends Error {
  override name = 'ScheduleInputError';
  constructor(
    readonly field: 'rrule' | 'startsAt',
    message: string,
  ) {
    super(message);
  }
}

const MAX_PAST_DAYS = 366;

/**
 * Checks what a class validator cannot see: the rule itself, a start inside a clocks-forward gap, a start too
 * long ago to be useful. A change that keeps the first occurrence's date (`keptStart`, the stored start) may
 * keep an older one: past occurrences are not laid out again (ADR 0032). Throws ScheduleInputError.
 */
export function checkScheduleInput(input: ScheduleInput, now: Date, keptStart?: string): Schedule {
  const timezone = input.timezone ?? DEFAULT_TIME_ZONE;
  let rrule: string | null = null;
  if (input.rrule !== undefined) {
    try {
      rrule = normaliseRrule(input.rrule);
    } catch (err) {
      if (err instanceof RecurrenceError) throw new ScheduleInputError('rrule', err.message);
      throw err;
    }
  }
  const schedule: Schedule = {
    startsAt: canonicalStart(input.startsAt),
    durationMinutes: input.durationMinutes,
    timezone,
    rrule,
  };
  if (!startExists(schedule))
    throw new ScheduleInputError('startsAt', `does not exist in ${timezone} (the clocks go forward then)`);
  const start = zonedToInstant(parseLocal(schedule.startsAt), timezone).instant;
  const keepsFirstDate = keptStart?.slice(0, 10) === schedule.startsAt.slice(0, 10);
  if (!keepsFirstDate && start.getTime() < now.getTime() - MAX_PAST_DAYS * 86_400_000)
    throw new ScheduleInputError('startsAt', 'can be at most a year in the past');
  return schedule;
}

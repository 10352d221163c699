import { DEFAULT_TIME_ZONE, type LocationDto, type LocationView, type ScheduleDto } from '@hearth/contracts';
import {
  RecurrenceError,
  canonicalStart,
  normaliseRrule,
  startExists,
  type Schedule,
} from '../schedule/recurrence.util';
import { parseLocal, zonedToInstant } from '../schedule/zoned-time.util';
import { invalidField } from '../sessions/sessions.exception';

const MAX_PAST_DAYS = 366;

/**
 * A schedule as the contract received it, checked for what a class validator cannot see: the rule itself,
 * a start inside a clocks-forward gap, a start too long ago to be useful. A change that keeps the first
 * session's date (`keptStart`, the activity's own start) may keep an older one: past sessions are not laid out
 * again (ADR 0032).
 */
export function scheduleFromInput(dto: ScheduleDto, now: Date, keptStart?: string): Schedule {
  const timezone = dto.timezone ?? DEFAULT_TIME_ZONE;
  let rrule: string | null = null;
  if (dto.rrule !== undefined) {
    try {
      rrule = normaliseRrule(dto.rrule);
    } catch (err) {
      if (err instanceof RecurrenceError) throw invalidField('schedule.rrule', err.message);
      throw err;
    }
  }
  const schedule: Schedule = {
    startsAt: canonicalStart(dto.startsAt),
    durationMinutes: dto.durationMinutes,
    timezone,
    rrule,
  };
  if (!startExists(schedule))
    throw invalidField('schedule.startsAt', `does not exist in ${timezone} (the clocks go forward then)`);
  const start = zonedToInstant(parseLocal(schedule.startsAt), timezone).instant;
  const keepsFirstDate = keptStart?.slice(0, 10) === schedule.startsAt.slice(0, 10);
  if (!keepsFirstDate && start.getTime() < now.getTime() - MAX_PAST_DAYS * 86_400_000)
    throw invalidField('schedule.startsAt', 'can be at most a year in the past');
  return schedule;
}

export const locationFromInput = (dto: LocationDto): LocationView => ({
  name: dto.name.trim(),
  address: dto.address?.trim() || null,
  postcode: dto.postcode?.trim().toUpperCase() || null,
  latitude: dto.latitude ?? null,
  longitude: dto.longitude ?? null,
  onlineUrl: dto.onlineUrl ?? null,
});

import { type LocationDto, type LocationView, type ScheduleDto } from '@hearth/contracts';
import { ScheduleInputError, checkScheduleInput, type Schedule } from '@hearth/recurrence';
import { invalidField } from '../sessions/sessions.exception';

/**
 * An activity's schedule as the contract received it, checked by @hearth/recurrence; a refusal names the field
 * under `schedule.` (a change keeping the activity's own start, `keptStart`, may keep an older one: ADR 0032).
 */
export function scheduleFromInput(dto: ScheduleDto, now: Date, keptStart?: string): Schedule {
  try {
    return checkScheduleInput(dto, now, keptStart);
  } catch (err) {
    if (err instanceof ScheduleInputError) throw invalidField(`schedule.${err.field}`, err.message);
    throw err;
  }
}

export const locationFromInput = (dto: LocationDto): LocationView => ({
  name: dto.name.trim(),
  address: dto.address?.trim() || null,
  postcode: dto.postcode?.trim().toUpperCase() || null,
  latitude: dto.latitude ?? null,
  longitude: dto.longitude ?? null,
  onlineUrl: dto.onlineUrl ?? null,
});

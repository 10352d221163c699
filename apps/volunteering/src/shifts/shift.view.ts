import type { ShiftChangedEvent, ShiftView } from '@hearth/contracts';
import { expand, type Schedule } from '@hearth/recurrence';
import type { Shift } from './shift.entity';
import { localEnd, occurrenceView } from './shift-schedule.util';

/** How many coming occurrences a shift's view lists. */
const NEXT_SHOWN = 5;

export const scheduleOf = (s: Shift): Schedule => ({
  startsAt: s.startsAtLocal,
  durationMinutes: s.durationMinutes,
  timezone: s.timezone,
  rrule: s.rrule,
});

export const shiftView = (s: Shift, now: Date): ShiftView => {
  const schedule = scheduleOf(s);
  const next =
    s.status === 'scheduled'
      ? expand(schedule, { from: now, until: new Date(8.64e15), max: NEXT_SHOWN }).occurrences
      : [];
  return {
    id: s.id,
    roleId: s.roleId,
    startsAt: s.startsAtLocal,
    endsAt: localEnd(schedule),
    durationMinutes: s.durationMinutes,
    timezone: s.timezone,
    rrule: s.rrule,
    place: s.place,
    capacity: s.capacity,
    sessionId: s.sessionId,
    status: s.status,
    cancelReason: s.cancelReason,
    next: next.map((o) => occurrenceView(o, s.timezone)),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
};

export const shiftEvent = (s: Shift): ShiftChangedEvent => ({
  tenantId: s.tenantId,
  shiftId: s.id,
  roleId: s.roleId,
  startsAt: s.startsAtLocal,
  durationMinutes: s.durationMinutes,
  timezone: s.timezone,
  rrule: s.rrule,
  capacity: s.capacity,
  sessionId: s.sessionId,
  status: s.status,
});

import { MAX_SHIFT_CAPACITY, type CreateShiftDto } from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';
import { HOME_ZONE } from '../http/time';
import { DURATIONS, durationOptions, isoDate, parseTime } from '../programme/activity-form';
import { parseDateParts } from '../programme/recurrence';
import {
  RECURRENCE_FIELDS,
  dateItems,
  datePartsOf,
  emptyRecurrence,
  readRecurrenceForm,
  recurrenceChoices,
  recurrenceRule,
  type DateParts,
  type RecurrenceFormValues,
} from '../programme/recurrence-form';

/** A shift's form as posted: its first date and time, length, place, places and the recurrence picker's answers. */
export interface ShiftFormValues extends RecurrenceFormValues {
  startDate: DateParts;
  startTime: string;
  duration: string;
  place: string;
  capacity: string;
}

export const SHIFT_FIELDS = ['startDate', 'startTime', 'duration', ...RECURRENCE_FIELDS, 'place', 'capacity'];
export const SHIFT_ANCHORS = { startDate: 'startDate-day', endDate: 'endDate-day' };

/** The API's fields in the form's words, and the form field each lands on. */
export const SHIFT_LABELS: Record<string, string> = {
  startsAt: 'First shift',
  timezone: 'First shift',
  durationMinutes: 'Length',
  endsAt: 'Length',
  rrule: 'How often',
  place: 'Place',
  capacity: 'Number of volunteers needed',
};
export const SHIFT_API_IDS: Record<string, string> = {
  startsAt: 'startDate',
  timezone: 'startDate',
  durationMinutes: 'duration',
  endsAt: 'duration',
  rrule: 'repeat',
};

export const emptyShiftForm = (): ShiftFormValues => ({
  startDate: { day: '', month: '', year: '' },
  startTime: '',
  duration: '120',
  place: '',
  capacity: '',
  ...emptyRecurrence(),
});

export const readShiftForm = (body: unknown): ShiftFormValues => ({
  startDate: datePartsOf(body, 'startDate'),
  startTime: field(body, 'startTime'),
  duration: field(body, 'duration'),
  place: field(body, 'place'),
  capacity: field(body, 'capacity'),
  ...readRecurrenceForm(body),
});

/**
 * Checks the form and builds the shift as the API takes it (London wall clock, the picker's RRULE). `keptDuration`
 * is a shift's own length when it is none of the form's choices (a change form offers it too).
 */
export function shiftRequest(
  v: ShiftFormValues,
  errors: FormErrors,
  keptDuration?: number,
): CreateShiftDto | undefined {
  const first = parseDateParts(v.startDate);
  if (!v.startDate.day && !v.startDate.month && !v.startDate.year)
    errors.add('startDate', 'Enter the date of the first shift');
  else if (!first) errors.add('startDate', 'Date of the first shift must be a real date, like 5 1 2027');
  const time = parseTime(v.startTime);
  if (!v.startTime) errors.add('startTime', 'Enter the time it starts');
  else if (!time) errors.add('startTime', 'Enter the start time as hours and minutes, like 10:00 or 18:30');
  const duration = Number(v.duration);
  if (!DURATIONS.includes(duration) && duration !== keptDuration)
    errors.add('duration', 'Select how long each shift lasts');
  const rule = recurrenceRule(v, first, 'shift');
  if (!rule.ok) for (const e of rule.errors) errors.add(e.field, e.message);
  if (v.place.length > 300) errors.add('place', 'Place must be 300 characters or fewer');
  if (!v.capacity) errors.add('capacity', 'Enter how many volunteers are needed');
  else if (!/^\d+$/.test(v.capacity) || Number(v.capacity) < 1 || Number(v.capacity) > MAX_SHIFT_CAPACITY)
    errors.add(
      'capacity',
      `Number of volunteers needed must be a whole number between 1 and ${MAX_SHIFT_CAPACITY}`,
    );
  if (!errors.ok || !first || !time || !rule.ok) return undefined;
  return {
    startsAt: `${isoDate(first)}T${time}`,
    durationMinutes: duration,
    timezone: HOME_ZONE,
    ...(rule.rrule ? { rrule: rule.rrule } : {}),
    ...(v.place ? { place: v.place } : {}),
    capacity: Number(v.capacity),
  };
}

export const shiftFormChoices = (
  v: ShiftFormValues,
  errors: { fields: Record<string, unknown> },
  keptDuration?: number,
) => ({
  recurrence: recurrenceChoices(v, errors, 'shift'),
  startDateItems: dateItems('startDate', v.startDate, errors),
  durationOptions: durationOptions(v.duration, keptDuration),
});

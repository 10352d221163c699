import type { CreateShiftDto, ShiftView, UpdateShiftDto } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { DURATIONS } from '../programme/activity-form';
import { isoDateParts, recurrenceAnswers } from '../programme/recurrence-form';
import { emptyShiftForm, shiftRequest, type ShiftFormValues } from './shift-form';

/** The shift form as a change of this shift starts: its answers as they are. */
export interface ShiftEditForm {
  values: ShiftFormValues;
  /** The shift's length when it is none of the form's choices (kept as a choice). */
  keptDuration?: number;
  /** Its rule is one the picker cannot show: left alone unless "How often" is changed. */
  customRule: boolean;
}

/** The form filled in with the shift as it is (its wall clock in its own zone). */
export function formFromShift(s: ShiftView): ShiftEditForm {
  const answers = s.rrule ? recurrenceAnswers(s.rrule) : { repeat: 'once' };
  return {
    values: {
      ...emptyShiftForm(),
      startDate: isoDateParts(s.startsAt),
      startTime: s.startsAt.slice(11, 16),
      duration: String(s.durationMinutes),
      place: s.place ?? '',
      capacity: String(s.capacity),
      ...(answers ?? {}),
    },
    ...(DURATIONS.includes(s.durationMinutes) ? {} : { keptDuration: s.durationMinutes }),
    customRule: !answers,
  };
}

const KEYS = ['startsAt', 'durationMinutes', 'rrule', 'place', 'capacity'] as const;

/**
 * What the form changes, as the API's PATCH: only what differs from the shift as it was (a cleared place or a
 * rule made "just once" is `null`); the zone is the shift's own and never sent, so its wall clock stays in it.
 * Undefined when the form has errors; `{}` when nothing changed.
 */
export function shiftChanges(
  before: ShiftEditForm,
  values: ShiftFormValues,
  errors: FormErrors,
): UpdateShiftDto | undefined {
  const after = shiftRequest(values, errors, before.keptDuration);
  if (!after) return undefined;
  // The shift's own answers were valid when saved; were one not now (a rule the picker cannot show), every
  // field is compared with nothing and sent.
  const was: Partial<CreateShiftDto> =
    shiftRequest(before.values, new FormErrors(), before.keptDuration) ?? {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changes: Record<string, unknown> = {};
  for (const key of KEYS) if (!same(was[key], after[key])) changes[key] = after[key] ?? null;
  return changes as UpdateShiftDto;
}

/** Whether a change moves the shift's dates or times (sign-ups already made stay on the old ones, ADR 0052). */
export const movesTimes = (changes: UpdateShiftDto) =>
  changes.startsAt !== undefined || changes.durationMinutes !== undefined || changes.rrule !== undefined;

import type { ActivityView, CreateActivityDto, UpdateActivityDto } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import {
  DURATIONS,
  activityRequest,
  emptyActivityForm,
  type ActivityFormContext,
  type ActivityFormValues,
} from './activity-form';
import { isoDateParts, recurrenceAnswers } from './recurrence-form';

/** The activity form as a change of this activity starts: its answers as they are. */
export interface ActivityEditForm {
  values: ActivityFormValues;
  context: ActivityFormContext;
  /** Its rule is one the picker cannot show: left alone unless "When it happens" is changed. */
  customRule: boolean;
}

/** The form filled in with the activity as it is. */
export function formFromActivity(a: ActivityView): ActivityEditForm {
  const { schedule, location } = a;
  const answers = schedule.rrule ? recurrenceAnswers(schedule.rrule) : { repeat: 'once' };
  // A place called "Online" with a link is what the form makes of a link alone.
  const online = location?.name === 'Online' && !!location.onlineUrl;
  return {
    values: {
      ...emptyActivityForm(),
      title: a.title,
      category: a.category,
      description: a.description ?? '',
      locationName: online ? '' : (location?.name ?? ''),
      address: location?.address ?? '',
      postcode: location?.postcode ?? '',
      onlineUrl: location?.onlineUrl ?? '',
      visibility: a.visibility,
      capacity: a.capacity === null ? '' : String(a.capacity),
      startDate: isoDateParts(schedule.startsAt),
      startTime: schedule.startsAt.slice(11, 16),
      duration: String(schedule.durationMinutes),
      ...(answers ?? {}),
      publishToDirectory: a.publishToDirectory ? 'yes' : '',
      locationOnRequest: a.locationOnRequest ? 'yes' : '',
    },
    context: {
      timezone: schedule.timezone,
      ...(DURATIONS.includes(schedule.durationMinutes) ? {} : { duration: schedule.durationMinutes }),
    },
    customRule: !answers,
  };
}

/**
 * What the form changes, as the API's PATCH: only what differs from the activity as it was (a cleared
 * optional field is `null`), and the schedule only when "When it happens" was changed, so an activity whose
 * rule the picker cannot show keeps it. Undefined when the form has errors; `{}` when nothing changed.
 */
export function activityChanges(
  before: ActivityEditForm,
  values: ActivityFormValues,
  errors: FormErrors,
): UpdateActivityDto | undefined {
  const after = activityRequest(values, errors, before.context);
  if (!after) return undefined;
  // The activity's own answers were valid when saved; were one not now, every field is sent.
  const was = activityRequest(before.values, new FormErrors(), before.context);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changes: UpdateActivityDto = {};
  const keys: (keyof CreateActivityDto)[] = [
    'title',
    'category',
    'description',
    'location',
    'visibility',
    'capacity',
    'schedule',
  ];
  for (const key of keys) {
    if (was && same(was[key], after[key])) continue;
    // Fields left out of a create are cleared (null) in a change; title, category and visibility are always there.
    (changes as Record<string, unknown>)[key] = after[key] ?? null;
  }
  // The directory's choices: sent when the form asked and the answer differs (never null: they are yes or no).
  for (const key of ['publishToDirectory', 'locationOnRequest'] as const)
    if (after[key] !== undefined && after[key] !== (before.values[key] === 'yes')) changes[key] = after[key];
  return changes;
}

import {
  ACTIVITY_CATEGORIES,
  MAX_CAPACITY,
  type ActivityCategory,
  type ActivityVisibility,
  type CreateActivityDto,
} from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';
import { HOME_ZONE, durationInWords } from '../http/time';
import { CATEGORY_NAMES, isCategory } from './categories';
import { parseDateParts, type LocalDate } from './recurrence';
import {
  RECURRENCE_FIELDS,
  dateItems,
  datePartsOf,
  emptyRecurrence,
  readRecurrenceForm,
  recurrenceChoices,
  recurrenceRule,
  selectOptions,
  type DateParts,
  type RecurrenceFormValues,
} from './recurrence-form';

export const DURATIONS = [30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 480];

export interface ActivityFormValues extends RecurrenceFormValues {
  title: string;
  category: string;
  description: string;
  locationName: string;
  address: string;
  postcode: string;
  onlineUrl: string;
  visibility: string;
  capacity: string;
  startDate: DateParts;
  startTime: string;
  duration: string;
  /** 'yes' when ticked; asked only while the LERO publishes to the directory (`directoryAsked` says so). */
  publishToDirectory: string;
  directoryAsked: string;
  locationOnRequest: string;
}

/** The fields in page order (the error summary's order); date inputs link to their day box. */
export const ACTIVITY_FIELDS = [
  'title',
  'category',
  'description',
  'startDate',
  'startTime',
  'duration',
  ...RECURRENCE_FIELDS,
  'locationName',
  'address',
  'postcode',
  'onlineUrl',
  'locationOnRequest',
  'visibility',
  'publishToDirectory',
  'capacity',
];
export const ACTIVITY_ANCHORS = { startDate: 'startDate-day', endDate: 'endDate-day' };

/** The API's field names in the form's words, and the form field each lands on. */
export const ACTIVITY_LABELS: Record<string, string> = {
  title: 'Name',
  category: 'Type of activity',
  description: 'Description',
  visibility: 'Who can see it',
  capacity: 'Number of places',
  publishToDirectory: 'List in the regional directory',
  locationOnRequest: 'Location on request',
  'location.name': 'Place',
  'location.address': 'Address',
  'location.postcode': 'Postcode',
  'location.onlineUrl': 'Online link',
  'schedule.startsAt': 'First session',
  'schedule.durationMinutes': 'Length',
  'schedule.rrule': 'How often',
  'schedule.timezone': 'First session',
};
export const ACTIVITY_API_IDS: Record<string, string> = {
  'location.name': 'locationName',
  'location.address': 'address',
  'location.postcode': 'postcode',
  'location.onlineUrl': 'onlineUrl',
  'schedule.startsAt': 'startDate',
  'schedule.timezone': 'startDate',
  'schedule.durationMinutes': 'duration',
  'schedule.rrule': 'repeat',
};

export const emptyActivityForm = (): ActivityFormValues => ({
  title: '',
  category: '',
  description: '',
  locationName: '',
  address: '',
  postcode: '',
  onlineUrl: '',
  visibility: 'public',
  capacity: '',
  startDate: { day: '', month: '', year: '' },
  startTime: '',
  duration: '90',
  ...emptyRecurrence(),
  publishToDirectory: 'yes',
  directoryAsked: '',
  locationOnRequest: '',
});

export function readActivityForm(body: unknown): ActivityFormValues {
  return {
    title: field(body, 'title'),
    category: field(body, 'category'),
    description: field(body, 'description'),
    locationName: field(body, 'locationName'),
    address: field(body, 'address'),
    postcode: field(body, 'postcode'),
    onlineUrl: field(body, 'onlineUrl'),
    visibility: field(body, 'visibility'),
    capacity: field(body, 'capacity'),
    startDate: datePartsOf(body, 'startDate'),
    startTime: field(body, 'startTime'),
    duration: field(body, 'duration'),
    ...readRecurrenceForm(body),
    publishToDirectory: field(body, 'publishToDirectory'),
    directoryAsked: field(body, 'directoryAsked'),
    locationOnRequest: field(body, 'locationOnRequest'),
  };
}

/**
 * "10:00", "10.00", "9:30", "14:05", "1420" → "10:00" (24-hour); undefined when it is not a time of day. The
 * field is plain text, not `type="time"`: browsers draw that in the device's locale (02:20 PM, cut off).
 */
export function parseTime(value: string): string | undefined {
  const m = /^([01]?\d|2[0-3])[:.,h]?([0-5]\d)$/i.exec(value.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : undefined;
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
  } catch {
    return false;
  }
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const isoDate = (d: LocalDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** When an activity is changed: its own zone, and a length the picker does not offer that it already has. */
export interface ActivityFormContext {
  timezone?: string;
  duration?: number;
}

/**
 * Checks the form and builds the API's request; the repeat answers become an RRULE here (the picker's
 * mapping is in `recurrence.ts`). Errors are added to `errors`; the request is returned only when there are none.
 */
export function activityRequest(
  v: ActivityFormValues,
  errors: FormErrors,
  context: ActivityFormContext = {},
): CreateActivityDto | undefined {
  if (!v.title) errors.add('title', 'Enter a name for the activity');
  else if (v.title.length > 160) errors.add('title', 'Name must be 160 characters or fewer');
  if (!isCategory(v.category)) errors.add('category', 'Select the type of activity');
  if (v.description.length > 5000) errors.add('description', 'Description must be 5,000 characters or fewer');

  const rawDate = v.startDate;
  const first = parseDateParts(rawDate);
  if (!rawDate.day && !rawDate.month && !rawDate.year)
    errors.add('startDate', 'Enter the date of the first session');
  else if (!first) errors.add('startDate', 'Date of the first session must be a real date, like 5 1 2027');
  const time = parseTime(v.startTime);
  if (!v.startTime) errors.add('startTime', 'Enter the time it starts');
  else if (!time) errors.add('startTime', 'Enter the start time as hours and minutes, like 10:00 or 18:30');
  const duration = Number(v.duration);
  if (!DURATIONS.includes(duration) && duration !== context.duration)
    errors.add('duration', 'Select how long each session lasts');

  const rule = recurrenceRule(v, first);
  if (!rule.ok) for (const e of rule.errors) errors.add(e.field, e.message);

  if (!v.locationName && (v.address || v.postcode))
    errors.add('locationName', 'Enter the name of the place, like Leazes Park gates');
  else if (v.locationName.length > 200) errors.add('locationName', 'Place must be 200 characters or fewer');
  if (v.address.length > 500) errors.add('address', 'Address must be 500 characters or fewer');
  if (v.postcode.length > 10) errors.add('postcode', 'Enter a real postcode, like NE1 4ST');
  if (v.onlineUrl && (!isHttpUrl(v.onlineUrl) || v.onlineUrl.length > 500))
    errors.add('onlineUrl', 'Enter the online link in full, starting https://');
  if (v.visibility !== 'public' && v.visibility !== 'members')
    errors.add('visibility', 'Select who can see it');
  if (
    v.capacity &&
    (!/^\d+$/.test(v.capacity) || Number(v.capacity) < 1 || Number(v.capacity) > MAX_CAPACITY)
  )
    errors.add(
      'capacity',
      `Number of places must be a whole number between 1 and ${MAX_CAPACITY.toLocaleString('en-GB')}`,
    );

  if (!errors.ok || !first || !time || !rule.ok) return undefined;
  const placeName = v.locationName || (v.onlineUrl ? 'Online' : '');
  return {
    title: v.title,
    category: v.category as ActivityCategory,
    ...(v.description ? { description: v.description } : {}),
    ...(placeName
      ? {
          location: {
            name: placeName,
            ...(v.address ? { address: v.address } : {}),
            ...(v.postcode ? { postcode: v.postcode } : {}),
            ...(v.onlineUrl ? { onlineUrl: v.onlineUrl } : {}),
          },
        }
      : {}),
    visibility: v.visibility as ActivityVisibility,
    ...(v.capacity ? { capacity: Number(v.capacity) } : {}),
    schedule: {
      startsAt: `${isoDate(first)}T${time}`,
      durationMinutes: duration,
      timezone: context.timezone ?? HOME_ZONE,
      ...(rule.rrule ? { rrule: rule.rrule } : {}),
    },
    ...directoryChoices(v),
  };
}

/**
 * The two directory choices (ADR 0042): whether it is listed — sent only when the form asked, that is while the
 * LERO publishes (else the activity keeps what it had) — and whether its address is given only on request.
 */
export const directoryChoices = (v: ActivityFormValues) => ({
  ...(v.directoryAsked === 'yes' ? { publishToDirectory: v.publishToDirectory === 'yes' } : {}),
  locationOnRequest: v.locationOnRequest === 'yes',
});

/** Everything the form's template needs to draw the choices, with the current answers selected. */
export function activityFormChoices(
  v: ActivityFormValues,
  errors: { fields: Record<string, unknown> },
  context: ActivityFormContext = {},
) {
  return {
    recurrence: recurrenceChoices(v, errors),
    startDateItems: dateItems('startDate', v.startDate, errors),
    categoryOptions: selectOptions(
      ACTIVITY_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_NAMES[c] })),
      v.category,
      'Choose a type',
    ),
    durationOptions: durationOptions(v.duration, context.duration),
  };
}

/** The lengths a form offers, with `kept` (a schedule's own length that is none of them) among them. */
export const durationOptions = (selected: string, kept?: number) =>
  selectOptions(
    [...new Set([...DURATIONS, ...(kept ? [kept] : [])])]
      .sort((a, b) => a - b)
      .map((d) => ({ value: String(d), text: durationInWords(d) })),
    selected,
  );

import {
  MAX_DECLINE_REASON,
  MAX_ENTRY_MINUTES,
  MAX_HOURS_DESCRIPTION,
  type ChangeHoursDto,
  type HoursEntryView,
  type HoursStatus,
  type HoursTotalsView,
  type LogHoursDto,
} from '@hearth/contracts';
import { DateTime } from 'luxon';
import { FormErrors, field } from '../http/form.util';
import { HOME_ZONE, durationInWords, longDate } from '../http/time';
import { isoDate } from '../programme/activity-form';
import { parseDateParts } from '../programme/recurrence';
import { datePartsOf, type DateParts } from '../programme/recurrence-form';

/** How long, as the form asks it: whole hours and minutes, each box as typed. */
export interface DurationValues {
  hours: string;
  minutes: string;
}

export const durationValuesOf = (minutes: number): DurationValues => ({
  hours: String(Math.floor(minutes / 60)),
  minutes: String(minutes % 60),
});

/**
 * The minutes of an hours-and-minutes answer (1 to 24 hours, as the API takes one entry), or undefined with the
 * error on `hours` (the first box; the whole answer) or `minutes`.
 */
export function readDuration(v: DurationValues, errors: FormErrors): number | undefined {
  if (!v.hours && !v.minutes) {
    errors.add('hours', 'Enter how long, in hours and minutes');
    return undefined;
  }
  if (v.hours && !/^\d{1,2}$/.test(v.hours)) errors.add('hours', 'Hours must be a whole number, like 2');
  if (v.minutes && (!/^\d{1,2}$/.test(v.minutes) || Number(v.minutes) > 59))
    errors.add('minutes', 'Minutes must be a whole number from 0 to 59');
  if (errors.has('hours') || errors.has('minutes')) return undefined;
  const total = Number(v.hours || 0) * 60 + Number(v.minutes || 0);
  if (total < 1) errors.add('hours', 'Enter how long, in hours and minutes');
  else if (total > MAX_ENTRY_MINUTES)
    errors.add('hours', 'One entry can be at most 24 hours: log each day on its own');
  return errors.has('hours') ? undefined : total;
}

/** The log-hours form: the day, how long, the role and perhaps a few words (never naming anyone). */
export interface LogHoursValues extends DurationValues {
  date: DateParts;
  roleId: string;
  description: string;
}

export const LOG_FIELDS = ['date', 'hours', 'minutes', 'roleId', 'description'];
export const LOG_ANCHORS = { date: 'date-day' };
/** The API's fields in the form's words (its `minutes` is the form's hours and minutes, shown on `hours`). */
export const LOG_LABELS: Record<string, string> = {
  date: 'Date',
  minutes: 'How long',
  roleId: 'Role',
  description: 'What you did',
};
export const LOG_IDS = { minutes: 'hours' };

export const emptyLogForm = (): LogHoursValues => ({
  date: { day: '', month: '', year: '' },
  hours: '',
  minutes: '',
  roleId: '',
  description: '',
});

export const readLogForm = (body: unknown): LogHoursValues => ({
  date: datePartsOf(body, 'date'),
  hours: field(body, 'hours'),
  minutes: field(body, 'minutes'),
  roleId: field(body, 'roleId'),
  description: field(body, 'description'),
});

/** The request for `memberId`'s hours, or undefined with every error on the form. */
export function logRequest(
  v: LogHoursValues,
  memberId: string,
  errors: FormErrors,
  now = new Date(),
): LogHoursDto | undefined {
  const date = parseDateParts(v.date);
  if (!v.date.day && !v.date.month && !v.date.year) errors.add('date', 'Enter the date you volunteered');
  else if (!date) errors.add('date', 'Date must be a real date, like 5 1 2027');
  else if (isoDate(date) > DateTime.fromJSDate(now).setZone(HOME_ZONE).toISODate()!)
    errors.add('date', 'Date must be today or in the past');
  const minutes = readDuration(v, errors);
  if (!v.roleId) errors.add('roleId', 'Select the role you volunteered in');
  if (v.description.length > MAX_HOURS_DESCRIPTION)
    errors.add('description', `What you did must be ${MAX_HOURS_DESCRIPTION} characters or fewer`);
  if (!errors.ok || !date || minutes === undefined) return undefined;
  return {
    memberId,
    roleId: v.roleId,
    date: isoDate(date),
    minutes,
    ...(v.description ? { description: v.description } : {}),
  };
}

/** The log form filled in with an entry as it is, for changing it. */
export const logFormOf = (e: HoursEntryView): LogHoursValues => {
  const [year, month, day] = e.date.split('-').map(Number);
  return {
    date: { day: String(day), month: String(month), year: String(year) },
    ...durationValuesOf(e.minutes),
    roleId: e.roleId,
    description: e.description ?? '',
  };
};

/** The change of one's own pending entry, as the form now has it (an empty description clears it). */
export const changeRequest = (dto: LogHoursDto): ChangeHoursDto => ({
  roleId: dto.roleId,
  date: dto.date,
  minutes: dto.minutes,
  description: dto.description ?? null,
});

/** A decline's reason (the volunteer reads it), or undefined with the error on `reason`. */
export function readDeclineReason(body: unknown, errors: FormErrors): string | undefined {
  const reason = field(body, 'reason');
  if (!reason) errors.add('reason', 'Enter why the hours are declined: the volunteer sees it');
  else if (reason.length > MAX_DECLINE_REASON)
    errors.add('reason', `Reason must be ${MAX_DECLINE_REASON} characters or fewer`);
  return errors.ok ? reason : undefined;
}

/** "2 hours 30 minutes"; none is "0 hours". */
export const hoursInWords = (minutes: number) => (minutes === 0 ? '0 hours' : durationInWords(minutes));

const STATUS_TAGS: Record<HoursStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting for approval', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
};

/** An entry as lists show it; `titles` are the roles' titles, `name` the volunteer's (asked of membership). */
export const entryCard = (e: HoursEntryView, titles: Map<string, string>, name?: string) => ({
  id: e.id,
  memberId: e.memberId,
  name: name ?? 'A volunteer',
  role: titles.get(e.roleId) ?? 'A role that is closed',
  day: longDate(`${e.date}T12:00:00Z`),
  duration: hoursInWords(e.minutes),
  /** What counts, when a coordinator changed it. */
  adjusted:
    e.status === 'approved' && e.approvedMinutes !== null && e.approvedMinutes !== e.minutes
      ? hoursInWords(e.approvedMinutes)
      : undefined,
  pending: e.status === 'pending',
  /** The volunteer may still change or withdraw it: logged by hand and waiting (ADR 0063). */
  editable: e.status === 'pending' && e.source === 'logged',
  tag: STATUS_TAGS[e.status],
  source: e.source === 'shift' ? 'From a shift on the rota' : 'Logged by hand',
  description: e.description,
  declineReason: e.status === 'declined' ? e.declineReason : null,
});

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

/** Approved hours as a summary list's rows: all time, this year, then each role (all time, and this year). */
export const totalsView = (t: HoursTotalsView) => ({
  rows: [
    row('All time', hoursInWords(t.allTimeMinutes)),
    row(`This year (${t.year})`, hoursInWords(t.thisYearMinutes)),
    ...t.byRole.map((r) =>
      row(r.title, `${hoursInWords(r.allTimeMinutes)} (${hoursInWords(r.thisYearMinutes)} this year)`),
    ),
  ],
});

import { field, fields } from '../http/form.util';
import {
  POSITIONS,
  WEEKDAYS,
  WEEK_INTERVALS,
  buildRrule,
  type LocalDate,
  type RecurrenceResult,
} from './recurrence';

/**
 * The recurrence picker as a form part, shared by every form with a schedule (an activity's sessions, a
 * volunteering role's shifts): what it posts, how it is read, and the choices its template
 * (`partials/recurrence.njk`) draws. The rule itself is built by `buildRrule`.
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The picker's answers as posted. */
export interface RecurrenceFormValues {
  repeat: string;
  weeklyInterval: string;
  weeklyDays: string[];
  monthlyPosition: string;
  monthlyDay: string;
  end: string;
  endCount: string;
  endDate: DateParts;
}

/** The picker's fields in page order (for an error summary). */
export const RECURRENCE_FIELDS = [
  'repeat',
  'weeklyInterval',
  'weeklyDays',
  'monthlyPosition',
  'monthlyDay',
  'end',
  'endCount',
  'endDate',
];

/** The three boxes of a GOV.UK date input named `name` (`name-day`, `name-month`, `name-year`). */
export const datePartsOf = (body: unknown, name: string): DateParts => ({
  day: field(body, `${name}-day`),
  month: field(body, `${name}-month`),
  year: field(body, `${name}-year`),
});

export const emptyRecurrence = (repeat = 'weekly'): RecurrenceFormValues => ({
  repeat,
  weeklyInterval: '1',
  weeklyDays: [],
  monthlyPosition: '',
  monthlyDay: '',
  end: 'never',
  endCount: '',
  endDate: { day: '', month: '', year: '' },
});

export const readRecurrenceForm = (body: unknown): RecurrenceFormValues => ({
  repeat: field(body, 'repeat'),
  weeklyInterval: field(body, 'weeklyInterval'),
  weeklyDays: fields(body, 'weeklyDays'),
  monthlyPosition: field(body, 'monthlyPosition'),
  monthlyDay: field(body, 'monthlyDay'),
  end: field(body, 'end'),
  endCount: field(body, 'endCount'),
  endDate: datePartsOf(body, 'endDate'),
});

/** A `YYYY-MM-DD…` date as a date input's three boxes (no leading zeros). */
export const isoDateParts = (iso: string): DateParts => ({
  day: String(Number(iso.slice(8, 10))),
  month: String(Number(iso.slice(5, 7))),
  year: iso.slice(0, 4),
});

/**
 * The picker's answers for a rule it makes (ADR 0007's table, read backwards), for a change form filled in as
 * the schedule is; undefined for any other rule (the form then leaves the rule alone unless it is changed).
 */
export function recurrenceAnswers(rrule: string): Partial<RecurrenceFormValues> | undefined {
  const parts = new Map(
    rrule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  if ([...parts.keys()].some((k) => !['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL'].includes(k)))
    return undefined;
  const interval = parts.get('INTERVAL') ?? '1';
  const byDay = parts.get('BYDAY') ?? '';
  const until = parts.get('UNTIL');
  const count = parts.get('COUNT');
  const end: Partial<RecurrenceFormValues> = count
    ? { end: 'count', endCount: count }
    : until && /^\d{8}/.test(until)
      ? {
          end: 'until',
          endDate: isoDateParts(`${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`),
        }
      : { end: 'never' };
  const codes = WEEKDAYS.map((w) => w.code as string);
  if (parts.get('FREQ') === 'WEEKLY') {
    const days = byDay ? byDay.split(',') : [];
    if (!(WEEK_INTERVALS as readonly string[]).includes(interval) || days.some((d) => !codes.includes(d)))
      return undefined;
    return { repeat: 'weekly', weeklyInterval: interval, weeklyDays: days, ...end };
  }
  const monthly = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
  if (parts.get('FREQ') === 'MONTHLY' && interval === '1' && monthly)
    return { repeat: 'monthly', monthlyPosition: monthly[1], monthlyDay: monthly[2], ...end };
  return undefined;
}

/** The picker's RRULE for a first occurrence on `first` (undefined for "just once"), or its errors. */
export const recurrenceRule = (
  v: RecurrenceFormValues,
  first: LocalDate | undefined,
  noun?: string,
): RecurrenceResult =>
  buildRrule(
    {
      repeat: v.repeat,
      weeklyInterval: v.weeklyInterval,
      weeklyDays: v.weeklyDays,
      monthlyPosition: v.monthlyPosition,
      monthlyDay: v.monthlyDay,
      end: v.end,
      endCount: v.endCount,
      endDate: v.endDate,
    },
    first,
    noun,
  );

/** A date input's three boxes with their values, marked when the field has an error. */
export const dateItems = (name: string, parts: DateParts, errors: { fields: Record<string, unknown> }) => {
  const error = errors.fields[name] ? ' govuk-input--error' : '';
  return [
    { name: 'day', label: 'Day', classes: `govuk-input--width-2${error}`, value: parts.day },
    { name: 'month', label: 'Month', classes: `govuk-input--width-2${error}`, value: parts.month },
    { name: 'year', label: 'Year', classes: `govuk-input--width-4${error}`, value: parts.year },
  ];
};

/** A select's items with the current answer selected, after an optional empty first choice. */
export const selectOptions = (
  items: readonly { value: string; text: string }[],
  selected: string,
  placeholder?: string,
) => [
  ...(placeholder ? [{ value: '', text: placeholder, selected: selected === '' }] : []),
  ...items.map((i) => ({ ...i, selected: i.value === selected })),
];

/** What the picker's template draws, with the current answers selected. */
export function recurrenceChoices(
  v: RecurrenceFormValues,
  errors: { fields: Record<string, unknown> },
  noun = 'session',
) {
  return {
    endDateItems: dateItems('endDate', v.endDate, errors),
    intervalOptions: selectOptions(
      WEEK_INTERVALS.map((n) => ({ value: n, text: n === '1' ? 'Every week' : `Every ${n} weeks` })),
      v.weeklyInterval || '1',
    ),
    weekdayItems: WEEKDAYS.map((w, i) => ({
      value: w.code,
      text: w.name,
      checked: v.weeklyDays.includes(w.code),
      ...(i === 0 ? { id: 'weeklyDays' } : {}),
    })),
    positionOptions: selectOptions(
      POSITIONS.map((p) => ({ value: p.value, text: `The ${p.text}` })),
      v.monthlyPosition,
      `Same as the first ${noun}`,
    ),
    monthlyDayOptions: selectOptions(
      WEEKDAYS.map((w) => ({ value: w.code, text: w.name })),
      v.monthlyDay,
      `Same as the first ${noun}`,
    ),
  };
}

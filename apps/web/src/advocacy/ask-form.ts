import {
  ASK_BODY_KINDS,
  ASK_SOURCES,
  ASK_TRANSITIONS,
  MAX_ASK_TEXT,
  MAX_UPDATE_TEXT,
  type AskBodyKind,
  type AskConsultationView,
  type AskSource,
  type AskStatus,
  type AskUpdateDto,
  type AskView,
  type CreateAskDto,
  type UpdateAskDto,
} from '@hearth/contracts';
import { DateTime } from 'luxon';
import { FormErrors, field, type FormView } from '../http/form.util';
import { HOME_ZONE } from '../http/time';
import { isoDate } from '../programme/activity-form';
import { parseDateParts } from '../programme/recurrence';
import { dateItems, datePartsOf, isoDateParts, type DateParts } from '../programme/recurrence-form';

export { MAX_ASK_TEXT, MAX_UPDATE_TEXT };

export const STATUS_WORDS: Record<AskStatus, string> = {
  raised: 'Raised',
  acknowledged: 'Acknowledged',
  'in-progress': 'In progress',
  done: 'Done',
  'partly-done': 'Partly done',
  declined: 'Declined',
};

const STATUS_CLASSES: Record<AskStatus, string> = {
  raised: 'govuk-tag--grey',
  acknowledged: 'govuk-tag--blue',
  'in-progress': 'govuk-tag--yellow',
  done: 'govuk-tag--green',
  'partly-done': 'govuk-tag--turquoise',
  declined: 'govuk-tag--red',
};

export const statusTag = (s: AskStatus) => ({ text: STATUS_WORDS[s], classes: STATUS_CLASSES[s] });

export const BODY_KIND_WORDS: Record<AskBodyKind, string> = {
  council: 'Council',
  'nhs-trust': 'NHS trust',
  'treatment-provider': 'Treatment provider',
  'housing-association': 'Housing association',
  police: 'Police',
  other: 'Other',
};

export const SOURCE_WORDS: Record<AskSource, string> = {
  consultation: 'A consultation',
  meeting: 'A meeting',
  members: 'The members',
};

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLLL yyyy');

/** An ask as lists and its page show it (the same for staff, members and the public page). */
export const askCard = (a: {
  id: string;
  what: string;
  body: { name: string; kind: AskBodyKind };
  source: AskSource | { kind: AskSource };
  raisedOn: string;
  status: AskStatus;
  updates: AskView['updates'];
}) => {
  const last = a.updates[a.updates.length - 1];
  return {
    id: a.id,
    what: a.what,
    body: `${a.body.name} (${BODY_KIND_WORDS[a.body.kind]})`,
    source: SOURCE_WORDS[typeof a.source === 'string' ? a.source : a.source.kind],
    raisedOn: day(a.raisedOn),
    tag: statusTag(a.status),
    lastUpdate: day(last?.date ?? a.raisedOn),
    timeline: a.updates.map((u) => ({
      tag: statusTag(u.status),
      date: day(u.date),
      text: u.text,
      reason: u.reason,
    })),
  };
};

/** The raise and change forms: what, of which body, where from, when, public or not (and, raising, a first text). */
export interface AskFormValues {
  what: string;
  bodyName: string;
  bodyKind: string;
  source: string;
  /** Which consultation, when it came from one ('' none named; left out: keep the one the ask names). */
  consultationId?: string;
  raisedOn: DateParts;
  public: string;
  text: string;
}

export const ASK_FIELDS = [
  'what',
  'bodyName',
  'bodyKind',
  'source',
  'consultationId',
  'raisedOn',
  'public',
  'text',
];
export const ASK_ANCHORS = {
  raisedOn: 'raisedOn-day',
  bodyKind: 'bodyKind',
  source: 'source',
  public: 'public',
};
/** The API's fields in the form's words. */
export const ASK_LABELS: Record<string, string> = {
  what: 'What was asked',
  body: 'The body',
  'body.name': 'Name of the body',
  'body.kind': 'Kind of body',
  source: 'Where it came from',
  'source.kind': 'Where it came from',
  'source.consultationId': 'Which consultation',
  raisedOn: 'Date raised',
  public: 'Public',
  text: 'What you can say publicly',
};
export const ASK_IDS = {
  body: 'bodyName',
  'body.name': 'bodyName',
  'body.kind': 'bodyKind',
  'source.kind': 'source',
  'source.consultationId': 'consultationId',
};

export const emptyAskForm = (now = new Date()): AskFormValues => ({
  what: '',
  bodyName: '',
  bodyKind: '',
  source: '',
  consultationId: '',
  raisedOn: isoDateParts(today(now)),
  public: 'no',
  text: '',
});

export const readAskForm = (body: unknown): AskFormValues => ({
  what: field(body, 'what'),
  bodyName: field(body, 'bodyName'),
  bodyKind: field(body, 'bodyKind'),
  source: field(body, 'source'),
  consultationId: field(body, 'consultationId'),
  raisedOn: datePartsOf(body, 'raisedOn'),
  public: field(body, 'public'),
  text: field(body, 'text'),
});

export const askFormOf = (a: AskView): AskFormValues => ({
  what: a.what,
  bodyName: a.body.name,
  bodyKind: a.body.kind,
  source: a.source.kind,
  consultationId: a.source.consultationId ?? '',
  raisedOn: isoDateParts(a.raisedOn),
  public: a.public ? 'yes' : 'no',
  text: '',
});

/** Today's date in London, `YYYY-MM-DD`. */
export const today = (now: Date) => DateTime.fromJSDate(now).setZone(HOME_ZONE).toISODate()!;

const MAX_BODY_NAME = 200;

export function tooLong(name: string, value: string, label: string, max: number, errors: FormErrors) {
  if (value.length > max) errors.add(name, `${label} must be ${max} characters or fewer`);
}

/** A date's boxes as `YYYY-MM-DD`: the empty and impossible ones are the form's errors; the rest is the API's. */
export function readDate(
  name: string,
  parts: DateParts,
  what: string,
  errors: FormErrors,
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) {
    errors.add(name, `Enter ${what}`);
    return undefined;
  }
  const date = parseDateParts(parts);
  if (!date) errors.add(name, `${what[0].toUpperCase()}${what.slice(1)} must be a real date, like 5 1 2027`);
  return date && isoDate(date);
}

/** The fields both forms send, or undefined with the errors the API could not word better. */
function askFields(v: AskFormValues, errors: FormErrors) {
  if (!v.what) errors.add('what', 'Enter what was asked');
  else tooLong('what', v.what, 'What was asked', MAX_ASK_TEXT, errors);
  if (!v.bodyName) errors.add('bodyName', 'Enter the name of the body asked, like Leeds City Council');
  else tooLong('bodyName', v.bodyName, 'The name of the body', MAX_BODY_NAME, errors);
  if (!v.bodyKind) errors.add('bodyKind', 'Select the kind of body');
  if (!v.source) errors.add('source', 'Select where the ask came from');
  else if (v.consultationId && v.source !== 'consultation')
    errors.add('consultationId', 'Select “A consultation” as where it came from, or no consultation');
  const raisedOn = readDate('raisedOn', v.raisedOn, 'the date it was raised', errors);
  if (!v.public) errors.add('public', 'Select whether the ask is public');
  tooLong('text', v.text, 'What you can say publicly', MAX_UPDATE_TEXT, errors);
  if (!errors.ok || !raisedOn) return undefined;
  return {
    what: v.what,
    // Anything else posted for a list is the API's to refuse, in its words.
    body: { name: v.bodyName, kind: v.bodyKind as AskBodyKind },
    raisedOn,
    public: v.public === 'yes',
  };
}

/** Where it came from as the API takes it: a consultation named only with `consultation`. */
const sourceOf = (v: AskFormValues) => ({
  kind: v.source as AskSource,
  ...(v.source === 'consultation' && v.consultationId ? { consultationId: v.consultationId } : {}),
});

export function createAskRequest(v: AskFormValues, errors: FormErrors): CreateAskDto | undefined {
  const fields = askFields(v, errors);
  if (!fields) return undefined;
  return {
    ...fields,
    source: sourceOf(v),
    ...(v.text ? { text: v.text } : {}),
  };
}

/**
 * The change: the source only when its kind or the consultation chosen changed (a consultation named stays named
 * otherwise, and when the form did not send the choice).
 */
export function changeAskRequest(
  v: AskFormValues,
  ask: AskView,
  errors: FormErrors,
): UpdateAskDto | undefined {
  const fields = askFields(v, errors);
  if (!fields) return undefined;
  const named =
    v.source === 'consultation' &&
    v.consultationId !== undefined &&
    (v.consultationId || null) !== ask.source.consultationId;
  return { ...fields, ...(v.source === ask.source.kind && !named ? {} : { source: sourceOf(v) }) };
}

/** A dated update: its status (one of those the ask may move to), date, public text and, declined, the reason. */
export interface UpdateFormValues {
  status: string;
  date: DateParts;
  text: string;
  reason: string;
}

export const UPDATE_FIELDS = ['status', 'date', 'text', 'reason'];
export const UPDATE_ANCHORS = { date: 'date-day', status: 'status' };
export const UPDATE_LABELS: Record<string, string> = {
  status: 'Status:',
  date: 'Date',
  text: 'What happened',
  reason: 'The body’s reason',
};

export const emptyUpdateForm = (now = new Date()): UpdateFormValues => ({
  status: '',
  date: isoDateParts(today(now)),
  text: '',
  reason: '',
});

export const readUpdateForm = (body: unknown): UpdateFormValues => ({
  status: field(body, 'status'),
  date: datePartsOf(body, 'date'),
  text: field(body, 'text'),
  reason: field(body, 'reason'),
});

/**
 * The update as posted. Whether the status may follow, the date's order and a reason with any other status than
 * declined are the API's to say (shown on the field it names).
 */
export function updateRequest(v: UpdateFormValues, errors: FormErrors): AskUpdateDto | undefined {
  if (!v.status) errors.add('status', 'Select the ask’s status now');
  const date = readDate('date', v.date, 'the date of the update', errors);
  if (!v.text) errors.add('text', 'Enter what happened, in words anyone may read');
  else tooLong('text', v.text, 'What happened', MAX_UPDATE_TEXT, errors);
  if (v.status === 'declined' && !v.reason)
    errors.add('reason', 'Enter the body’s reason: it is needed when the ask is declined');
  tooLong('reason', v.reason, 'The body’s reason', MAX_UPDATE_TEXT, errors);
  if (!errors.ok || !date) return undefined;
  return {
    status: v.status as AskStatus,
    date,
    text: v.text,
    ...(v.reason ? { reason: v.reason } : {}),
  };
}

const CONSULTATION_WORDS = { lero: 'yours', region: 'the region’s', open: 'open', closed: 'closed' };

/**
 * "Which consultation" (ADR 0075): the LERO's and its region's open or closed ones, by title; the one the ask names
 * now is kept even when it is not among them.
 */
export function consultationItems(named: AskConsultationView[], chosen = '') {
  const items = named.map((c) => ({
    value: c.id,
    text: `${c.title} (${CONSULTATION_WORDS[c.owner]}, ${CONSULTATION_WORDS[c.status]})`,
    selected: c.id === chosen,
  }));
  const kept = chosen && !named.some((c) => c.id === chosen);
  return [
    { value: '', text: 'None named', selected: !chosen },
    ...(kept ? [{ value: chosen, text: 'The consultation it names now', selected: true }] : []),
    ...items,
  ];
}

/** What the raise/change form's template draws (`named`: the consultations it may name; none for a region's). */
export const askFormChoices = (v: AskFormValues, errors: FormView, named: AskConsultationView[] = []) => ({
  consultationItems: named.length || v.consultationId ? consultationItems(named, v.consultationId) : [],
  bodyKindItems: ASK_BODY_KINDS.map((k) => ({
    value: k,
    text: BODY_KIND_WORDS[k],
    checked: v.bodyKind === k,
  })),
  sourceItems: ASK_SOURCES.map((s) => ({ value: s, text: SOURCE_WORDS[s], checked: v.source === s })),
  publicItems: [
    {
      value: 'yes',
      text: 'Yes, on the “You said, we did” page',
      hint: { text: 'Anyone can read it and its updates, and your members see it' },
      checked: v.public === 'yes',
    },
    { value: 'no', text: 'No, only your admins and coordinators', checked: v.public === 'no' },
  ],
  raisedOnItems: dateItems('raisedOn', v.raisedOn, errors),
  maxWhat: MAX_ASK_TEXT,
  maxText: MAX_UPDATE_TEXT,
});

/**
 * What the update form's template draws: only the statuses the ask may move to, by the table the API enforces
 * (`ASK_TRANSITIONS`). The API still decides, and a stale form's refusal is shown on `status`.
 */
export const updateFormChoices = (ask: AskView, v: UpdateFormValues, errors: FormView) => ({
  statusItems: ASK_TRANSITIONS[ask.status].map((s) => ({
    value: s,
    text: s === ask.status ? `${STATUS_WORDS[s]} (news, no change)` : STATUS_WORDS[s],
    checked: v.status === s,
  })),
  declinable: ASK_TRANSITIONS[ask.status].includes('declined'),
  dateItems: dateItems('date', v.date, errors),
  maxText: MAX_UPDATE_TEXT,
});

import {
  ASK_BODY_KINDS,
  MAX_MEETING_ASKS,
  MAX_OUTCOME,
  MAX_REPRESENTED_BY,
  type AskBodyKind,
  type AskView,
  type LogMeetingDto,
  type MeetingView,
  type SeatView,
} from '@hearth/contracts';
import { FormErrors, field, fields, type FormView } from '../http/form.util';
import { dateItems, datePartsOf, isoDateParts, type DateParts } from '../programme/recurrence-form';
import { BODY_KIND_WORDS, readDate, today, tooLong } from './ask-form';

/** The "where" answer for a body that is not one of the LERO's seats. */
export const ANOTHER_BODY = 'other';
/** What "who represented us" says unless the person who went chooses other words. */
export const A_VOLUNTEER = 'a volunteer';
const MAX_BODY_NAME = 200;

/** The log and change forms: where (a seat, or another body), when, who went, the asks raised, the outcome. */
export interface MeetingFormValues {
  where: string;
  bodyName: string;
  bodyKind: string;
  date: DateParts;
  representedBy: string;
  askIds: string[];
  outcome: string;
}

export const MEETING_FIELDS = ['where', 'bodyName', 'bodyKind', 'date', 'representedBy', 'askIds', 'outcome'];
export const MEETING_ANCHORS = { where: 'where', bodyKind: 'bodyKind', date: 'date-day', askIds: 'askIds' };
/** The API's fields in the form's words. */
export const MEETING_LABELS: Record<string, string> = {
  seatId: 'Where',
  body: 'The body',
  'body.name': 'Name of the body',
  'body.kind': 'Kind of body',
  date: 'Date',
  representedBy: 'Who represented us',
  askIds: 'Asks',
  outcome: 'Outcome',
};
export const MEETING_IDS = {
  seatId: 'where',
  body: 'bodyName',
  'body.name': 'bodyName',
  'body.kind': 'bodyKind',
};

export const emptyMeetingForm = (now = new Date()): MeetingFormValues => ({
  where: '',
  bodyName: '',
  bodyKind: '',
  date: isoDateParts(today(now)),
  representedBy: A_VOLUNTEER,
  askIds: [],
  outcome: '',
});

export const readMeetingForm = (body: unknown): MeetingFormValues => ({
  where: field(body, 'where'),
  bodyName: field(body, 'bodyName'),
  bodyKind: field(body, 'bodyKind'),
  date: datePartsOf(body, 'date'),
  representedBy: field(body, 'representedBy'),
  askIds: fields(body, 'askIds'),
  outcome: field(body, 'outcome'),
});

export const meetingFormOf = (m: MeetingView): MeetingFormValues => ({
  where: m.seatId ?? ANOTHER_BODY,
  bodyName: m.seatId ? '' : m.body.name,
  bodyKind: m.seatId ? '' : m.body.kind,
  date: isoDateParts(m.date),
  representedBy: m.representedBy,
  askIds: m.askIds,
  outcome: m.outcome ?? '',
});

/**
 * The meeting as posted, or undefined with the form's own errors. Whether a seat or ask is the LERO's and a date
 * in the future are the API's to say (shown on the field it names).
 */
export function meetingRequest(v: MeetingFormValues, errors: FormErrors): LogMeetingDto | undefined {
  if (!v.where) errors.add('where', 'Select where the meeting was');
  if (v.where === ANOTHER_BODY) {
    if (!v.bodyName) errors.add('bodyName', 'Enter the name of the body, like Leeds City Council');
    else tooLong('bodyName', v.bodyName, 'The name of the body', MAX_BODY_NAME, errors);
    if (!v.bodyKind) errors.add('bodyKind', 'Select the kind of body');
  }
  const date = readDate('date', v.date, 'the date of the meeting', errors);
  if (!v.representedBy) errors.add('representedBy', 'Enter who represented you, like “a volunteer”');
  else tooLong('representedBy', v.representedBy, 'Who represented us', MAX_REPRESENTED_BY, errors);
  if (v.askIds.length > MAX_MEETING_ASKS) errors.add('askIds', `Select ${MAX_MEETING_ASKS} asks or fewer`);
  tooLong('outcome', v.outcome, 'The outcome', MAX_OUTCOME, errors);
  if (!errors.ok || !date) return undefined;
  return {
    ...(v.where === ANOTHER_BODY
      ? { body: { name: v.bodyName, kind: v.bodyKind as AskBodyKind } }
      : { seatId: v.where }),
    date,
    representedBy: v.representedBy,
    askIds: v.askIds,
    ...(v.outcome ? { outcome: v.outcome } : {}),
  };
}

/** A change sends every field: an outcome emptied is cleared. */
export const meetingChange = (dto: LogMeetingDto) => ({ ...dto, outcome: dto.outcome ?? null });

const CLOSED = new Set(['done', 'partly-done', 'declined']);

/** What the form's template draws: the current seats and another body, the LERO's asks (open ones first). */
export const meetingFormChoices = (
  v: MeetingFormValues,
  errors: FormView,
  seats: SeatView[],
  asks: AskView[],
) => ({
  whereItems: [
    ...seats.map((s) => ({
      value: s.id,
      text: s.body.name,
      hint: { text: `${BODY_KIND_WORDS[s.body.kind]}, ${ROLE_WORDS[s.role].toLowerCase()}` },
      checked: v.where === s.id,
    })),
    ...(seats.length ? [{ divider: 'or' }] : []),
    { value: ANOTHER_BODY, text: 'Another body', checked: v.where === ANOTHER_BODY },
  ],
  bodyKindItems: bodyKindItems(v.bodyKind),
  dateItems: dateItems('date', v.date, errors),
  askItems: [...asks]
    .sort((a, b) => Number(CLOSED.has(a.status)) - Number(CLOSED.has(b.status)))
    .map((a) => ({
      value: a.id,
      text: a.what,
      hint: { text: `Asked of ${a.body.name}${CLOSED.has(a.status) ? ' (closed)' : ''}` },
      checked: v.askIds.includes(a.id),
    })),
  maxOutcome: MAX_OUTCOME,
});

export const bodyKindItems = (checked: string) =>
  ASK_BODY_KINDS.map((k) => ({ value: k, text: BODY_KIND_WORDS[k], checked: checked === k }));

export const ROLE_WORDS: Record<SeatView['role'], string> = {
  member: 'Member',
  chair: 'Chair',
  'co-chair': 'Co-chair',
  'vice-chair': 'Vice-chair',
  observer: 'Observer',
  other: 'Other role',
};

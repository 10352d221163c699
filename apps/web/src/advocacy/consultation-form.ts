import { DateTime } from 'luxon';
import {
  MAX_ABOUT_YOU,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MIN_RESULTS_THRESHOLD,
  QUESTION_KINDS,
  type ConsultationView,
  type CreateConsultationDto,
  type QuestionKind,
} from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';
import { HOME_ZONE, localDay } from '../http/time';
import { parseDateParts } from '../programme/recurrence';
import { datePartsOf, isoDateParts, type DateParts } from '../programme/recurrence-form';

/** One block of the questions builder: its kind, its text and, for a choice, its options one a line. */
export interface QuestionBlock {
  kind: string;
  text: string;
  options: string;
}

/** A consultation's form as posted (ADR 0071): the questions builder is N blocks, grown by a submit button. */
export interface ConsultationFormValues {
  title: string;
  purpose: string;
  askedBy: string;
  useOfAnswers: string;
  opensOn: DateParts;
  closesOn: DateParts;
  resultsThreshold: string;
  /** Anyone may answer through its public link (ADR 0074), not only members. */
  public: boolean;
  /**
   * Whether it shows on the public "you said, we did" page once closed (ADR 0075): `yes`, `no`, or `''` when neither
   * was chosen (the API's default: only a public-link consultation shows).
   */
  showOnPage: '' | 'yes' | 'no';
  questions: QuestionBlock[];
  aboutYou: QuestionBlock[];
}

/** What the form's submit button asked for: another block of either kind, or saving. */
export type FormAction = 'add-question' | 'add-about' | 'save';

export const CONSULTATION_FIELDS = [
  'title',
  'purpose',
  'askedBy',
  'useOfAnswers',
  'opensOn',
  'closesOn',
  'resultsThreshold',
];

export const CONSULTATION_ANCHORS = { opensOn: 'opensOn-day', closesOn: 'closesOn-day' };

const LABELS: Record<string, string> = {
  title: 'Title',
  purpose: 'What it is about',
  askedBy: 'Who is asking',
  useOfAnswers: 'What will happen with the answers',
  opensAt: 'Opens on',
  closesAt: 'Closes on',
  resultsThreshold: 'Responses needed before results show',
  questions: 'Questions',
  aboutYou: '“About you” questions',
};
const IDS: Record<string, string> = {
  opensAt: 'opensOn',
  closesAt: 'closesOn',
  questions: 'q0-text',
  aboutYou: 'a0-text',
};

const emptyBlock = (kind = 'single'): QuestionBlock => ({ kind, text: '', options: '' });

export const emptyConsultationForm = (today = DateTime.now().setZone(HOME_ZONE)): ConsultationFormValues => ({
  title: '',
  purpose: '',
  askedBy: '',
  useOfAnswers: '',
  opensOn: isoDateParts(today.toISODate()!),
  closesOn: isoDateParts(today.plus({ weeks: 4 }).toISODate()!),
  resultsThreshold: String(MIN_RESULTS_THRESHOLD),
  public: false,
  showOnPage: '',
  questions: [emptyBlock()],
  aboutYou: [],
});

/** How many blocks the form says it holds, within the API's limits. */
const countOf = (body: unknown, name: string, min: number, max: number) => {
  const n = Number(field(body, name));
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : min;
};

export function readConsultationForm(body: unknown): { values: ConsultationFormValues; action: FormAction } {
  const block = (prefix: string, i: number): QuestionBlock => ({
    kind: prefix === 'a' ? 'single' : field(body, `q${i}-kind`),
    text: field(body, `${prefix}${i}-text`),
    options: field(body, `${prefix}${i}-options`),
  });
  const questions = Array.from({ length: countOf(body, 'questionCount', 1, MAX_QUESTIONS) }, (_, i) =>
    block('q', i),
  );
  const aboutYou = Array.from({ length: countOf(body, 'aboutCount', 0, MAX_ABOUT_YOU) }, (_, i) =>
    block('a', i),
  );
  const values: ConsultationFormValues = {
    title: field(body, 'title'),
    purpose: field(body, 'purpose'),
    askedBy: field(body, 'askedBy'),
    useOfAnswers: field(body, 'useOfAnswers'),
    opensOn: datePartsOf(body, 'opensOn'),
    closesOn: datePartsOf(body, 'closesOn'),
    resultsThreshold: field(body, 'resultsThreshold'),
    public: field(body, 'audience') === 'public',
    showOnPage: showOnPageOf(field(body, 'showOnPage')),
    questions,
    aboutYou,
  };
  const action = field(body, 'action');
  return { values, action: action === 'add-question' || action === 'add-about' ? action : 'save' };
}

/** The form one more block long, as "Add a question" asks (never past the API's limits). */
export function withAnotherBlock(v: ConsultationFormValues, action: FormAction): ConsultationFormValues {
  if (action === 'add-question' && v.questions.length < MAX_QUESTIONS)
    return { ...v, questions: [...v.questions, emptyBlock()] };
  if (action === 'add-about' && v.aboutYou.length < MAX_ABOUT_YOU)
    return { ...v, aboutYou: [...v.aboutYou, emptyBlock()] };
  return v;
}

export const consultationFormFrom = (c: ConsultationView): ConsultationFormValues => ({
  title: c.title,
  purpose: c.purpose,
  askedBy: c.askedBy,
  useOfAnswers: c.useOfAnswers,
  opensOn: isoDateParts(localDay(c.opensAt)),
  // It closes at the end of the day the form names: the instant is the next midnight.
  closesOn: isoDateParts(localDay(new Date(Date.parse(c.closesAt) - 1).toISOString())),
  resultsThreshold: String(c.resultsThreshold),
  public: c.audience === 'public',
  showOnPage: c.public ? 'yes' : 'no',
  questions: c.questions.map((q) => ({ kind: q.kind, text: q.text, options: q.options.join('\n') })),
  aboutYou: c.aboutYou.map((q) => ({ kind: 'single', text: q.text, options: q.options.join('\n') })),
});

const showOnPageOf = (value: string): ConsultationFormValues['showOnPage'] =>
  value === 'yes' || value === 'no' ? value : '';

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

const midnight = (parts: DateParts, plusDays = 0) => {
  const d = parseDateParts(parts);
  return d && DateTime.fromObject(d, { zone: HOME_ZONE }).plus({ days: plusDays });
};

/** A choice's options, one a line: 2 to 12, each once, each short enough. */
function checkOptions(errors: FormErrors, id: string, lines: string[]) {
  if (lines.length < 2 || lines.length > MAX_OPTIONS)
    errors.add(id, `Enter 2 to ${MAX_OPTIONS} options, one a line`);
  else if (new Set(lines).size !== lines.length) errors.add(id, 'Enter each option once');
  else if (lines.some((o) => o.length > 200)) errors.add(id, 'Each option must be 200 characters or fewer');
}

/** The blocks with text, as the API takes them (an empty block is left out: that is how one is removed). */
function questionsOf(v: ConsultationFormValues, errors: FormErrors, kept: { q: number[]; a: number[] }) {
  const questions: CreateConsultationDto['questions'] = [];
  v.questions.forEach((b, i) => {
    if (!b.text) return;
    kept.q.push(i);
    if (!QUESTION_KINDS.includes(b.kind as QuestionKind))
      errors.add(`q${i}-kind`, 'Select the kind of answer');
    if (b.text.length > 500) errors.add(`q${i}-text`, 'A question must be 500 characters or fewer');
    const choice = b.kind === 'single' || b.kind === 'multiple';
    if (choice) checkOptions(errors, `q${i}-options`, linesOf(b.options));
    questions.push({
      kind: b.kind as QuestionKind,
      text: b.text,
      ...(choice ? { options: linesOf(b.options) } : {}),
    });
  });
  if (questions.length === 0) errors.add('q0-text', 'Enter at least one question');
  const aboutYou = v.aboutYou.flatMap((b, i) => {
    if (!b.text) return [];
    kept.a.push(i);
    if (b.text.length > 500) errors.add(`a${i}-text`, 'A question must be 500 characters or fewer');
    checkOptions(errors, `a${i}-options`, linesOf(b.options));
    return [{ kind: 'single' as const, text: b.text, options: linesOf(b.options) }];
  });
  return { questions, aboutYou };
}

function required(errors: FormErrors, v: ConsultationFormValues) {
  const need = (name: keyof ConsultationFormValues, max: number, empty: string) => {
    const value = v[name] as string;
    if (!value) errors.add(name, empty);
    else if (value.length > max)
      errors.add(name, `${LABELS[name]} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  };
  need('title', 200, 'Enter a title, like How should the drop-in change?');
  need('purpose', 5000, 'Say what the consultation is about');
  need('askedBy', 300, 'Say who is asking, like Phoenix with the county council');
  need('useOfAnswers', 5000, 'Say what will happen with the answers');
}

/**
 * Checks the form and builds the consultation as the API takes it: it opens at the start of its first day and
 * closes at the end of its last (London), asked of a LERO's `members` or a whole `region`, or of anyone through its
 * public link (`public`, ADR 0074). `kept` maps the API's question indexes back to the form's blocks.
 */
export function consultationRequest(
  v: ConsultationFormValues,
  errors: FormErrors,
  audience: 'members' | 'region' = 'members',
): { dto: CreateConsultationDto; kept: { q: number[]; a: number[] } } | undefined {
  required(errors, v);
  const opens = midnight(v.opensOn);
  const closes = midnight(v.closesOn, 1);
  if (!opens) errors.add('opensOn', 'Enter the day it opens as a real date, like 5 1 2027');
  if (!closes) errors.add('closesOn', 'Enter the day it closes as a real date, like 26 1 2027');
  else if (opens && closes <= opens)
    errors.add('closesOn', 'The day it closes must be on or after the day it opens');
  const k = Number(v.resultsThreshold || MIN_RESULTS_THRESHOLD);
  if (!Number.isInteger(k) || k < MIN_RESULTS_THRESHOLD || k > 1000)
    errors.add('resultsThreshold', `Enter a whole number from ${MIN_RESULTS_THRESHOLD} to 1,000`);
  const kept = { q: [] as number[], a: [] as number[] };
  const { questions, aboutYou } = questionsOf(v, errors, kept);
  if (!errors.ok || !opens || !closes) return undefined;
  return {
    kept,
    dto: {
      title: v.title,
      purpose: v.purpose,
      askedBy: v.askedBy,
      useOfAnswers: v.useOfAnswers,
      opensAt: opens.toUTC().toISO()!,
      closesAt: closes.toUTC().toISO()!,
      audience: v.public ? 'public' : audience,
      ...(v.showOnPage ? { public: v.showOnPage === 'yes' } : {}),
      resultsThreshold: k,
      questions,
      aboutYou,
    },
  };
}

/** The API's field errors on the form's boxes: `questions[1].options` is the block it came from. */
export function apiErrorsOn(kept: { q: number[]; a: number[] }) {
  const labels = { ...LABELS };
  const ids = { ...IDS };
  const name = (list: string, prefix: string, at: number[]) =>
    at.forEach((formIndex, i) =>
      ['kind', 'text', 'options'].forEach((part) => {
        labels[`${list}[${i}].${part}`] = `Question ${formIndex + 1}`;
        ids[`${list}[${i}].${part}`] = `${prefix}${formIndex}-${part === 'kind' ? 'kind' : part}`;
      }),
    );
  name('questions', 'q', kept.q);
  name('aboutYou', 'a', kept.a);
  return { labels, ids };
}

/** The kinds as the builder offers them. */
export const KIND_CHOICES: { value: QuestionKind; text: string }[] = [
  { value: 'single', text: 'Choose one option' },
  { value: 'multiple', text: 'Choose any of the options' },
  { value: 'scale', text: 'A scale from 1 to 5' },
  { value: 'text', text: 'A short written answer' },
];

export const KIND_TEXT = Object.fromEntries(KIND_CHOICES.map((k) => [k.value, k.text])) as Record<
  QuestionKind,
  string
>;

/** Each block with its select's items, for the view. */
export const builderView = (v: ConsultationFormValues) => ({
  questions: v.questions.map((b, i) => ({
    ...b,
    index: i,
    kinds: KIND_CHOICES.map((k) => ({ ...k, selected: k.value === (b.kind || 'single') })),
  })),
  aboutYou: v.aboutYou.map((b, i) => ({ ...b, index: i })),
});

/** Who may answer, as the form offers it: the owner's members (signed in), or anyone with its public link too. */
export const audienceItems = (v: ConsultationFormValues, region: boolean) => [
  {
    value: 'members',
    text: region ? 'Members of the region’s LEROs, signed in' : 'Members, signed in',
    checked: !v.public,
  },
  {
    value: 'public',
    text: 'Anyone with its link, without signing in',
    hint: {
      text: 'Members can still answer signed in. Answering through the link needs JavaScript for a short check against automated programs, and nothing stops one person answering twice: read the figures as views, not a count of people.',
    },
    checked: v.public,
  },
];

/** Whether it shows on the public "you said, we did" page once closed: neither chosen leaves it to who may answer. */
export const showOnPageItems = (v: ConsultationFormValues) => [
  { value: 'yes', text: 'Yes, once it is closed', checked: v.showOnPage === 'yes' },
  { value: 'no', text: 'No, keep it off the public page', checked: v.showOnPage === 'no' },
];

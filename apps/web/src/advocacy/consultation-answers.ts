import type { AnswerDto, ConsultationView, QuestionView, ResultsView } from '@hearth/contracts';
import { FormErrors, field, fields } from '../http/form.util';

/** A response's form as posted: each question's key → its answer's value(s) as the form holds them. */
export type AnswerValues = Record<string, string | string[]>;

const SCALE_POINTS = ['1', '2', '3', '4', '5'];
/** The radio an "about you" question starts on: saying nothing. */
export const NOT_SAID = 'not-said';

/** What answering needs of a consultation: its questions' keys, kinds and options. */
export type AnswerShape = Pick<ConsultationView, 'questions' | 'aboutYou'>;

const SHAPE_PART = /^([qa]\d{1,2}):(single|multiple|scale|text|about):(\d{1,2})$/;

/**
 * The shape as the answering form carries it (`q1:single:3 q2:scale:0 a1:about:2`), so that the post is read and
 * sent without asking the API for the consultation first: that read would be a request line of the gateway's at
 * the moment of the response, naming the consultation (ADR 0071). The API checks every answer again.
 */
export const shapeText = (c: AnswerShape) =>
  [
    ...c.questions.map((q) => `${q.key}:${q.kind}:${q.options.length}`),
    ...c.aboutYou.map((q) => `${q.key}:about:${q.options.length}`),
  ].join(' ');

/** The shape a form posted, or undefined when it is not one (a tampered or broken form). */
export function shapeOf(body: unknown): AnswerShape | undefined {
  const parts = field(body, 'shape')
    .split(' ')
    .map((p) => SHAPE_PART.exec(p));
  if (parts.length === 0 || parts.some((m) => !m)) return undefined;
  const view = (m: RegExpExecArray): QuestionView => ({
    key: m[1],
    kind: (m[2] === 'about' ? 'single' : m[2]) as QuestionView['kind'],
    text: '',
    options: Array.from({ length: Number(m[3]) }, () => ''),
  });
  const all = parts as RegExpExecArray[];
  const questions = all.filter((m) => m[2] !== 'about').map(view);
  return questions.length
    ? { questions, aboutYou: all.filter((m) => m[2] === 'about').map(view) }
    : undefined;
}

export function readAnswers(body: unknown, c: AnswerShape): AnswerValues {
  const values: AnswerValues = {};
  for (const q of c.questions)
    values[q.key] = q.kind === 'multiple' ? fields(body, q.key) : field(body, q.key);
  for (const q of c.aboutYou) values[q.key] = field(body, q.key) || NOT_SAID;
  return values;
}

const indexOf = (value: string, q: QuestionView): number | undefined => {
  const n = Number(value);
  return /^\d+$/.test(value) && n < q.options.length ? n : undefined;
};

/**
 * The answers as the API takes them: every choice and scale question answered, written answers optional (an
 * empty one is left out), "about you" questions only where the person chose an option.
 */
export function answersRequest(c: AnswerShape, v: AnswerValues, errors: FormErrors): AnswerDto[] {
  const answers: AnswerDto[] = [];
  c.questions.forEach((q, i) => {
    const value = v[q.key];
    const label = `question ${i + 1}`;
    if (q.kind === 'single') {
      const choice = indexOf(value as string, q);
      if (choice === undefined) errors.add(q.key, `Choose an answer to ${label}`);
      else answers.push({ question: q.key, choice });
    } else if (q.kind === 'multiple') {
      const choices = (value as string[]).map((s) => indexOf(s, q));
      if (choices.some((n) => n === undefined)) errors.add(q.key, `Choose from the options of ${label}`);
      else answers.push({ question: q.key, choices: [...new Set(choices as number[])] });
    } else if (q.kind === 'scale') {
      if (!SCALE_POINTS.includes(value as string))
        errors.add(q.key, `Choose a number from 1 to 5 for ${label}`);
      else answers.push({ question: q.key, scale: Number(value) });
    } else if (value) {
      if ((value as string).length > 1000)
        errors.add(q.key, `Your answer to ${label} must be 1,000 characters or fewer`);
      else answers.push({ question: q.key, text: value as string });
    }
  });
  for (const q of c.aboutYou) {
    const value = v[q.key] as string;
    if (value === NOT_SAID) continue;
    const choice = indexOf(value, q);
    if (choice === undefined) errors.add(q.key, 'Choose one of the options, or “Prefer not to say”');
    else answers.push({ question: q.key, choice });
  }
  return answers;
}

/** The questions with their radios, boxes or text as the form shows them, holding what was posted. */
export function answerForm(c: AnswerShape, v: AnswerValues, errors: { fields: Record<string, unknown> }) {
  const items = (q: QuestionView, chosen: string | string[]) =>
    (q.kind === 'scale'
      ? SCALE_POINTS.map((p) => ({ value: p, text: scaleWord(p) }))
      : q.options.map((o, i) => ({ value: String(i), text: o }))
    ).map((item) => ({
      ...item,
      checked: Array.isArray(chosen) ? chosen.includes(item.value) : chosen === item.value,
    }));
  return {
    shape: shapeText(c),
    questions: c.questions.map((q, i) => ({
      key: q.key,
      kind: q.kind,
      number: i + 1,
      text: q.text,
      value: v[q.key] ?? '',
      items: q.kind === 'text' ? [] : items(q, v[q.key] ?? ''),
      error: errors.fields[q.key],
    })),
    aboutYou: c.aboutYou.map((q) => ({
      key: q.key,
      text: q.text,
      items: [
        ...items(q, v[q.key] ?? NOT_SAID),
        { divider: 'or' },
        { value: NOT_SAID, text: 'Prefer not to say', checked: (v[q.key] ?? NOT_SAID) === NOT_SAID },
      ],
      error: errors.fields[q.key],
    })),
  };
}

const scaleWord = (p: string) => (p === '1' ? '1 – not at all' : p === '5' ? '5 – very much' : p);

/** A percentage of the responses, rounded, for the results' bars. */
const share = (n: number, of: number) => (of > 0 ? Math.round((100 * n) / of) : 0);

/** A choice's or scale's rows; an "about you" question's end with those who did not say (it may be skipped). */
function rowsOf(
  q: ResultsView['questions'][number],
  labels: string[],
  responses: number,
  skippable: boolean,
) {
  const rows = labels.map((label, j) => ({
    label,
    count: q.counts[j] ?? 0,
    share: share(q.counts[j] ?? 0, responses),
  }));
  if (!skippable) return rows;
  const notSaid = Math.max(0, responses - rows.reduce((sum, r) => sum + r.count, 0));
  return [...rows, { label: 'Did not say', count: notSaid, share: share(notSaid, responses) }];
}

/**
 * The results as the page shows them: per question its options (or scale points) with counts and shares, a
 * written question's count, its answers for staff and what is published; the cross-tabulation's table when shown.
 */
export function resultsPage(r: ResultsView, aboutYouKeys: Set<string>) {
  const responses = r.responses ?? 0;
  const labelsOf = (q: ResultsView['questions'][number]) =>
    q.kind === 'scale' ? SCALE_POINTS.map(scaleWord) : q.options;
  const questions = r.questions.map((q, i) => ({
    key: q.key,
    kind: q.kind,
    text: q.text,
    aboutYou: aboutYouKeys.has(q.key),
    number: i + 1,
    rows: q.kind === 'text' ? [] : rowsOf(q, labelsOf(q), responses, aboutYouKeys.has(q.key)),
    written: q.kind === 'text' ? (q.counts[0] ?? 0) : undefined,
    texts: q.texts,
    published: q.published,
    // The publish form starts from what is published, else the raw answers to review and edit.
    draft: (q.published?.length ? q.published : (q.texts ?? [])).join('\n\n'),
  }));
  const byKey = new Map(r.questions.map((q) => [q.key, q]));
  const crossTab = r.crossTab && {
    by: byKey.get(r.crossTab.by)?.text ?? r.crossTab.by,
    shown: r.crossTab.shown,
    tables: r.crossTab.questions
      .filter((t) => byKey.get(t.key)?.kind !== 'text')
      .map((t) => {
        const q = byKey.get(t.key)!;
        return {
          text: q.text,
          head: labelsOf(q),
          rows: r.crossTab!.rows.map((group, g) => ({
            group: group === 'not said' ? 'Did not say' : group,
            cells: t.cells[g] ?? [],
          })),
        };
      }),
  };
  return { responses, questions, crossTab };
}

/** Reviewed answers as typed into the publish box: one answer a paragraph (a blank line between two). */
export const publishedTextsOf = (body: unknown) =>
  field(body, 'texts')
    .split(/\r?\n\s*\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);

import type { AnswerDto, ConsultationAudience, QuestionKind, QuestionView } from '@hearth/contracts';
import { invalidField } from './consultations.exception';

/** One response as stored: question key → option index, indexes, point 1–5 or text. Nothing else, ever. */
export type StoredAnswers = Record<string, number | number[] | string>;

export const SCALE_POINTS = ['1', '2', '3', '4', '5'];

interface QuestionInput {
  kind: QuestionKind;
  text: string;
  options?: string[];
}

/** The questions as kept and shown: keyed `q1…` (or `a1…` for "about you"), a scale's points as its options. */
export function questionsOf(input: QuestionInput[], prefix: 'q' | 'a', field: string): QuestionView[] {
  return input.map((q, i) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (!choice && q.options !== undefined && q.options !== null)
      throw invalidField(`${field}[${i}].options`, 'only a choice question has options');
    return {
      key: `${prefix}${i + 1}`,
      kind: q.kind,
      text: q.text.trim(),
      options: choice ? (q.options ?? []).map((o) => o.trim()) : q.kind === 'scale' ? SCALE_POINTS : [],
    };
  });
}

/** A LERO's consultation asks its members or the public; a region's asks every LERO's members or the public. */
export function checkAudience(owner: 'lero' | 'region', audience: ConsultationAudience): void {
  const allowed = owner === 'lero' ? ['members', 'public'] : ['region', 'public'];
  if (!allowed.includes(audience))
    throw invalidField(
      'audience',
      `must be one of ${allowed.join(', ')} for a ${owner === 'lero' ? 'LERO' : 'region'}`,
    );
}

export function checkTimes(opensAt: Date, closesAt: Date): void {
  if (!(closesAt.getTime() > opensAt.getTime())) throw invalidField('closesAt', 'must be after opensAt');
}

/**
 * A response checked against the consultation's questions: every choice and scale question answered, a text
 * question optionally, "about you" questions only if the respondent chooses; each answer of its question's kind.
 */
export function readAnswers(
  questions: QuestionView[],
  aboutYou: QuestionView[],
  answers: AnswerDto[],
): StoredAnswers {
  const byKey = new Map([...questions, ...aboutYou].map((q) => [q.key, q]));
  const out: StoredAnswers = {};
  answers.forEach((a, i) => {
    const field = `answers[${i}]`;
    const q = byKey.get(a.question);
    if (!q) throw invalidField(`${field}.question`, `${a.question} is not a question of this consultation`);
    if (a.question in out) throw invalidField(`${field}.question`, `answers ${a.question} twice`);
    out[a.question] = valueOf(q, a, field);
  });
  const missing = questions.find((q) => q.kind !== 'text' && !(q.key in out));
  if (missing) throw invalidField('answers', `must answer ${missing.key}`);
  return out;
}

function valueOf(q: QuestionView, a: AnswerDto, field: string): number | number[] | string {
  const given = (['choice', 'choices', 'scale', 'text'] as const).filter((k) => a[k] !== undefined);
  const expected = { single: 'choice', multiple: 'choices', scale: 'scale', text: 'text' }[q.kind];
  if (given.length !== 1 || given[0] !== expected)
    throw invalidField(`${field}.${expected}`, `${q.key} is answered with ${expected} only`);
  if (q.kind === 'single') {
    if ((a.choice as number) >= q.options.length) throw invalidField(`${field}.choice`, 'is not an option');
    return a.choice as number;
  }
  if (q.kind === 'multiple') {
    const choices = a.choices as number[];
    if (choices.some((c) => c >= q.options.length)) throw invalidField(`${field}.choices`, 'names no option');
    if (new Set(choices).size !== choices.length)
      throw invalidField(`${field}.choices`, 'names an option twice');
    return [...choices].sort((x, y) => x - y);
  }
  if (q.kind === 'scale') return a.scale as number;
  return (a.text as string).trim().slice(0, 1000);
}

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** When a UUIDv7 was made (its first 48 bits: milliseconds since 1970); null for any other id. */
export function createdAtOfV7(id: string): Date | null {
  if (!UUIDV7.test(id)) return null;
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}

/**
 * Whether a response counts towards the results threshold: the account and the member record both existed
 * before the consultation opened (ids are UUIDv7, made when the record was). An id that is not a v7 does not count:
 * the rule fails closed.
 */
export function countsTowardsThreshold(accountId: string, memberId: string, openedAt: Date): boolean {
  const account = createdAtOfV7(accountId);
  const member = createdAtOfV7(memberId);
  return !!account && !!member && account < openedAt && member < openedAt;
}

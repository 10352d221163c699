import type { ConsultationStatus, QuestionView, ResultsView } from '@hearth/contracts';
import type { StoredAnswers } from './consultation-rules';

/**
 * What the results say at one moment (taken at a batch past the threshold, or at close, never in between): counts
 * per question, the free texts, and every cross-tabulation by an "about you" question. Kept on the consultation.
 */
export interface Snapshot {
  responses: number;
  /** Responses of accounts and members that existed before the consultation opened: what the threshold counts. */
  counted: number;
  counts: Record<string, number[]>;
  texts: Record<string, string[]>;
  /** by "about you" key → question key → cells[row][column]; rows: its options, then "not said". */
  crossTabs: Record<string, Record<string, number[][]>>;
}

const tally = (q: QuestionView, answers: StoredAnswers[], into: number[]) => {
  for (const a of answers) {
    const v = a[q.key];
    if (v === undefined) continue;
    if (q.kind === 'single') into[v as number] += 1;
    if (q.kind === 'multiple') for (const c of v as number[]) into[c] += 1;
    if (q.kind === 'scale') into[(v as number) - 1] += 1;
  }
  return into;
};

/** The snapshot of these answers (`counted` of them count towards the threshold). */
export function snapshotOf(
  questions: QuestionView[],
  aboutYou: QuestionView[],
  answers: StoredAnswers[],
  counted: number,
): Snapshot {
  const counts: Snapshot['counts'] = {};
  const texts: Snapshot['texts'] = {};
  for (const q of [...questions, ...aboutYou]) {
    if (q.kind === 'text') {
      texts[q.key] = answers.flatMap((a) =>
        typeof a[q.key] === 'string' && a[q.key] !== '' ? [a[q.key] as string] : [],
      );
      counts[q.key] = [texts[q.key].length];
    } else
      counts[q.key] = tally(
        q,
        answers,
        q.options.map(() => 0),
      );
  }
  const crossTabs: Snapshot['crossTabs'] = {};
  for (const by of aboutYou) {
    const rows = [
      ...by.options.map((_, i) => answers.filter((a) => a[by.key] === i)),
      answers.filter((a) => a[by.key] === undefined),
    ];
    crossTabs[by.key] = Object.fromEntries(
      questions
        .filter((q) => q.kind !== 'text')
        .map((q) => [
          q.key,
          rows.map((group) =>
            tally(
              q,
              group,
              q.options.map(() => 0),
            ),
          ),
        ]),
    );
  }
  return { responses: answers.length, counted, counts, texts, crossTabs };
}

export interface ResultsOf {
  consultationId: string;
  status: ConsultationStatus;
  threshold: number;
  questions: QuestionView[];
  aboutYou: QuestionView[];
  snapshot: Snapshot | null;
  /** Question key → the texts its staff published (ADR 0067). */
  published: Record<string, string[]>;
}

/**
 * The results as a caller may see them: nothing below the threshold ("not enough responses yet"); a
 * cross-tabulation only when every cell (the "not said" row too, which the totals would otherwise give back) holds
 * at least the threshold; free texts only for the staff who run the consultation.
 */
export function resultsView(r: ResultsOf, opts: { texts: boolean; by?: string }): ResultsView {
  const base = { consultationId: r.consultationId, status: r.status, resultsThreshold: r.threshold };
  const s = r.snapshot;
  if (!s || s.counted < r.threshold) return { ...base, shown: false, responses: null, questions: [] };
  const questions = [...r.questions, ...r.aboutYou].map((q) => ({
    key: q.key,
    kind: q.kind,
    text: q.text,
    options: q.options,
    counts: s.counts[q.key] ?? [],
    ...(q.kind === 'text' && opts.texts ? { texts: s.texts[q.key] ?? [] } : {}),
    ...(q.kind === 'text' ? { published: r.published[q.key] ?? [] } : {}),
  }));
  const by = opts.by ? r.aboutYou.find((q) => q.key === opts.by) : undefined;
  if (!by) return { ...base, shown: true, responses: s.responses, questions };
  const table = s.crossTabs[by.key] ?? {};
  const shown = Object.values(table).every((cells) =>
    cells.every((row) => row.every((n) => n >= r.threshold)),
  );
  return {
    ...base,
    shown: true,
    responses: s.responses,
    questions,
    crossTab: {
      by: by.key,
      rows: [...by.options, 'not said'],
      shown,
      questions: shown ? Object.entries(table).map(([key, cells]) => ({ key, cells })) : [],
    },
  };
}

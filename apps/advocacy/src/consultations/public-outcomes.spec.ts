import { questionsOf } from './consultation-rules';
import type { ConsultationRow } from './consultations.repository';
import { publicOutcomeView } from './public-outcomes.service';
import { snapshotOf } from './results.util';

const questions = questionsOf(
  [
    { kind: 'single', text: 'Hours', options: ['Mornings', 'Evenings'] },
    { kind: 'text', text: 'Anything else?' },
  ],
  'q',
  'questions',
);
const aboutYou = questionsOf([{ kind: 'single', text: 'Age', options: ['Young', 'Older'] }], 'a', 'aboutYou');
const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ q1: i % 2, q2: `secret ${i}`, a1: 0 }));

const row = (counted: number, published: Record<string, string[]> = {}): ConsultationRow => ({
  id: 'c',
  tenant_id: 't',
  region_id: null,
  title: 'Drop-in hours',
  purpose: 'p',
  asked_by: 'us',
  use_of_answers: 'u',
  opens_at: new Date('2026-11-01T10:00:00Z'),
  closes_at: new Date('2026-11-20T10:00:00Z'),
  audience: 'members',
  public: false,
  status: 'closed',
  results_threshold: 5,
  questions,
  about_you: aboutYou,
  opened_at: null,
  closed_at: new Date('2026-11-15T09:00:00Z'),
  flushed_responses: counted,
  flushed_counted: counted,
  snapshot_counted: counted,
  snapshot: counted ? snapshotOf(questions, aboutYou, answers(counted), counted) : null,
  published_texts: published,
  created_at: new Date('2026-10-30T10:00:00Z'),
});

describe('a closed consultation on a public page (ADR 0075)', () => {
  it('shows figures only at k counted responses, as for every other reader, and never an "about you" question', () => {
    expect(publicOutcomeView(row(4), true).results).toBeNull();
    expect(publicOutcomeView(row(0), true).results).toBeNull();
    expect(publicOutcomeView(row(6), true).results).toEqual({
      responses: 6,
      questions: [
        { key: 'q1', kind: 'single', text: 'Hours', options: ['Mornings', 'Evenings'], counts: [3, 3] },
        { key: 'q2', kind: 'text', text: 'Anything else?', options: [], counts: [6] },
      ],
    });
  });

  it('never shows a raw free text or a cross-tabulation, and no figure where figures are regional-total-only', () => {
    const shown = publicOutcomeView(row(6, { q2: ['Reviewed and kept'] }), true);
    expect(JSON.stringify(shown)).not.toContain('secret');
    expect(JSON.stringify(shown)).not.toMatch(/crossTab|resultsThreshold|"id"/);
    expect(shown.published).toEqual([
      { question: 'q2', text: 'Anything else?', texts: ['Reviewed and kept'] },
    ]);
    const pooled = publicOutcomeView(row(6, { q2: ['Reviewed and kept'] }), false);
    expect(pooled.results).toBeNull();
    expect(pooled.published).toEqual(shown.published);
  });

  it('gives its public facts and when it closed, and leaves out withdrawn texts', () => {
    expect(publicOutcomeView(row(6, { q2: [] }), true)).toMatchObject({
      title: 'Drop-in hours',
      askedBy: 'us',
      audience: 'members',
      closedAt: '2026-11-15T09:00:00.000Z',
      published: [],
    });
  });
});

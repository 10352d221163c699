import { questionsOf, countsTowardsThreshold, readAnswers } from './consultation-rules';
import { resultsView, snapshotOf } from './results.util';
import { shuffled } from './answer-batch.service';

const questions = questionsOf(
  [
    { kind: 'single', text: 'Hours', options: ['Mornings', 'Evenings'] },
    { kind: 'scale', text: 'Useful' },
  ],
  'q',
  'questions',
);
const aboutYou = questionsOf([{ kind: 'single', text: 'Age', options: ['Young', 'Older'] }], 'a', 'aboutYou');
const of = (snapshot: ReturnType<typeof snapshotOf>, threshold = 5) =>
  resultsView(
    { consultationId: 'c', status: 'open', threshold, questions, aboutYou, snapshot, published: {} },
    { texts: false, by: 'a1' },
  );

describe('results under the small-number rule', () => {
  it('shows nothing below the threshold of responses that count', () => {
    const answers = Array.from({ length: 9 }, () => ({ q1: 0, q2: 3 }));
    expect(of(snapshotOf(questions, aboutYou, answers, 4))).toMatchObject({
      shown: false,
      responses: null,
      questions: [],
    });
    expect(of(snapshotOf(questions, aboutYou, answers, 5))).toMatchObject({ shown: true, responses: 9 });
  });

  it('cross-tabulates only when every cell, "not said" too, holds the threshold', () => {
    const full = [
      ...Array.from({ length: 5 }, () => ({ q1: 0, q2: 1, a1: 0 })),
      ...Array.from({ length: 5 }, () => ({ q1: 1, q2: 1, a1: 1 })),
    ];
    expect(of(snapshotOf(questions, aboutYou, full, 10)).crossTab?.shown).toBe(false);
  });

  it('counts a scale by its points and a choice by its options', () => {
    const s = snapshotOf(
      questions,
      aboutYou,
      [
        { q1: 1, q2: 5 },
        { q1: 1, q2: 1, a1: 0 },
      ],
      2,
    );
    expect(s.counts).toEqual({ q1: [0, 2], q2: [1, 0, 0, 0, 1], a1: [1, 0] });
  });
});

describe('a response', () => {
  it('must answer every choice and scale question, each with its own kind of answer', () => {
    expect(() => readAnswers(questions, aboutYou, [{ question: 'q1', choice: 0 }])).toThrow(/must answer q2/);
    expect(() =>
      readAnswers(questions, aboutYou, [
        { question: 'q1', scale: 2 },
        { question: 'q2', scale: 2 },
      ]),
    ).toThrow(/choice/);
    expect(() =>
      readAnswers(questions, aboutYou, [
        { question: 'q1', choice: 2 },
        { question: 'q2', scale: 2 },
      ]),
    ).toThrow(/not an option/);
    expect(
      readAnswers(questions, aboutYou, [
        { question: 'q1', choice: 1 },
        { question: 'q2', scale: 2 },
      ]),
    ).toEqual({ q1: 1, q2: 2 });
  });

  it('counts towards the threshold only when account and member are older than the opening', () => {
    const opened = new Date('2026-06-01T00:00:00Z');
    const before = '01900000-0000-7000-8000-000000000001'; // 2024
    const after = '01a00000-0000-7000-8000-000000000001'; // 2029
    expect(countsTowardsThreshold(before, before, opened)).toBe(true);
    expect(countsTowardsThreshold(after, before, opened)).toBe(false);
    expect(countsTowardsThreshold(before, after, opened)).toBe(false);
    expect(countsTowardsThreshold('2b6c4ae0-7c5d-4d7e-9d3f-1c2b3a4d5e6f', before, opened)).toBe(false);
  });

  it('is written in an order of the batch’s own', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = shuffled(items);
    expect([...once].sort((x, y) => x - y)).toEqual(items);
    expect(once).not.toEqual(items);
  });
});

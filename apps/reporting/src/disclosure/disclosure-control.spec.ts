import fc from 'fast-check';
import {
  controlTable,
  lineSafe,
  roundToNearest,
  sumPublishable,
  type ControlCell,
  type ControlLine,
  type DisclosureRules,
} from './disclosure-control';

const RULES: DisclosureRules = { suppressBelow: 8, roundTo: 5 };
const NOBODY_HIDDEN = new Set<string>();

const one = (lero: string, value: number): ControlCell => ({
  value,
  parts: new Map([[lero, value]]),
  kind: 'one',
});
const sum = (parts: Record<string, number>, exposed?: Record<string, string>): ControlCell => ({
  value: Object.values(parts).reduce((a, b) => a + b, 0),
  parts: new Map(Object.entries(parts)),
  kind: 'sum',
  ...(exposed ? { exposed: new Map(Object.entries(exposed)) } : {}),
});

/** The LERO line of one period: each LERO's row, their total, and the parts of LEROs shown only in it. */
function region(shown: Record<string, number>, hidden: Record<string, number> = {}) {
  const cells = new Map<string, ControlCell>(Object.entries(shown).map(([l, v]) => [l, one(l, v)]));
  cells.set('T', sum({ ...shown, ...hidden }));
  const lines: ControlLine[] = [
    { total: 'T', members: Object.keys(shown), hidden: new Map(Object.entries(hidden)) },
  ];
  return { cells, lines, hidden: new Set(Object.keys(hidden)) };
}

const shownOf = (out: Map<string, unknown>) =>
  Object.fromEntries(
    [...out].map(([id, c]) => [
      id,
      c && typeof c === 'object' && 'value' in c ? (c as { value: number }).value : '*',
    ]),
  );

describe('disclosure control', () => {
  it('suppresses a LERO’s counts from 1 to 7, rounds the rest to the nearest 5, and keeps 0 as 0', () => {
    const cells = new Map(
      [0, 1, 2, 7, 8, 12, 13, 17, 18, 22, 23, 100, 1002].map((v) => [`c${v}`, one(`l${v}`, v)]),
    );
    expect(shownOf(controlTable({ cells, lines: [], hidden: NOBODY_HIDDEN }, RULES))).toEqual({
      c0: 0,
      c1: '*',
      c2: '*',
      c7: '*',
      c8: 10,
      c12: 10,
      c13: 15,
      c17: 15,
      c18: 20,
      c22: 20,
      c23: 25,
      c100: 100,
      c1002: 1000,
    });
  });

  it('lets a region be stricter: with a threshold of 10, 8 and 9 are suppressed and 10 is shown', () => {
    const cells = new Map([7, 8, 9, 10, 11].map((v) => [`c${v}`, one(`l${v}`, v)]));
    const out = controlTable({ cells, lines: [], hidden: NOBODY_HIDDEN }, { suppressBelow: 10, roundTo: 5 });
    expect(shownOf(out)).toEqual({ c7: '*', c8: '*', c9: '*', c10: 10, c11: 10 });
  });

  describe('a figure that sums LEROs', () => {
    const publishable = (parts: Record<string, number>, hidden: string[] = []) =>
      sumPublishable(new Map(Object.entries(parts)), new Set(hidden), RULES);

    it('needs three LEROs with non-zero parts: with two, each knows its own and can subtract', () => {
      expect(publishable({ a: 40 })).toBe(false);
      expect(publishable({ a: 40, b: 42 })).toBe(false);
      expect(publishable({ a: 40, b: 42, c: 30 })).toBe(true);
    });

    it('counts idle LEROs as nobody: zeros protect no one', () => {
      expect(publishable({ a: 40, b: 42, c: 0, d: 0 })).toBe(false);
    });

    it('refuses a dominant LERO (p% rule) and a remainder small enough to pin a small part', () => {
      // Reader b knows its 40: a + c = 45 ± 2 would say a is about 44 when c is 1.
      expect(publishable({ a: 44, b: 40, c: 1 })).toBe(false);
      // Reader a knows its 40: b + c ≈ 5, so each of them is 1 to 4.
      expect(publishable({ a: 40, b: 3, c: 2 })).toBe(false);
      expect(publishable({ a: 40, b: 30, c: 12 })).toBe(true);
    });

    it('protects LEROs shown only in the total from anyone who knows every other figure', () => {
      // The hidden parts must themselves be a sum of at least two hidden LEROs with the threshold to spare.
      expect(publishable({ a: 40, b: 30, h: 42 }, ['h'])).toBe(false);
      expect(publishable({ a: 40, h: 42, i: 3 }, ['h', 'i'])).toBe(false);
      expect(publishable({ a: 40, h: 42, i: 30, j: 25 }, ['h', 'i', 'j'])).toBe(true);
    });

    it('takes no cover from a part a row gives away', () => {
      const cell = sum({ a: 40, b: 30, c: 25 }, { b: 'rowB', c: 'rowC' });
      const cells = new Map([
        ['cat', cell],
        ['rowB', one('b', 30)],
        ['rowC', one('c', 25)],
      ]);
      // b and c are known from their rows, so the cell would give a's part away.
      expect(shownOf(controlTable({ cells, lines: [], hidden: NOBODY_HIDDEN }, RULES)).cat).toBe('*');
      const plain = new Map(cells).set('cat', sum({ a: 40, b: 30, c: 25 }));
      expect(shownOf(controlTable({ cells: plain, lines: [], hidden: NOBODY_HIDDEN }, RULES)).cat).toBe(95);
      const withHidden = new Map(cells).set('cat', sum({ a: 40, b: 30, h: 25 }, { b: 'rowB' }));
      withHidden.delete('rowC');
      expect(shownOf(controlTable({ cells: withHidden, lines: [], hidden: new Set(['h']) }, RULES)).cat).toBe(
        '*',
      );
    });
  });

  describe('secondary suppression', () => {
    it('suppresses enough LEROs beside a small one that no LERO can subtract its way to it', () => {
      // With only 3 and 20 suppressed, the LERO with 20 would work out the 3 from the total.
      const t = region({ a: 3, b: 40, c: 20, d: 30 });
      const out = shownOf(controlTable(t, RULES));
      expect(out).toEqual({ a: '*', b: 40, c: '*', d: '*', T: 95 });
    });

    it('the issue’s first example: a LERO shown on its own and one shown only in the total', () => {
      // A runs walking (40), B (total only) music (42): the total would be B's figure to A, so it goes.
      const t = region({ a: 40 }, { b: 42 });
      expect(shownOf(controlTable(t, RULES))).toEqual({ a: 40, T: '*' });
    });

    it('the issue’s second example: an idle LERO shown only in the total does not cover the other', () => {
      const t = region({ a: 40 }, { b: 42, c: 0 });
      expect(shownOf(controlTable(t, RULES))).toEqual({ a: 40, T: '*' });
    });

    it('never changes a frozen cell, and hides a longer period that would give a frozen one back', () => {
      const cells = new Map<string, ControlCell>([
        ['m1', { ...one('a', 3), frozen: { suppressed: true } }],
        ['m2', { ...one('a', 40), frozen: { value: 40 } }],
        ['m3', { ...one('a', 30), frozen: { value: 30 } }],
        ['q', one('a', 73)],
      ]);
      const out = controlTable(
        { cells, lines: [{ total: 'q', members: ['m1', 'm2', 'm3'] }], hidden: NOBODY_HIDDEN },
        RULES,
      );
      expect(shownOf(out)).toEqual({ m1: '*', m2: 40, m3: 30, q: '*' });
    });
  });

  it('refuses what is not a count', () => {
    const table = (v: number) => ({ cells: new Map([['a', one('a', v)]]), lines: [], hidden: NOBODY_HIDDEN });
    expect(() => controlTable(table(-1), RULES)).toThrow(/not a count/);
    expect(() => controlTable(table(1.5), RULES)).toThrow(/not a count/);
    expect(() =>
      controlTable({ cells: new Map(), lines: [{ total: 'T', members: [] }], hidden: NOBODY_HIDDEN }, RULES),
    ).toThrow(/unknown cell/);
  });

  describe('over thousands of random regions (fast-check)', () => {
    /** A period: LEROs shown and hidden, their parts in up to four categories, the two breakdowns' lines. */
    const periods = fc.record({
      suppressBelow: fc.integer({ min: 8, max: 12 }),
      leros: fc.array(
        fc.record({
          hidden: fc.boolean(),
          categories: fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 90 })), {
            minLength: 4,
            maxLength: 4,
          }),
        }),
        { maxLength: 7 },
      ),
    });

    function build(p: { leros: { hidden: boolean; categories: number[] }[] }) {
      const cells = new Map<string, ControlCell>();
      const hidden = new Set<string>();
      const total: Record<string, number> = {};
      p.leros.forEach((l, i) => {
        const v = l.categories.reduce((a, b) => a + b, 0);
        total[`l${i}`] = v;
        if (l.hidden) hidden.add(`l${i}`);
        else cells.set(`row${i}`, one(`l${i}`, v));
      });
      cells.set('T', sum(total));
      for (let c = 0; c < 4; c++)
        cells.set(`cat${c}`, sum(Object.fromEntries(p.leros.map((l, i) => [`l${i}`, l.categories[c]]))));
      const lines: ControlLine[] = [
        {
          total: 'T',
          members: [...cells.keys()].filter((id) => id.startsWith('row')),
          hidden: new Map([...hidden].map((l) => [l, total[l]])),
        },
        { total: 'T', members: [0, 1, 2, 3].map((c) => `cat${c}`) },
      ];
      return { cells, lines, hidden };
    }

    it('publishes only 0 or rounded figures of at least 10, and leaves no line that gives a figure back', () => {
      fc.assert(
        fc.property(periods, (p) => {
          const table = build(p);
          const rules = { suppressBelow: p.suppressBelow, roundTo: 5 };
          const out = controlTable(table, rules);
          const suppressed = new Set([...out].filter(([, c]) => 'suppressed' in c).map(([id]) => id));
          for (const [id, cell] of out) {
            const v = table.cells.get(id)!.value;
            if (v >= 1 && v < rules.suppressBelow) expect(cell).toEqual({ suppressed: true });
            if ('value' in cell) {
              expect(cell.value === 0 || (cell.value % 5 === 0 && cell.value >= 10)).toBe(true);
              expect(cell.value).toBe(roundToNearest(v, 5));
            }
          }
          for (const line of table.lines)
            expect(
              lineSafe(
                line,
                (id) => table.cells.get(id)!,
                (id) => suppressed.has(id),
                table.hidden,
                rules,
              ),
            ).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });
});

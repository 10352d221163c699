import fc from 'fast-check';
import {
  controlTable,
  roundToNearest,
  type ControlLine,
  type ControlTable,
  type DisclosureRules,
} from './disclosure-control';

const RULES: DisclosureRules = { suppressBelow: 8, roundTo: 5 };

/** A table of one line: members m0…, their total, and an optional hidden part. */
function line(values: number[], hidden?: { parts: number; value: number }): ControlTable {
  const cells = new Map<string, number>(values.map((v, i) => [`m${i}`, v]));
  cells.set('T', values.reduce((a, b) => a + b, 0) + (hidden?.value ?? 0));
  return {
    cells,
    lines: [{ total: 'T', members: values.map((_, i) => `m${i}`), ...(hidden ? { hidden } : {}) }],
  };
}

const shown = (out: Map<string, unknown>) =>
  Object.fromEntries(
    [...out].map(([id, c]) => [
      id,
      c && typeof c === 'object' && 'value' in c ? (c as { value: number }).value : '*',
    ]),
  );

describe('disclosure control', () => {
  it('suppresses counts from 1 to 7, rounds the rest to the nearest 5, and keeps 0 as 0', () => {
    const cells = new Map([0, 1, 2, 7, 8, 12, 13, 17, 18, 22, 23, 100, 1002].map((v) => [`c${v}`, v]));
    expect(shown(controlTable({ cells, lines: [] }, RULES))).toEqual({
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
    const cells = new Map([7, 8, 9, 10, 11].map((v) => [`c${v}`, v]));
    expect(shown(controlTable({ cells, lines: [] }, { suppressBelow: 10, roundTo: 5 }))).toEqual({
      c7: '*',
      c8: '*',
      c9: '*',
      c10: 10,
      c11: 10,
    });
  });

  it('computes totals from unrounded figures, then controls them like any cell', () => {
    // 12 + 12 + 12 = 36 → 35; summing the rounded cells would have said 30.
    expect(shown(controlTable(line([12, 12, 12]), RULES))).toEqual({ m0: 10, m1: 10, m2: 10, T: 35 });
    // A small total is suppressed like a small cell.
    expect(shown(controlTable(line([0, 3, 0]), RULES))).toMatchObject({ m1: '*', T: '*' });
  });

  it('suppresses the next smallest cell when a total would give a lone suppressed cell back', () => {
    expect(shown(controlTable(line([3, 40, 20, 30]), RULES))).toEqual({
      m0: '*',
      m1: 40,
      m2: '*',
      m3: 30,
      T: 95,
    });
  });

  it('prefers a non-zero cell to a zero as the second suppression, and never needs one for two', () => {
    expect(shown(controlTable(line([3, 0, 40]), RULES))).toEqual({ m0: '*', m1: 0, m2: '*', T: 45 });
    expect(shown(controlTable(line([3, 5, 40]), RULES))).toEqual({ m0: '*', m1: '*', m2: 40, T: 50 });
  });

  it('falls back to a zero cell when there is no other non-zero one', () => {
    // Two shown LEROs with nothing, and one shown only in the total: a zero must go to hide it.
    expect(shown(controlTable(line([0, 0], { parts: 1, value: 40 }), RULES))).toEqual({
      m0: '*',
      m1: 0,
      T: 40,
    });
    // A small total already hides its one small cell: no second suppression is needed.
    expect(shown(controlTable(line([3, 0, 0]), RULES))).toEqual({ m0: '*', m1: 0, m2: 0, T: '*' });
  });

  it('protects one LERO shown only in the total: its figure cannot be worked out from the others', () => {
    // total − shown LEROs would be that LERO's own figure, so the smallest shown one is suppressed.
    expect(shown(controlTable(line([20, 30], { parts: 1, value: 40 }), RULES))).toEqual({
      m0: '*',
      m1: 30,
      T: 90,
    });
    // Several such LEROs together with a large sum are an aggregate like any other.
    expect(shown(controlTable(line([20, 30], { parts: 2, value: 40 }), RULES))).toEqual({
      m0: 20,
      m1: 30,
      T: 90,
    });
    // ...but not when their sum is small.
    expect(shown(controlTable(line([20, 30], { parts: 2, value: 5 }), RULES))).toMatchObject({ m0: '*' });
  });

  it('carries a suppression across lines that share a total until nothing changes', () => {
    // The region's only LERO reports only in the total: the total is its own figure and is suppressed; then
    // the category breakdown of the same total must not give it back.
    const cells = new Map([
      ['T', 40],
      ['walking', 25],
      ['arts', 15],
    ]);
    const lines: ControlLine[] = [
      { total: 'T', members: [], hidden: { parts: 1, value: 40 } },
      { total: 'T', members: ['walking', 'arts'] },
    ];
    expect(shown(controlTable({ cells, lines }, RULES))).toEqual({ T: '*', walking: 25, arts: '*' });
  });

  it('refuses what is not a count', () => {
    expect(() => controlTable({ cells: new Map([['a', -1]]), lines: [] }, RULES)).toThrow(/not a count/);
    expect(() => controlTable({ cells: new Map([['a', 1.5]]), lines: [] }, RULES)).toThrow(/not a count/);
    expect(() => controlTable({ cells: new Map(), lines: [{ total: 'T', members: [] }] }, RULES)).toThrow(
      /unknown cell/,
    );
  });

  describe('over thousands of random regions (fast-check)', () => {
    /** A region's period as reports build it: LEROs shown and hidden, categories, one total per metric. */
    const region = fc.record({
      suppressBelow: fc.integer({ min: 8, max: 15 }),
      metrics: fc.integer({ min: 1, max: 3 }),
      shown: fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 200 })), {
          minLength: 3,
          maxLength: 3,
        }),
        { maxLength: 6 },
      ),
      hidden: fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }), {
        maxLength: 3,
      }),
      categories: fc.integer({ min: 1, max: 5 }),
      seed: fc.integer(),
    });

    interface Region {
      suppressBelow: number;
      metrics: number;
      shown: number[][];
      hidden: number[][];
      categories: number;
      seed: number;
    }

    function build(r: Region) {
      const cells = new Map<string, number>();
      const lines: ControlLine[] = [];
      const hiddenOf = new Map<string, { parts: number; value: number }>();
      for (let m = 0; m < r.metrics; m++) {
        const total = [...r.shown, ...r.hidden].reduce((sum, l) => sum + l[m], 0);
        cells.set(`T${m}`, total);
        r.shown.forEach((l, i) => cells.set(`L${i}.${m}`, l[m]));
        const hidden = r.hidden.length
          ? { parts: r.hidden.length, value: r.hidden.reduce((sum, l) => sum + l[m], 0) }
          : undefined;
        if (hidden) hiddenOf.set(`H${m}`, hidden);
        lines.push({
          total: `T${m}`,
          members: r.shown.map((_, i) => `L${i}.${m}`),
          ...(hidden ? { hidden } : {}),
        });
        // Split the same total over categories, deterministically from the seed.
        const split = Array.from({ length: r.categories }, () => 0);
        let left = total;
        for (let c = 0; c < r.categories - 1 && left > 0; c++) {
          const take = Math.abs((r.seed >> (c * 3)) ^ (m * 7919)) % (left + 1);
          split[c] = take;
          left -= take;
        }
        split[r.categories - 1] += left;
        split.forEach((v, c) => cells.set(`C${c}.${m}`, v));
        lines.push({ total: `T${m}`, members: split.map((_, c) => `C${c}.${m}`) });
      }
      return { table: { cells, lines }, hiddenOf };
    }

    it('publishes only 0, suppressed, or multiples of 5 of at least 10; small counts never', () => {
      fc.assert(
        fc.property(region, (r) => {
          const { table } = build(r);
          const out = controlTable(table, { suppressBelow: r.suppressBelow, roundTo: 5 });
          for (const [id, cell] of out) {
            const v = table.cells.get(id)!;
            if (v >= 1 && v < r.suppressBelow) expect(cell).toEqual({ suppressed: true });
            if ('value' in cell) {
              expect(cell.value === 0 || (cell.value % 5 === 0 && cell.value >= 10)).toBe(true);
              expect(cell.value).toBe(roundToNearest(v, 5));
            }
          }
        }),
        { numRuns: 3000 },
      );
    });

    it('never lets a suppressed cell, or one hidden LERO, be worked out from the published cells and totals', () => {
      fc.assert(
        fc.property(region, (r) => {
          const { table, hiddenOf } = build(r);
          const rules = { suppressBelow: r.suppressBelow, roundTo: 5 };
          const out = controlTable(table, rules);
          const unknown = [...out].filter(([, c]) => 'suppressed' in c).map(([id]) => id);
          const variables = [...unknown, ...hiddenOf.keys()];
          const index = new Map(variables.map((v, i) => [v, i]));
          // One equation per line over the unknowns: members + hidden − total = what the published cells say.
          const equations = table.lines.map((l, li) => {
            const row = new Array<number>(variables.length).fill(0);
            for (const id of l.members) if (index.has(id)) row[index.get(id)!] += 1;
            if (index.has(l.total)) row[index.get(l.total)!] -= 1;
            if (l.hidden) row[index.get(`H${li >> 1}`)!] += 1;
            return row;
          });
          for (const v of variables) {
            const hidden = hiddenOf.get(v);
            const mustHide =
              !hidden || hidden.parts === 1 || (hidden.value >= 1 && hidden.value < r.suppressBelow);
            if (!mustHide) continue;
            const e = variables.map((w) => (w === v ? 1 : 0));
            expect([v, rank([...equations, e])]).toEqual([v, rank(equations) + 1]);
          }
        }),
        { numRuns: 3000 },
      );
    });
  });
});

/** The rank of a small matrix (Gaussian elimination; entries stay small integers and simple fractions). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
      const f = m[i][c] / m[r][c];
      for (let k = c; k < cols; k++) m[i][k] -= f * m[r][k];
    }
    r++;
  }
  return r;
}

import fc from 'fast-check';
import { LinearBounds, type SumConstraint } from './linear-bounds.util';

/**
 * The attacker's simplex is only as trustworthy as its bounds: a bound looser than the true one would make the
 * attacker pin less than it could, and the disclosure test pass when it should not. So every bound is checked
 * against GLPK (the GNU Linear Programming Kit) on random systems of the attacker's shape: counts of at least 1,
 * published figures as `lo ≤ sum ≤ hi`.
 */
type Glpk = Awaited<ReturnType<typeof import('glpk.js/node').default>>;

let glpk: Glpk;
beforeAll(async () => {
  glpk = await (await import('glpk.js/node')).default();
});

function glpkBound(
  n: number,
  constraints: SumConstraint[],
  vars: number[],
  direction: 'min' | 'max',
): number {
  const name = (i: number) => `x${i}`;
  const result = glpk.solve(
    {
      name: 'bounds',
      objective: {
        direction: direction === 'max' ? glpk.GLP_MAX : glpk.GLP_MIN,
        name: 'sum',
        vars: vars.map((i) => ({ name: name(i), coef: 1 })),
      },
      subjectTo: constraints.map((c, k) => ({
        name: `c${k}`,
        vars: c.vars.map((i) => ({ name: name(i), coef: 1 })),
        bnds: { type: glpk.GLP_DB, lb: c.lo, ub: c.hi },
      })),
      bounds: Array.from({ length: n }, (_, i) => ({ name: name(i), type: glpk.GLP_LO, lb: 1, ub: 0 })),
    },
    { presol: true },
  );
  // A sum no published figure bounds from above: a reader learns no upper limit.
  if (result.result.status === glpk.GLP_UNBND) return direction === 'max' ? Infinity : -Infinity;
  if (result.result.status !== glpk.GLP_OPT) throw new Error(`GLPK status ${result.result.status}`);
  return result.result.z;
}

/** A feasible system: published sums of a hidden assignment of counts, each widened by rounding's ±2. */
const systems = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    truth: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: n, maxLength: n }),
    sums: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), {
      minLength: 1,
      maxLength: 12,
    }),
    slack: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
    target: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
  }),
);

describe('the attacker’s linear bounds', () => {
  it('are exactly GLPK’s, rounded inwards to whole counts, on random systems of published sums', () => {
    fc.assert(
      fc.property(systems, ({ n, truth, sums, slack, target }) => {
        const constraints: SumConstraint[] = sums.map((vars, k) => {
          const sum = vars.reduce((s, i) => s + truth[i], 0);
          return { vars, lo: sum - slack[k], hi: sum - slack[k] + 4 };
        });
        // GLPK leaves a variable in no row undefined: give each such one a wide row of its own.
        for (let i = 0; i < n; i++)
          if (!sums.some((vars) => vars.includes(i))) constraints.push({ vars: [i], lo: 1, hi: 1_000_000 });
        const ours = new LinearBounds(n, constraints).bounds(target);
        const lo = glpkBound(n, constraints, target, 'min');
        const hi = glpkBound(n, constraints, target, 'max');
        expect(ours).toEqual({
          lo: Math.ceil(lo - 1e-6),
          hi: hi === Infinity ? Infinity : Math.floor(hi + 1e-6),
        });
      }),
      { numRuns: 1000, seed: 20261202 },
    );
  });
});

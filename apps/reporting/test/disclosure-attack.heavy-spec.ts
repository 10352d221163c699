// Time budget: under 2 minutes on a 2-core machine with its fixed seed and 1,000 random regions (about 30 s
// measured alone). `npm run attack-report -- --runs=N [--seed=S]` runs it longer (ATTACK_RUNS, ATTACK_SEED).
import fc from 'fast-check';
import {
  attack,
  downloads,
  primaryOnly,
  releaseYear,
  type AttackResult,
  type RegionCase,
} from './attack/intruder.util';

const RUNS = Number(process.env.ATTACK_RUNS ?? 1000);
const SEED = Number(process.env.ATTACK_SEED ?? 20261202);
const BUDGET_MS = Math.max(120_000, RUNS * 400);

/** A region of 1 to 5 LEROs over a year with activity in up to four months and three categories. */
const regions: fc.Arbitrary<RegionCase> = fc
  .record({
    suppressBelow: fc.constantFrom(8, 8, 8, 10),
    months: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 4 }),
    leros: fc.array(
      fc.record({
        hidden: fc.boolean(),
        activity: fc.array(
          fc.record({
            category: fc.integer({ min: 0, max: 2 }),
            slot: fc.nat({ max: 3 }),
            value: fc.oneof(
              fc.integer({ min: 1, max: 7 }),
              fc.integer({ min: 8, max: 25 }),
              fc.integer({ min: 26, max: 70 }),
              fc.constant(0),
            ),
          }),
          { maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map((r) => ({
    suppressBelow: r.suppressBelow,
    leros: r.leros.map((l) => ({
      hidden: l.hidden,
      activity: l.activity.map((a) => ({
        category: a.category,
        month: r.months[a.slot % r.months.length],
        value: a.value,
      })),
    })),
  }));

// The two examples, in March: walking is category 2, music stands in as category 1.
const singleContributorCategories: RegionCase = {
  suppressBelow: 8,
  leros: [
    { hidden: false, activity: [{ category: 2, month: 2, value: 40 }] },
    { hidden: true, activity: [{ category: 1, month: 2, value: 42 }] },
  ],
};
const idleHiddenLero: RegionCase = {
  suppressBelow: 8,
  leros: [
    { hidden: false, activity: [{ category: 2, month: 2, value: 40 }] },
    { hidden: true, activity: [{ category: 2, month: 2, value: 42 }] },
    { hidden: true, activity: [] },
  ],
};

async function attackOf(region: RegionCase, control?: typeof primaryOnly): Promise<AttackResult> {
  return attack(region, downloads(await releaseYear(region, control)));
}

describe('an intruder with every download of a year, one LERO’s own figures and the public programmes', () => {
  it(
    'pins nothing: no figure of a LERO shown only in the total, and no suppressed cell',
    async () => {
      const started = Date.now();
      let tried = 0;
      const pinned: (AttackResult['pinned'][number] & { region: RegionCase })[] = [];
      let baselinePinned = 0;
      for (const example of [singleContributorCategories, idleHiddenLero]) {
        const r = await attackOf(example);
        tried += r.tried;
        pinned.push(...r.pinned.map((p) => ({ ...p, region: example })));
        // Primary suppression alone gives the hidden LERO away in both.
        expect((await attackOf(example, primaryOnly)).pinned).toEqual(
          expect.arrayContaining([expect.objectContaining({ what: 'hidden LERO 1, 2025-03', truth: 42 })]),
        );
      }
      const samples = fc.sample(regions, { numRuns: RUNS, seed: SEED });
      for (const [i, region] of samples.entries()) {
        const r = await attackOf(region);
        tried += r.tried;
        pinned.push(...r.pinned.map((p) => ({ ...p, region })));
        if (i % 4 === 0) baselinePinned += (await attackOf(region, primaryOnly)).pinned.length;
      }
      console.log(
        `Disclosure attack (seed ${SEED}, ${RUNS} random regions + 2 examples): tried to pin ${tried} hidden ` +
          `values, pinned ${pinned.length}; against primary suppression alone (every 4th region) pinned ` +
          `${baselinePinned}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(pinned.slice(0, 3)).toEqual([]);
      expect(baselinePinned).toBeGreaterThan(0);
    },
    BUDGET_MS,
  );
});

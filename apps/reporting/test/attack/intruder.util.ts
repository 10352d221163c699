import { parse } from 'csv-parse/sync';
import {
  ACTIVITY_CATEGORIES,
  REPORT_METRICS,
  ROUND_TO,
  type RegionImpactReport,
  type ReportBreakdown,
  type ReportCell,
  type ReportPeriod,
} from '@hearth/contracts';
import { impactReportCsv } from '../../../gateway/src';
import { roundToNearest } from '../../src/disclosure/disclosure-control';
import type { LeroEntry, PeriodFigures } from '../../src/impact/figures.repository';
import type { Controller, PublishedPeriod } from '../../src/impact/period-report.builder';
import { releasedPeriods } from '../../src/impact/region-report.util';
import { releaseDue, releaseOrder, type YearSpan } from '../../src/impact/year-release.util';
import { LinearBounds, type SumConstraint } from './linear-bounds.util';

/** A made-up region for one year: LEROs, whether each is shown, and its attendances by category and month. */
export interface RegionCase {
  suppressBelow: number;
  leros: { hidden: boolean; activity: { category: number; month: number; value: number }[] }[];
}

const YEAR = 2025;
const GRACE_DAYS = 7;
const METRIC = 'attendances';

/** Hidden LEROs' figures and suppressed cells the attacker tried to pin, and those it pinned. */
export interface AttackResult {
  tried: number;
  pinned: { what: string; insider: string; truth: number; lo: number; hi: number }[];
}

interface Leaf {
  lero: number;
  category: number;
  month: number;
  value: number;
}

const leroId = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
const monthsOf = (label: string): number[] => {
  if (/^\d{4}$/.test(label)) return Array.from({ length: 12 }, (_, m) => m);
  const q = /-Q(\d)$/.exec(label);
  if (q) return [0, 1, 2].map((i) => (Number(q[1]) - 1) * 3 + i);
  return [Number(label.slice(5, 7)) - 1];
};

/** Every LERO's figures of each period of the year, summed from its months as the projections would. */
function figuresOf(region: RegionCase, label: string): (PeriodFigures | undefined)[] {
  const months = new Set(monthsOf(label));
  return region.leros.map((l) => {
    const total = new Map<string, number>();
    const byCategory = new Map<string, Map<string, number>>();
    for (const a of l.activity) {
      if (!months.has(a.month) || a.value === 0) continue;
      const c = ACTIVITY_CATEGORIES[a.category];
      const cat = byCategory.get(c) ?? new Map<string, number>();
      cat.set(METRIC, (cat.get(METRIC) ?? 0) + a.value);
      cat.set('sessionsHeld', (cat.get('sessionsHeld') ?? 0) + 1);
      byCategory.set(c, cat);
      total.set(METRIC, (total.get(METRIC) ?? 0) + a.value);
      total.set('sessionsHeld', (total.get('sessionsHeld') ?? 0) + 1);
    }
    return total.size ? { total, byCategory } : undefined;
  });
}

/** Releases the whole year as the sweep does, with `control` deciding what is published. */
export async function releaseYear(
  region: RegionCase,
  control?: Controller,
): Promise<Map<string, PublishedPeriod>> {
  const leros: LeroEntry[] = region.leros.map((l, i) => ({
    id: leroId(i),
    regionId: 'r',
    name: `LERO ${i}`,
    visibility: l.hidden ? 'regional-total-only' : 'per-lero',
    status: 'active',
    onboardedAt: new Date(Date.UTC(YEAR, 0, 1)),
    archivedAt: null,
  }));
  const frozen = new Map<string, PublishedPeriod>();
  await releaseDue(
    releaseOrder(YEAR),
    { leros, figuresOf: (label) => figuresOf(region, label) },
    frozen,
    { suppressBelow: region.suppressBelow, roundTo: ROUND_TO },
    (span) => span.end,
    async (_span: YearSpan, published) => JSON.parse(JSON.stringify(published)) as PublishedPeriod,
    control,
  );
  return frozen;
}

/**
 * Everything a commissioner can download for the year: months, quarters and the year, by LERO and by
 * category, as JSON and as CSV. The CSV must say exactly what the JSON says (no format shows more).
 */
export function downloads(frozen: Map<string, PublishedPeriod>): RegionImpactReport[] {
  const out: RegionImpactReport[] = [];
  for (const period of ['month', 'quarter', 'year'] as ReportPeriod[]) {
    const spans = releaseOrder(YEAR).filter((s) => s.period === period);
    for (const by of ['lero', 'category'] as ReportBreakdown[]) {
      const report: RegionImpactReport = {
        regionId: 'r',
        period,
        by,
        disclosureControl: { suppressBelow: 8, roundTo: ROUND_TO },
        metrics: [...REPORT_METRICS],
        ...releasedPeriods(spans, frozen, by, new Set(), GRACE_DAYS),
      };
      const csv = parse(impactReportCsv(report), { columns: true }) as Record<string, string>[];
      const expected = [
        ...report.rows.map((r) => r.values[METRIC]),
        ...Object.values(report.totals).map((t) => t.values[METRIC]),
      ].map((c) => (c === undefined ? '' : 'suppressed' in c ? '*' : String(c.value)));
      const got = csv.map((line) => line[METRIC]);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        throw new Error(`The CSV says other than the JSON: ${JSON.stringify({ got, expected })}`);
      out.push(report);
    }
  }
  return out;
}

interface Cell {
  key: string;
  leaves: number[];
  shown: ReportCell;
}

/** The cells of the downloads, each as the set of (LERO, category, month) figures it sums. */
function cellsOf(reports: RegionImpactReport[], leaves: Leaf[], region: RegionCase): Cell[] {
  const byKey = new Map<string, Cell>();
  const add = (key: string, shown: ReportCell | undefined, match: (l: Leaf) => boolean) => {
    if (!shown || byKey.has(key)) return;
    byKey.set(key, { key, shown, leaves: leaves.flatMap((l, i) => (match(l) ? [i] : [])) });
  };
  for (const r of reports) {
    for (const row of r.rows) {
      const months = new Set(monthsOf(row.period));
      if (row.lero) {
        const lero = region.leros.findIndex((_, i) => leroId(i) === row.lero!.id);
        add(`LERO ${lero} ${row.period}`, row.values[METRIC], (l) => l.lero === lero && months.has(l.month));
      } else {
        const category = (ACTIVITY_CATEGORIES as readonly string[]).indexOf(row.category!);
        add(
          `${row.category} ${row.period}`,
          row.values[METRIC],
          (l) => l.category === category && months.has(l.month),
        );
      }
    }
    for (const [period, t] of Object.entries(r.totals)) {
      const months = new Set(monthsOf(period));
      add(`total ${period}`, t.values[METRIC], (l) => months.has(l.month));
    }
  }
  return [...byKey.values()];
}

/**
 * The attacker: from every download, one LERO's own exact figures (each LERO in turn, and none) and the
 * public programmes (which LEROs ran what in which month: a zero is known, anything else is at least 1),
 * bounds by linear programming every figure of a LERO shown only in the total (its total and each category,
 * for every period) and every suppressed cell. Pinned: narrowed into 1 to threshold−1, or, for a larger
 * value, to five whole numbers or fewer (a midpoint within ±2 of the truth: what a published figure says).
 */
export function attack(region: RegionCase, reports: RegionImpactReport[]): AttackResult {
  const leaves: Leaf[] = [];
  region.leros.forEach((l, lero) => {
    const sums = new Map<string, Leaf>();
    for (const a of l.activity) {
      if (a.value === 0) continue;
      const key = `${a.category}/${a.month}`;
      const leaf = sums.get(key) ?? { lero, category: a.category, month: a.month, value: 0 };
      leaf.value += a.value;
      sums.set(key, leaf);
    }
    leaves.push(...sums.values());
  });
  const cells = cellsOf(reports, leaves, region);
  for (const c of cells)
    if ('value' in c.shown) {
      const truth = c.leaves.reduce((s, i) => s + leaves[i].value, 0);
      if (c.shown.value !== roundToNearest(truth, ROUND_TO) || (truth > 0 && truth < region.suppressBelow))
        throw new Error(`${c.key} is published as ${c.shown.value} for ${truth}`);
    }
  const result: AttackResult = { tried: 0, pinned: [] };
  const periods = releaseOrder(YEAR).map((s) => s.label);
  for (const insider of [-1, ...region.leros.keys()]) {
    const unknown = leaves.flatMap((l, i) => (l.lero === insider ? [] : [i]));
    const index = new Map(unknown.map((leaf, v) => [leaf, v]));
    const known = (ids: number[]) =>
      ids.filter((i) => !index.has(i)).reduce((s, i) => s + leaves[i].value, 0);
    const constraints: SumConstraint[] = [];
    for (const c of cells) {
      if (!('value' in c.shown) || c.shown.value === 0) continue;
      const vars = c.leaves.filter((i) => index.has(i)).map((i) => index.get(i)!);
      if (vars.length === 0) continue;
      const rest = known(c.leaves);
      constraints.push({ vars, lo: c.shown.value - 2 - rest, hi: c.shown.value + 2 - rest });
    }
    const lp = new LinearBounds(unknown.length, constraints);
    const targets = new Map<string, { what: string; leaves: number[] }>();
    const target = (what: string, ids: number[]) => {
      const own = ids.filter((i) => index.has(i));
      // The same figures named twice (a LERO's only category, a quarter of one active month) are tried once.
      if (own.length > 0 && !targets.has(own.join(','))) targets.set(own.join(','), { what, leaves: own });
    };
    region.leros.forEach((l, lero) => {
      if (!l.hidden || lero === insider) return;
      for (const p of periods) {
        const months = new Set(monthsOf(p));
        const mine = leaves.flatMap((leaf, i) => (leaf.lero === lero && months.has(leaf.month) ? [i] : []));
        target(`hidden LERO ${lero}, ${p}`, mine);
        for (const c of new Set(mine.map((i) => leaves[i].category)))
          target(
            `hidden LERO ${lero}, ${ACTIVITY_CATEGORIES[c]}, ${p}`,
            mine.filter((i) => leaves[i].category === c),
          );
      }
    });
    // A larger suppressed cell that holds, besides the reader's own part, only what published cells hold (a
    // total of months shown) or what LEROs shown on their own publish in their rows (a LERO's only category
    // beside its row; a year minus a quarter) tells the reader nothing new. Small ones are always targets.
    const shown = cells.filter((c) => 'value' in c.shown);
    const rows = shown.filter((c) => c.key.startsWith('LERO '));
    const shownParts = shown.map((c) => c.leaves.filter((i) => index.has(i))).filter((ids) => ids.length > 0);
    for (const c of cells) {
      if (!('suppressed' in c.shown)) continue;
      const own = c.leaves.filter((i) => index.has(i));
      const truth = own.reduce((s, i) => s + leaves[i].value, 0);
      // Or, holding two LEROs or more, a sum the published cells give (each LERO in it is a target of its own).
      const aggregate =
        new Set(own.map((i) => leaves[i].lero)).size >= 2 && inSpan(own, shownParts, index.size, index);
      const told = partitionedBy(own, shownParts) || fromRows(own, leaves, rows) || aggregate;
      if (truth < region.suppressBelow || !told) target(`suppressed ${c.key}`, c.leaves);
    }
    for (const t of targets.values()) {
      const truth = t.leaves.reduce((s, i) => s + leaves[i].value, 0);
      const { lo, hi } = lp.bounds(t.leaves.map((i) => index.get(i)!));
      if (lo > truth || hi < truth) throw new Error(`${t.what}: ${truth} outside [${lo}, ${hi}]`);
      result.tried++;
      const small = truth < region.suppressBelow;
      if (small ? hi < region.suppressBelow : hi - lo <= 4)
        result.pinned.push({
          what: t.what,
          insider: insider < 0 ? 'none' : `LERO ${insider}`,
          truth,
          lo,
          hi,
        });
    }
  }
  return result;
}

/** Whether `set` is a disjoint union of some of `parts` (exact cover, by depth-first search). */
function partitionedBy(set: number[], parts: number[][]): boolean {
  const inSet = new Set(set);
  const usable = parts.filter((p) => p.every((i) => inSet.has(i)));
  const cover = (left: Set<number>): boolean => {
    if (left.size === 0) return true;
    const first = Math.min(...left);
    return usable.some(
      (p) =>
        p.includes(first) &&
        p.every((i) => left.has(i)) &&
        cover(new Set([...left].filter((i) => !p.includes(i)))),
    );
  };
  return set.length > 0 && cover(inSet);
}

/** Whether the figures `set` sums are, LERO by LERO, a linear combination of that LERO's published rows. */
function fromRows(set: number[], leaves: Leaf[], rows: Cell[]): boolean {
  if (set.length === 0) return false;
  for (const lero of new Set(set.map((i) => leaves[i].lero))) {
    const mine = leaves.flatMap((l, i) => (l.lero === lero ? [i] : []));
    const vector = (ids: number[]) => mine.map((i) => (ids.includes(i) ? 1 : 0));
    const basis = rows.map((r) => vector(r.leaves)).filter((v) => v.some((x) => x !== 0));
    if (rank([...basis, vector(set)]) !== rank(basis)) return false;
  }
  return true;
}

/** Whether the figures `set` sums are a linear combination of the published cells' (for this reader). */
function inSpan(set: number[], parts: number[][], size: number, index: Map<number, number>): boolean {
  const vector = (ids: number[]) => {
    const v = new Array<number>(size).fill(0);
    for (const i of ids) v[index.get(i)!] += 1;
    return v;
  };
  const basis = parts.map(vector);
  return rank([...basis, vector(set)]) === rank(basis);
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
      const f = m[i][c] / m[r][c];
      for (let k = c; k < m[i].length; k++) m[i][k] -= f * m[r][k];
    }
    r++;
  }
  return r;
}

/** Primary suppression alone, for the attacker to prove itself on: small counts hidden, nothing else. */
export const primaryOnly: Controller = (table, rules) =>
  new Map(
    [...table.cells].map(([id, c]): [string, ReportCell] => [
      id,
      c.frozen ??
        (c.value >= 1 && c.value < rules.suppressBelow
          ? { suppressed: true }
          : { value: roundToNearest(c.value, rules.roundTo) }),
    ]),
  );

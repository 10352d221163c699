import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_METRICS,
  REPORT_METRICS,
  SIGNPOST_CATEGORIES,
  SIGNPOST_CATEGORY_METRICS,
  metricsOfCategory,
  type PeriodCompleteness,
  type ReportCell,
  type ReportMetric,
  type ReportValues,
} from '@hearth/contracts';
import {
  controlTable,
  type ControlCell,
  type ControlTable,
  type ControlLine,
  type DisclosureRules,
  type Parts,
} from '../disclosure/disclosure-control';
import type { LeroEntry, PeriodFigures } from './figures.repository';
import { controlAndAudit } from './release-audit.util';

/**
 * Metrics that are also counted by category (the others exist only per LERO and in total): by type of activity,
 * and signposts by what people were signposted to. Each category counts only its own kind's metrics.
 */
export const CATEGORY_METRICS: readonly ReportMetric[] = [
  ...ACTIVITY_CATEGORY_METRICS,
  ...SIGNPOST_CATEGORY_METRICS,
];

/** What decides which cells are published: disclosure control (the attacker test swaps in weaker ones). */
export type Controller = (table: ControlTable, rules: DisclosureRules) => Map<string, ReportCell>;

/** One released period of a region as published: what commissioners see, frozen once released. */
export interface PublishedPeriod {
  label: string;
  suppressBelow: number;
  releasedAt: string | null;
  leros: { lero: { id: string; name: string }; values: ReportValues }[];
  categories: { category: string; values: ReportValues }[];
  totals: ReportValues;
  /** How many of the region's LEROs recorded sessions (absent from periods frozen before it existed). */
  completeness?: PeriodCompleteness;
}

export interface LeroInPeriod {
  entry: LeroEntry;
  figures: PeriodFigures | undefined;
}

/** A period of the same year already released: its LEROs' figures now, and what was published then. */
export interface FrozenPeriod {
  label: string;
  leros: LeroInPeriod[];
  /** Absent when it was never published: every figure of it is then unknown to a reader. */
  published?: PublishedPeriod;
}

export interface ReleaseInput {
  label: string;
  leros: LeroInPeriod[];
  /** The released periods inside this one (a quarter's months; a year's quarters and months). */
  within: FrozenPeriod[];
  /** Which of `within` add up to this period: `[[months]]` for a quarter, `[[quarters], [months]]` for a year. */
  groups: string[][];
}

const rowOf = (id: string, m: string, p: string) => `L|${id}|${m}|${p}`;
const catOf = (c: string, m: string, p: string) => `C|${c}|${m}|${p}`;
const totalOf = (m: string, p: string) => `T|${m}|${p}`;

const isShown = (l: LeroInPeriod) => l.entry.visibility === 'per-lero';
const totalFigure = (l: LeroInPeriod, m: string) => l.figures?.total.get(m) ?? 0;
const categoryFigure = (l: LeroInPeriod, c: string, m: string) => l.figures?.byCategory.get(c)?.get(m) ?? 0;

function partsOf(leros: LeroInPeriod[], value: (l: LeroInPeriod) => number): Map<string, number> {
  const parts = new Map<string, number>();
  for (const l of leros) {
    const v = value(l);
    if (v !== 0) parts.set(l.entry.id, v);
  }
  return parts;
}

const sum = (parts: Parts) => [...parts.values()].reduce((a, b) => a + b, 0);

/** What a reader holds of a cell of a released period; anything never published is unknown to them. */
const frozenCell = (value: number, published: ReportCell | undefined): ReportCell =>
  published ?? (value === 0 ? { value: 0 } : { suppressed: true });

/**
 * The categories a set of periods speaks of: every type of activity, then the signpost categories found in
 * figures or reports (in Hearth's order: there are many, and most periods have few), then any other found.
 */
function categoriesOf(input: ReleaseInput): string[] {
  const extra = new Set<string>();
  for (const period of [{ leros: input.leros }, ...input.within]) {
    for (const l of period.leros) for (const c of l.figures?.byCategory.keys() ?? []) extra.add(c);
  }
  for (const w of input.within) for (const c of w.published?.categories ?? []) extra.add(c.category);
  const known: readonly string[] = ACTIVITY_CATEGORIES;
  return [
    ...known,
    ...SIGNPOST_CATEGORIES.filter((c) => extra.has(c)),
    ...[...extra].filter((c) => !known.includes(c) && !SIGNPOST_CATEGORIES.includes(c)).sort(),
  ];
}

/** The categories counting metric `m`: the types of activity for theirs, the signpost categories for signposts. */
const categoriesCounting = (categories: string[], m: ReportMetric) =>
  categories.filter((c) => metricsOfCategory(c).includes(m));

/**
 * One period released: both breakdowns and the regional totals controlled together (they share the
 * totals), and controlled beside every period of the same year already released (a quarter's months; a
 * year's quarters and months), whose published figures are fixed, so that no cell hidden in one can be
 * worked out from another. Totals sum the exact figures of every LERO, including those shown only in them.
 */
export function publishRelease(
  input: ReleaseInput,
  rules: DisclosureRules,
  control: Controller = controlTable,
): Omit<PublishedPeriod, 'releasedAt'> {
  const p = input.label;
  const cells = new Map<string, ControlCell>();
  const lines: ControlLine[] = [];
  const shown = input.leros.filter(isShown);
  const shownIds = new Set(shown.map((l) => l.entry.id));
  const hidden = new Set<string>();
  for (const period of [{ leros: input.leros }, ...input.within])
    for (const l of period.leros) if (!isShown(l)) hidden.add(l.entry.id);
  const categories = categoriesOf(input);
  const cell = (
    parts: Map<string, number>,
    kind: ControlCell['kind'],
    frozen?: ReportCell,
    exposed?: ReadonlyMap<string, string>,
  ): ControlCell => ({
    value: sum(parts),
    parts,
    kind,
    ...(frozen ? { frozen } : {}),
    ...(exposed?.size ? { exposed } : {}),
  });
  // A LERO shown on its own that ran one category in a period: its row says what it gave that category.
  const exposedIn = (leros: LeroInPeriod[], m: string, period: string) =>
    new Map(
      leros
        .filter(
          (l) =>
            shownIds.has(l.entry.id) &&
            [...(l.figures?.byCategory.values() ?? [])].filter((f) => (f.get(m) ?? 0) > 0).length === 1,
        )
        .map((l) => [l.entry.id, rowOf(l.entry.id, m, period)]),
    );

  for (const m of REPORT_METRICS) {
    cells.set(
      totalOf(m, p),
      cell(
        partsOf(input.leros, (l) => totalFigure(l, m)),
        'sum',
      ),
    );
    for (const l of shown)
      cells.set(
        rowOf(l.entry.id, m, p),
        cell(
          partsOf([l], (x) => totalFigure(x, m)),
          'one',
        ),
      );
    lines.push({
      total: totalOf(m, p),
      members: shown.map((l) => rowOf(l.entry.id, m, p)),
      hidden: partsOf(
        input.leros.filter((l) => !isShown(l)),
        (l) => totalFigure(l, m),
      ),
    });
    const byCategory = CATEGORY_METRICS.includes(m);
    const counting = categoriesCounting(categories, m);
    if (byCategory) {
      const exposed = exposedIn(input.leros, m, p);
      for (const c of counting)
        cells.set(
          catOf(c, m, p),
          cell(
            partsOf(input.leros, (l) => categoryFigure(l, c, m)),
            'sum',
            undefined,
            exposed,
          ),
        );
      lines.push({ total: totalOf(m, p), members: counting.map((c) => catOf(c, m, p)) });
    }

    // The same figures in the released periods inside this one, as they were published.
    for (const w of input.within) {
      const published = w.published;
      const totalParts = partsOf(w.leros, (l) => totalFigure(l, m));
      cells.set(
        totalOf(m, w.label),
        cell(totalParts, 'sum', frozenCell(sum(totalParts), published?.totals[m])),
      );
      for (const id of shownIds) {
        const parts = partsOf(
          w.leros.filter((l) => l.entry.id === id),
          (l) => totalFigure(l, m),
        );
        const row = published?.leros.find((r) => r.lero.id === id)?.values[m];
        cells.set(rowOf(id, m, w.label), cell(parts, 'one', frozenCell(sum(parts), row)));
      }
      if (byCategory) {
        const exposed = exposedIn(w.leros, m, w.label);
        for (const c of counting) {
          const parts = partsOf(w.leros, (l) => categoryFigure(l, c, m));
          const shownCell = published?.categories.find((x) => x.category === c)?.values[m];
          cells.set(catOf(c, m, w.label), cell(parts, 'sum', frozenCell(sum(parts), shownCell), exposed));
        }
      }
    }
    // This period is the sum of each group of released periods inside it, figure by figure.
    const keys: ((q: string) => string)[] = [
      (q) => totalOf(m, q),
      ...[...shownIds].map((id) => (q: string) => rowOf(id, m, q)),
      ...(byCategory ? counting.map((c) => (q: string) => catOf(c, m, q)) : []),
    ];
    for (const group of input.groups)
      for (const key of keys) lines.push({ total: key(p), members: group.map(key) });
  }

  // Primary suppression alone (the attacker test's baseline) gets no audit.
  const controlled =
    control === controlTable
      ? controlAndAudit({ cells, lines, hidden }, input, CATEGORY_METRICS, rules, control)
      : control({ cells, lines, hidden }, rules);
  const values = (metrics: readonly ReportMetric[], id: (m: string) => string): ReportValues =>
    Object.fromEntries(metrics.map((m) => [m, controlled.get(id(m))!]));
  return {
    label: p,
    suppressBelow: rules.suppressBelow,
    leros: shown.map((l) => ({
      lero: { id: l.entry.id, name: l.entry.name },
      values: values(REPORT_METRICS, (m) => rowOf(l.entry.id, m, p)),
    })),
    categories: categories.map((c) => ({
      category: c,
      values: values(metricsOfCategory(c), (m) => catOf(c, m, p)),
    })),
    totals: values(REPORT_METRICS, (m) => totalOf(m, p)),
    completeness: {
      leros: input.leros.length,
      recorded: input.leros.filter((l) => totalFigure(l, 'sessionsHeld') > 0).length,
    },
  };
}

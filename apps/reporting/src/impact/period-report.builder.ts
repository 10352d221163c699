import { ACTIVITY_CATEGORIES, REPORT_METRICS, type ReportMetric, type ReportValues } from '@hearth/contracts';
import { controlTable, type ControlLine, type DisclosureRules } from '../disclosure/disclosure-control';
import type { LeroEntry, PeriodFigures } from './figures.repository';

/** Metrics that are also counted by activity category (the others exist only per LERO and in total). */
export const CATEGORY_METRICS: readonly ReportMetric[] = [
  'sessionsHeld',
  'attendances',
  'uniqueParticipants',
  'walkIns',
];

/** One period of a region as published: what commissioners see, and what is frozen once released. */
export interface PublishedPeriod {
  label: string;
  suppressBelow: number;
  releasedAt: string | null;
  leros: { lero: { id: string; name: string }; values: ReportValues }[];
  categories: { category: string; values: ReportValues }[];
  totals: ReportValues;
}

export interface LeroInPeriod {
  entry: LeroEntry;
  figures: PeriodFigures | undefined;
}

const lineOf = (id: string, m: string) => `L|${id}|${m}`;
const catOf = (c: string, m: string) => `C|${c}|${m}`;
const totalOf = (m: string) => `T|${m}`;

/**
 * Both breakdowns of one period controlled together, so the regional totals they share are published (or
 * suppressed) the same way in each and neither report lets the other give a hidden cell back. Totals are
 * sums of the unrounded figures of every LERO, including those shown only in the regional total.
 */
export function publishPeriod(
  label: string,
  leros: LeroInPeriod[],
  rules: DisclosureRules,
): Omit<PublishedPeriod, 'releasedAt'> {
  const cells = new Map<string, number>();
  const lines: ControlLine[] = [];
  const visible = leros.filter((l) => l.entry.visibility === 'per-lero');
  const hidden = leros.filter((l) => l.entry.visibility !== 'per-lero');
  const extra = new Set<string>();
  for (const l of leros) for (const c of l.figures?.byCategory.keys() ?? []) extra.add(c);
  const categories = [
    ...ACTIVITY_CATEGORIES,
    ...[...extra].filter((c) => !(ACTIVITY_CATEGORIES as readonly string[]).includes(c)).sort(),
  ];
  const of = (l: LeroInPeriod, m: string) => l.figures?.total.get(m) ?? 0;
  for (const m of REPORT_METRICS) {
    cells.set(
      totalOf(m),
      leros.reduce((sum, l) => sum + of(l, m), 0),
    );
    for (const l of visible) cells.set(lineOf(l.entry.id, m), of(l, m));
    lines.push({
      total: totalOf(m),
      members: visible.map((l) => lineOf(l.entry.id, m)),
      ...(hidden.length > 0
        ? { hidden: { parts: hidden.length, value: hidden.reduce((sum, l) => sum + of(l, m), 0) } }
        : {}),
    });
    if (!CATEGORY_METRICS.includes(m)) continue;
    for (const c of categories)
      cells.set(
        catOf(c, m),
        leros.reduce((sum, l) => sum + (l.figures?.byCategory.get(c)?.get(m) ?? 0), 0),
      );
    lines.push({ total: totalOf(m), members: categories.map((c) => catOf(c, m)) });
  }
  const controlled = controlTable({ cells, lines }, rules);
  const values = (metrics: readonly ReportMetric[], id: (m: string) => string): ReportValues =>
    Object.fromEntries(metrics.map((m) => [m, controlled.get(id(m))!]));
  return {
    label,
    suppressBelow: rules.suppressBelow,
    leros: visible.map((l) => ({
      lero: { id: l.entry.id, name: l.entry.name },
      values: values(REPORT_METRICS, (m) => lineOf(l.entry.id, m)),
    })),
    categories: categories.map((c) => ({
      category: c,
      values: values(CATEGORY_METRICS, (m) => catOf(c, m)),
    })),
    totals: values(REPORT_METRICS, totalOf),
  };
}

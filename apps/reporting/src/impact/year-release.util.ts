import type { ReportPeriod } from '@hearth/contracts';
import type { DisclosureRules } from '../disclosure/disclosure-control';
import { labelOf, type PeriodSpan } from '../periods/report-period.util';
import type { LeroEntry, PeriodFigures } from './figures.repository';
import {
  publishRelease,
  type Controller,
  type FrozenPeriod,
  type LeroInPeriod,
  type PublishedPeriod,
} from './period-report.builder';

const pad = (n: number) => String(n).padStart(2, '0');
const firstDay = (year: number, month0: number) =>
  month0 >= 12 ? `${year + 1}-01-01` : `${year}-${pad(month0 + 1)}-01`;

export interface YearSpan extends PeriodSpan {
  period: ReportPeriod;
}

const spanOf = (year: number, period: ReportPeriod, month0: number): YearSpan => {
  const size = period === 'year' ? 12 : period === 'quarter' ? 3 : 1;
  return {
    period,
    label: labelOf(period, year * 12 + month0),
    start: firstDay(year, month0),
    end: firstDay(year, month0 + size),
  };
};

/**
 * Every period of a calendar year in the order they are released: each month, a quarter right after its
 * last month, the year last. A period is always controlled after every period inside it.
 */
export function releaseOrder(year: number): YearSpan[] {
  const out: YearSpan[] = [];
  for (let m = 0; m < 12; m++) {
    out.push(spanOf(year, 'month', m));
    if (m % 3 === 2) out.push(spanOf(year, 'quarter', m - 2));
  }
  out.push(spanOf(year, 'year', 0));
  return out;
}

/** The released periods a period adds up from: a quarter's three months; a year's quarters, and its months. */
export function groupsOf(span: YearSpan): YearSpan[][] {
  const year = Number(span.start.slice(0, 4));
  const month0 = Number(span.start.slice(5, 7)) - 1;
  if (span.period === 'quarter') return [[0, 1, 2].map((i) => spanOf(year, 'month', month0 + i))];
  if (span.period === 'year')
    return [
      [0, 3, 6, 9].map((m) => spanOf(year, 'quarter', m)),
      Array.from({ length: 12 }, (_, m) => spanOf(year, 'month', m)),
    ];
  return [];
}

/** A region's LEROs counted in a period: those with figures in it, and those in the region during it. */
export function lerosInPeriod(
  leros: { entry: LeroEntry; figures: PeriodFigures | undefined }[],
  span: PeriodSpan,
): LeroInPeriod[] {
  const start = Date.parse(`${span.start}T00:00:00Z`);
  const end = Date.parse(`${span.end}T00:00:00Z`);
  return leros.filter(
    ({ entry, figures }) =>
      hasFigures(figures) ||
      (entry.onboardedAt.getTime() < end && (!entry.archivedAt || entry.archivedAt.getTime() >= start)),
  );
}

const hasFigures = (f: PeriodFigures | undefined) => !!f && [...f.total.values()].some((v) => v !== 0);

export interface YearOfFigures {
  leros: LeroEntry[];
  /** Each LERO's figures (in `leros` order) of a period, by the period's label. */
  figuresOf(label: string): (PeriodFigures | undefined)[];
}

/**
 * Releases `due` (periods of one year, in release order) one after another, each controlled beside every
 * period of the year already frozen, including those frozen moments before. `freeze` stores a release and
 * answers what was stored (another replica may have frozen it first: its copy is what counts from then on).
 */
export async function releaseDue(
  due: YearSpan[],
  year: YearOfFigures,
  frozen: Map<string, PublishedPeriod>,
  rules: DisclosureRules,
  releasedAt: (span: YearSpan) => string,
  freeze: (span: YearSpan, published: PublishedPeriod) => Promise<PublishedPeriod>,
  control?: Controller,
): Promise<void> {
  const inPeriod = (span: PeriodSpan) =>
    lerosInPeriod(
      year.leros.map((entry, i) => ({ entry, figures: year.figuresOf(span.label)[i] })),
      span,
    );
  for (const span of due) {
    const groups = groupsOf(span);
    const within: FrozenPeriod[] = [...new Map(groups.flat().map((s) => [s.label, s])).values()].map((s) => ({
      label: s.label,
      leros: inPeriod(s),
      ...(frozen.has(s.label) ? { published: frozen.get(s.label) } : {}),
    }));
    const published: PublishedPeriod = {
      ...publishRelease(
        {
          label: span.label,
          leros: inPeriod(span),
          within,
          groups: groups.map((g) => g.map((s) => s.label)),
        },
        rules,
        control,
      ),
      releasedAt: releasedAt(span),
    };
    frozen.set(span.label, await freeze(span, published));
  }
}

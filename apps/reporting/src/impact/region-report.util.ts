import type {
  ImpactTotals,
  PendingPeriod,
  RegionImpactRow,
  ReleasedPeriods,
  ReportBreakdown,
} from '@hearth/contracts';
import { releaseMoment, type PeriodSpan } from '../periods/report-period.util';
import type { PublishedPeriod } from './period-report.builder';

/**
 * What a commissioner reads of the periods asked for: the released ones, exactly as they were frozen (JSON,
 * CSV and chart are all cut from this), and the others as pending with the moment their figures are due.
 * Nothing is computed here: figures exist only once the release sweep has frozen them.
 */
export function releasedPeriods(
  spans: PeriodSpan[],
  stored: ReadonlyMap<string, PublishedPeriod>,
  by: ReportBreakdown,
  /** LEROs that chose to appear only in the regional total since: their rows are dropped, even in frozen periods. */
  hiddenNow: ReadonlySet<string>,
  graceDays: number,
): ReleasedPeriods {
  const rows: RegionImpactRow[] = [];
  const totals: Record<string, ImpactTotals> = {};
  const pending: PendingPeriod[] = [];
  for (const span of spans) {
    const published = stored.get(span.label);
    if (!published) {
      pending.push({ period: span.label, releasesAt: releaseMoment(span, graceDays).toISOString() });
      continue;
    }
    const status = 'released' as const;
    if (by === 'lero') {
      for (const { lero, values } of published.leros)
        if (!hiddenNow.has(lero.id)) rows.push({ period: span.label, lero, status, values });
    } else {
      for (const { category, values } of published.categories)
        rows.push({ period: span.label, category, status, values });
    }
    totals[span.label] = {
      status,
      ...(published.releasedAt ? { releasedAt: published.releasedAt } : {}),
      suppressBelow: published.suppressBelow,
      values: published.totals,
      ...(published.completeness ? { completeness: published.completeness } : {}),
    };
  }
  return { from: spans[0].start.slice(0, 7), to: lastMonth(spans[spans.length - 1]), rows, totals, pending };
}

/** `YYYY-MM` of a span's last month. */
function lastMonth(span: PeriodSpan): string {
  const [y, m] = span.end.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The same periods a year earlier. */
export const yearBefore = (spans: PeriodSpan[]): PeriodSpan[] =>
  spans.map((s) => ({
    label: s.label.replace(/^\d{4}/, (y) => String(Number(y) - 1)),
    start: s.start.replace(/^\d{4}/, (y) => String(Number(y) - 1)),
    end: s.end.replace(/^\d{4}/, (y) => String(Number(y) - 1)),
  }));

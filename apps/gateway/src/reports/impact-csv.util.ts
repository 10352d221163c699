import { stringify } from 'csv-stringify/sync';
import type { LeroImpactReport, RegionImpactReport, ReportCell, ReportValues } from '@hearth/contracts';

/** How a suppressed figure is written in CSV. */
export const SUPPRESSED = '*';

const cell = (c: ReportCell | undefined): string =>
  c === undefined ? '' : 'suppressed' in c ? SUPPRESSED : String(c.value);

/**
 * The regional report as CSV for a spreadsheet: a header line naming every column, one line per row, then
 * the regional total of each period. Suppressed figures are `*`; cells a formula could hide in are escaped.
 */
export function impactReportCsv(report: RegionImpactReport): string {
  const label = report.by === 'lero' ? ['leroId', 'lero'] : ['category'];
  const header = ['period', 'status', ...label, ...report.metrics];
  const line = (period: string, status: string, who: string[], values: ReportValues) => [
    period,
    status,
    ...who,
    ...report.metrics.map((m) => cell(values[m])),
  ];
  const rows = report.rows.map((r) =>
    line(r.period, r.status, r.lero ? [r.lero.id, r.lero.name] : [r.category ?? ''], r.values),
  );
  const totals = Object.entries(report.totals).map(([period, t]) =>
    line(period, t.status, report.by === 'lero' ? ['', 'Regional total'] : ['Regional total'], t.values),
  );
  return stringify([header, ...rows, ...totals], { escape_formulas: true, record_delimiter: 'windows' });
}

/**
 * A LERO's own exact figures as CSV (not for publication: the file's name says so): a line per period, or by
 * type of activity a line per category and the LERO's total (`All activities`) of each period. A figure the
 * breakdown does not count (members by category) is empty.
 */
export function leroReportCsv(report: LeroImpactReport): string {
  const byCategory = report.by === 'category';
  const header = ['period', 'status', ...(byCategory ? ['category'] : []), ...report.metrics];
  const line = (period: string, status: string, category: string[], values: ReportValues) => [
    period,
    status,
    ...category,
    ...report.metrics.map((m) => cell(values[m])),
  ];
  const lines = Object.entries(report.totals).flatMap(([period, t]) =>
    byCategory
      ? [
          ...report.rows
            .filter((r) => r.period === period)
            .map((r) => line(period, r.status, [r.category ?? ''], r.values)),
          line(period, t.status, ['All activities'], t.values),
        ]
      : [line(period, t.status, [], t.values)],
  );
  return stringify([header, ...lines], { escape_formulas: true, record_delimiter: 'windows' });
}

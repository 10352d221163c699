import { stringify } from 'csv-stringify/sync';
import type { RegionImpactReport, ReportCell, ReportValues } from '@hearth/contracts';

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

import { REPORT_METRIC_LABELS, reportCategoryName } from '@hearth/contracts';
import type {
  LeroImpactReport,
  PendingPeriod,
  PeriodCompleteness,
  PeriodStatus,
  RegionImpactReport,
  ReleasedPeriods,
  ReportCell,
  ReportMetric,
  ReportValues,
} from '@hearth/contracts';
import { periodName } from './report-query';

/** The metrics as the tables, the chart's alt text and the chart picker name them. */
export const METRIC_NAMES = REPORT_METRIC_LABELS;

/** The header of a breakdown's rows: types of activity, then what people were signposted to. */
export const CATEGORY_ROW_HEADER = 'Type of activity or signposting';

/** How a suppressed figure is shown in a table (the CSV download writes `*`). */
export const SUPPRESSED_MARK = '[c]';

export interface CellView {
  kind: 'value' | 'suppressed' | 'absent';
  text: string;
}

export interface RowView {
  header: string;
  cells: CellView[];
  /** A period row (the LERO's report without a breakdown) says whether that period is final. */
  status?: PeriodStatus;
  total?: boolean;
}

export interface TableView {
  id: string;
  caption: string;
  /** Each period's table says whether its figures are final. */
  status?: PeriodStatus;
  releasedOn?: string;
  /** How complete the period is (a regional report's released period). */
  note?: string;
  rowHeader: string;
  columns: string[];
  rows: RowView[];
}

const numbers = new Intl.NumberFormat('en-GB');

const cellOf = (cell: ReportCell | undefined): CellView =>
  cell === undefined
    ? { kind: 'absent', text: '–' }
    : 'suppressed' in cell
      ? { kind: 'suppressed', text: SUPPRESSED_MARK }
      : { kind: 'value', text: numbers.format(cell.value) };

const cellsOf = (metrics: readonly ReportMetric[], values: ReportValues) =>
  metrics.map((m) => cellOf(values[m]));

const tableId = (label: string) => `period-${label.toLowerCase()}`;

/** Newest first: the period people most often look for is the latest. */
const newestFirst = (labels: string[]) => [...labels].reverse();

/**
 * The regional report as one table per period (newest first): a row per LERO or category, then the regional
 * total. Suppressed figures are marked, figures a breakdown does not count (members by category) are a dash.
 */
export function regionTables(
  report: Pick<RegionImpactReport, 'metrics' | 'by'> & ReleasedPeriods,
  captionSuffix = '',
  idPrefix = '',
): TableView[] {
  const columns = report.metrics.map((m) => METRIC_NAMES[m]);
  return newestFirst(Object.keys(report.totals)).map((label) => {
    const totals = report.totals[label];
    const rows: RowView[] = report.rows
      .filter((r) => r.period === label)
      .map((r) => ({
        header: r.lero?.name ?? reportCategoryName(r.category ?? ''),
        cells: cellsOf(report.metrics, r.values),
      }));
    rows.push({ header: 'Regional total', cells: cellsOf(report.metrics, totals.values), total: true });
    return {
      id: `${idPrefix}${tableId(label)}`,
      caption: `${periodName(label)}${captionSuffix}`,
      status: totals.status,
      releasedOn: totals.releasedAt,
      ...(totals.completeness ? { note: completenessInWords(totals.completeness) } : {}),
      rowHeader: report.by === 'lero' ? 'LERO' : CATEGORY_ROW_HEADER,
      columns,
      rows,
    };
  });
}

/**
 * A LERO's own exact figures: without a breakdown one table with a row per period (newest first); by
 * category one table per period with a row per category and the LERO's total.
 */
export function leroTables(report: LeroImpactReport): TableView[] {
  const columns = report.metrics.map((m) => METRIC_NAMES[m]);
  const labels = newestFirst(Object.keys(report.totals));
  if (report.by !== 'category') {
    return [
      {
        id: 'periods',
        caption: 'Your figures',
        rowHeader: 'Period',
        columns,
        rows: labels.map((label) => ({
          header: periodName(label),
          status: report.totals[label].status,
          cells: cellsOf(report.metrics, report.totals[label].values),
        })),
      },
    ];
  }
  return labels.map((label) => {
    const rows: RowView[] = report.rows
      .filter((r) => r.period === label)
      .map((r) => ({
        header: reportCategoryName(r.category ?? ''),
        cells: cellsOf(report.metrics, r.values),
      }));
    rows.push({
      header: 'All activities',
      cells: cellsOf(report.metrics, report.totals[label].values),
      total: true,
    });
    return {
      id: tableId(label),
      caption: periodName(label),
      status: report.totals[label].status,
      rowHeader: CATEGORY_ROW_HEADER,
      columns,
      rows,
    };
  });
}

/** "3 of the region's 4 LEROs recorded sessions": how complete a released period is. */
export function completenessInWords({ leros, recorded }: PeriodCompleteness): string {
  if (leros === 0) return 'No LERO was in the region in this period.';
  return `${recorded} of the region’s ${leros} ${leros === 1 ? 'LERO' : 'LEROs'} recorded sessions in this period.`;
}

/** Periods asked for without released figures: when each is due, or that none were released. */
export function pendingInWords(pending: PendingPeriod[], now: number): { period: string; text: string }[] {
  return pending.map((p) => ({
    period: periodName(p.period),
    text:
      Date.parse(p.releasesAt) > now
        ? `figures are released on ${dateInWords(p.releasesAt)}, 7 days after it ends`
        : 'no figures were released (the region’s reporting had not begun, or they are being released now)',
  }));
}

const dateInWords = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));

/** Whether any figure in these tables is suppressed (the key to `[c]` is then shown first). */
export const anySuppressed = (tables: TableView[]) =>
  tables.some((t) => t.rows.some((r) => r.cells.some((c) => c.kind === 'suppressed')));

/** The region's rules in numbers, for the words that explain them ("1 to 7", "0, or 10 or more"). */
export const disclosureInWords = ({ suppressBelow, roundTo }: RegionImpactReport['disclosureControl']) => ({
  suppressBelow,
  roundTo,
  largestSuppressed: suppressBelow - 1,
  smallestShown: Math.round(suppressBelow / roundTo) * roundTo,
});

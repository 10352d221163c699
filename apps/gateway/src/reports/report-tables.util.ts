import {
  REPORT_METRIC_LABELS,
  type LeroImpactReport,
  type PeriodStatus,
  type RegionImpactReport,
  type ReleasedPeriods,
  type ReportCell,
  type ReportMetric,
  type ReportValues,
  reportCategoryName,
  reportPeriodName,
} from '@hearth/contracts';

/** How a suppressed figure is marked in the spreadsheet (XLSX) and the PDF: as on screen (the CSV writes `*`). */
export const SUPPRESSED_MARK = '[c]';
/** A figure a breakdown does not count (members by type of activity), as on screen. */
export const NOT_COUNTED_MARK = '–';
/** What the mark means, said beside every table that may show it. */
export const NOT_COUNTED_NOTE =
  `${NOT_COUNTED_MARK} means the figure is not counted in that row: members and volunteers are not counted by type ` +
  'of activity, and signposts are counted only by what people were signposted to.';
/** The header of a breakdown's rows: types of activity, then what people were signposted to. */
export const CATEGORY_ROW_HEADER = 'Type of activity or signposting';

export type TableCell = { value: number } | { suppressed: true } | { notCounted: true };

export interface TableRow {
  header: string;
  cells: TableCell[];
  /** A row per period (a LERO's figures without a breakdown) says whether that period is final. */
  status?: PeriodStatus;
  total?: boolean;
}

/** One table of a download, as the web page shows it: a caption, a line under it, a header row, rows. */
export interface ReportTable {
  caption: string;
  /** "Final, released 8 December 2026", "Provisional", how complete the period is. */
  notes: string[];
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
}

/** `2026-11` → "November 2026", `2026-Q4` → "October to December 2026", `2026` stays. */
export const periodName = reportPeriodName;

/** A type of activity by its name, a signpost category as "Signposted: Housing". */
export const categoryName = reportCategoryName;

/** "8 December 2026" */
export const dateInWords = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));

const cellOf = (cell: ReportCell | { value: number } | undefined): TableCell =>
  cell === undefined ? { notCounted: true } : cell;

const cellsOf = (metrics: readonly ReportMetric[], values: Partial<Record<ReportMetric, ReportCell>>) =>
  metrics.map((m) => cellOf(values[m]));

/** The text of a cell: a number as it is, or the mark the screen shows. */
export const cellText = (cell: TableCell): string =>
  'value' in cell ? String(cell.value) : 'suppressed' in cell ? SUPPRESSED_MARK : NOT_COUNTED_MARK;

/** Newest first, as the screen shows them: the period people look for is the latest. */
const newestFirst = (labels: string[]) => [...labels].reverse();

function periodTables(
  report: Pick<RegionImpactReport, 'metrics' | 'by'> & ReleasedPeriods,
  suffix: string,
): { label: string; table: ReportTable }[] {
  const columns = report.metrics.map((m) => REPORT_METRIC_LABELS[m]);
  return newestFirst(Object.keys(report.totals)).map((label) => {
    const totals = report.totals[label];
    const rows: TableRow[] = report.rows
      .filter((r) => r.period === label)
      .map((r) => ({
        header: r.lero?.name ?? categoryName(r.category ?? ''),
        cells: cellsOf(report.metrics, r.values),
      }));
    rows.push({ header: 'Regional total', cells: cellsOf(report.metrics, totals.values), total: true });
    const notes = [
      totals.status === 'released'
        ? `Final${totals.releasedAt ? `, released ${dateInWords(totals.releasedAt)}` : ''}`
        : 'Provisional',
    ];
    if (totals.completeness) {
      const { leros, recorded } = totals.completeness;
      notes.push(
        leros === 0
          ? 'No LERO was in the region in this period.'
          : `${recorded} of the region’s ${leros} ${leros === 1 ? 'LERO' : 'LEROs'} recorded sessions in this period.`,
      );
    }
    return {
      label,
      table: {
        caption: `${periodName(label)}${suffix}`,
        notes,
        rowHeader: report.by === 'lero' ? 'LERO' : CATEGORY_ROW_HEADER,
        columns,
        rows,
      },
    };
  });
}

/**
 * The regional report as the web page shows it: a table per released period, newest first, each followed by
 * the same period a year before when that was asked for. Every figure is the report's own (already
 * disclosure-controlled by the reporting service): nothing here computes, sums or rounds anything.
 */
export function regionReportTables(report: RegionImpactReport): ReportTable[] {
  const tables = periodTables(report, '');
  const before = report.yearBefore
    ? periodTables({ ...report.yearBefore, metrics: report.metrics, by: report.by }, ', a year before')
    : [];
  const yearEarlier = (label: string) => label.replace(/^\d{4}/, (y) => String(Number(y) - 1));
  return tables.flatMap(({ label, table }) => [
    table,
    ...before.filter((b) => b.label === yearEarlier(label)).map((b) => b.table),
  ]);
}

/** What the report's marks and rules mean, and which periods have no figures yet: said beside the tables. */
export function regionReportNotes(report: RegionImpactReport): string[] {
  const { suppressBelow, roundTo } = report.disclosureControl;
  const notes = [
    `${SUPPRESSED_MARK} means suppressed: a count between 1 and ${suppressBelow - 1}, or a figure that would let ` +
      'one be worked out, is not shown.',
    `Every other figure is rounded to the nearest ${roundTo}; zero stays zero.`,
    'Final figures are released 7 days after a period ends and never change after that.',
    NOT_COUNTED_NOTE,
  ];
  for (const p of report.pending)
    notes.push(
      `${periodName(p.period)}: no figures yet; they are due on ${dateInWords(p.releasesAt)}, or were never ` +
        'released (the region’s reporting had not begun).',
    );
  return notes;
}

/**
 * A LERO's own exact figures as its page shows them: without a breakdown one table with a row per period
 * (newest first); by type of activity a table per period with the LERO's total last.
 */
export function leroReportTables(report: LeroImpactReport): ReportTable[] {
  const columns = report.metrics.map((m) => REPORT_METRIC_LABELS[m]);
  const labels = newestFirst(Object.keys(report.totals));
  const status = (s: PeriodStatus) => (s === 'released' ? 'Released' : 'Provisional');
  if (report.by !== 'category')
    return [
      {
        caption: 'Your figures',
        notes: [],
        rowHeader: 'Period',
        columns,
        rows: labels.map((label) => ({
          header: `${periodName(label)} (${status(report.totals[label].status).toLowerCase()})`,
          status: report.totals[label].status,
          cells: cellsOf(report.metrics, report.totals[label].values as ReportValues),
        })),
      },
    ];
  return labels.map((label) => {
    const rows: TableRow[] = report.rows
      .filter((r) => r.period === label)
      .map((r) => ({
        header: categoryName(r.category ?? ''),
        cells: cellsOf(report.metrics, r.values as ReportValues),
      }));
    rows.push({
      header: 'All activities',
      cells: cellsOf(report.metrics, report.totals[label].values as ReportValues),
      total: true,
    });
    return {
      caption: periodName(label),
      notes: [status(report.totals[label].status)],
      rowHeader: CATEGORY_ROW_HEADER,
      columns,
      rows,
    };
  });
}

/** A download's file name: `impact-lero-month-2026-10-2026-11.xlsx`. */
export const regionReportFileName = (report: RegionImpactReport, ext: string) =>
  `impact-${report.by}-${report.period}-${report.from}-${report.to}.${ext}`;

/** A LERO's own figures, named as not for publication: a CSV has nowhere else to say so. */
export const leroReportFileName = (report: LeroImpactReport, ext: string) =>
  `own-figures-not-for-publication${report.by ? '-by-category' : ''}-${report.period}-${report.from}-${report.to}.${ext}`;

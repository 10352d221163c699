import { AppError, MAX_REPORT_MONTHS, type PeriodStatus, type ReportPeriod } from '@hearth/contracts';
import { localDateIn } from '@hearth/platform';

const DAY_MS = 86_400_000;
const MONTHS_IN: Record<ReportPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** One fixed calendar period of a report: months are counted as `year * 12 + month - 1`. */
export interface PeriodSpan {
  /** `2026-11`, `2026-Q4` or `2026`. */
  label: string;
  /** First day, inclusive (`YYYY-MM-DD`). */
  start: string;
  /** First day after the period (`YYYY-MM-DD`), exclusive. */
  end: string;
}

const monthIndex = (yyyymm: string) => {
  const [y, m] = yyyymm.split('-').map(Number);
  return y * 12 + m - 1;
};
const pad = (n: number) => String(n).padStart(2, '0');
const firstDay = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;

export function labelOf(period: ReportPeriod, startIndex: number): string {
  const year = Math.floor(startIndex / 12);
  if (period === 'year') return String(year);
  if (period === 'quarter') return `${year}-Q${Math.floor((startIndex % 12) / 3) + 1}`;
  return `${year}-${pad((startIndex % 12) + 1)}`;
}

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

/**
 * The periods a report covers. `from` is the first month of the first period and `to` the last month of the
 * last one (a quarter report of 2026 is `from=2026-01&to=2026-12`); anything not aligned to the period, a
 * range over five years, or a period that has not begun (`currentMonth` is `YYYY-MM` in reporting's zone) is
 * refused, so only fixed periods can be asked for.
 */
export function periodsOf(
  period: ReportPeriod,
  from: string,
  to: string,
  currentMonth: string,
): PeriodSpan[] {
  const size = MONTHS_IN[period];
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (first % size !== 0)
    throw invalid('from', `must be the first month of a ${period} (${alignedHint(period, 'start')})`);
  if ((last + 1) % size !== 0)
    throw invalid('to', `must be the last month of a ${period} (${alignedHint(period, 'end')})`);
  if (last < first) throw invalid('to', 'must not be before from');
  if (last - first + 1 > MAX_REPORT_MONTHS) throw invalid('to', 'must be at most five years after from');
  if (last - size + 1 > monthIndex(currentMonth))
    throw invalid('to', 'must not be in a period that has not begun');
  const spans: PeriodSpan[] = [];
  for (let index = first; index <= last; index += size)
    spans.push({ label: labelOf(period, index), start: firstDay(index), end: firstDay(index + size) });
  return spans;
}

function alignedHint(period: ReportPeriod, edge: 'start' | 'end'): string {
  if (period === 'month') return 'any month';
  if (period === 'year') return edge === 'start' ? 'January' : 'December';
  return edge === 'start' ? 'January, April, July or October' : 'March, June, September or December';
}

/** When a period's figures are released: after it has closed and the grace for late registers has passed. */
export const releaseMoment = (span: PeriodSpan, graceDays: number) =>
  new Date(Date.parse(`${span.end}T00:00:00Z`) + graceDays * DAY_MS);

export const statusOf = (span: PeriodSpan, graceDays: number, now: Date): PeriodStatus =>
  now.getTime() >= releaseMoment(span, graceDays).getTime() ? 'released' : 'provisional';

/** The latest released period of each kind, for the release sweep. */
export function latestReleased(period: ReportPeriod, graceDays: number, now: Date): PeriodSpan {
  const size = MONTHS_IN[period];
  let index = now.getUTCFullYear() * 12 + now.getUTCMonth();
  index -= index % size;
  for (;;) {
    const span = { label: labelOf(period, index), start: firstDay(index), end: firstDay(index + size) };
    if (statusOf(span, graceDays, now) === 'released') return span;
    index -= size;
  }
}

/** A calendar date in a zone (`YYYY-MM-DD`): reporting days are local days. */
export const localDate = (instant: Date, timeZone: string) => localDateIn(instant, timeZone);

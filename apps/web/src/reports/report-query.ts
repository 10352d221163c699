import { DateTime } from 'luxon';
import {
  REPORT_METRICS,
  REPORT_PERIODS,
  reportPeriodName,
  type ReportMetric,
  type ReportPeriod,
} from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { HOME_ZONE } from '../http/time';

const MONTHS_IN: Record<ReportPeriod, number> = { month: 1, quarter: 3, year: 12 };
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** A new report with nothing asked yet: the last six months. */
const DEFAULT_MONTHS = 6;
const EXAMPLE = 'a month like 2026-04, a quarter like 2026-Q2 or a year like 2026';

/** What the report form shows back: the period, and from/to in that period's format where they could be read. */
export interface ReportFormValues {
  period: string;
  from: string;
  to: string;
  by: string;
  metric: string;
}

/** Whole calendar periods as the API takes them: `from` the first month of the first, `to` the last of the last. */
export interface ReportRange {
  period: ReportPeriod;
  from: string;
  to: string;
}

export interface ReportForm<B extends string> {
  values: ReportFormValues;
  errors: FormErrors;
  /** Present when the form is valid as far as the web app can tell (the API checks the rest). */
  range?: ReportRange;
  by: B;
  metric: ReportMetric;
}

/** The labels the API's field errors are put under. */
export const REPORT_LABELS = { period: 'Period', from: 'From', to: 'To', by: 'Breakdown', metric: 'Chart' };
export const REPORT_FIELDS = ['period', 'from', 'to', 'by', 'metric'];

/** Months are counted as `year * 12 + month - 1`. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;
const pad = (n: number) => String(n).padStart(2, '0');
const yyyymm = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;

/** A month, quarter or year as typed, as the months it spans; undefined when it cannot be read. */
export function readPeriodInput(text: string): { first: number; size: number } | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = /^(\d{4})$/.exec(value);
  if (m) return { first: monthIndex(Number(m[1]), 1), size: 12 };
  m = /^(?:(\d{4}) ?-? ?q([1-4])|q([1-4]) ?-? ?(\d{4}))$/.exec(value);
  if (m) return { first: monthIndex(Number(m[1] ?? m[4]), (Number(m[2] ?? m[3]) - 1) * 3 + 1), size: 3 };
  m = /^(?:(\d{4})[-/](\d{1,2})|(\d{1,2})[-/](\d{4}))$/.exec(value);
  if (m) {
    const month = Number(m[2] ?? m[3]);
    return month >= 1 && month <= 12
      ? { first: monthIndex(Number(m[1] ?? m[4]), month), size: 1 }
      : undefined;
  }
  m = /^([a-z]+) (\d{4})$/.exec(value);
  if (m && m[1].length >= 3) {
    const month = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(m![1]));
    return month >= 0 ? { first: monthIndex(Number(m[2]), month + 1), size: 1 } : undefined;
  }
  return undefined;
}

/** A period in the format the form shows: `2026-04`, `2026-Q2` or `2026`. */
export function periodInput(period: ReportPeriod, index: number): string {
  const year = Math.floor(index / 12);
  if (period === 'year') return String(year);
  if (period === 'quarter') return `${year}-Q${Math.floor((index % 12) / 3) + 1}`;
  return yyyymm(index);
}

/** A period label of the API (`2026-11`, `2026-Q4`, `2026`) as people say it. */
export const periodName = reportPeriodName;

const currentMonth = (now: Date) => {
  const local = DateTime.fromJSDate(now).setZone(HOME_ZONE);
  return monthIndex(local.year, local.month);
};

const text = (query: Record<string, unknown>, name: string) => {
  const value = query[name];
  return typeof value === 'string' ? value.trim().slice(0, 40) : '';
};

/**
 * The report form (a GET form, so a report can be bookmarked and needs no JavaScript). From and to may be
 * typed as a month, a quarter or a year whatever the period: each becomes the whole periods it falls in, so
 * switching from months to quarters keeps the range. A coarser `to` that runs past today stops at the
 * current period. What only the API knows (a period that has not begun, more than five years) it answers.
 */
export function readReportForm<B extends string>(
  query: Record<string, unknown>,
  options: { breakdowns: readonly B[]; defaultBy: B; now?: Date },
): ReportForm<B> {
  const now = currentMonth(options.now ?? new Date());
  const errors = new FormErrors();
  const asked = ['period', 'from', 'to'].some((name) => query[name] !== undefined);
  const period = asked ? text(query, 'period') : 'month';
  const byText = text(query, 'by') || options.defaultBy;
  const metricText = text(query, 'metric') || 'attendances';
  const raw = asked
    ? { from: text(query, 'from'), to: text(query, 'to') }
    : { from: yyyymm(now - DEFAULT_MONTHS + 1), to: yyyymm(now) };
  const values: ReportFormValues = { period, ...raw, by: byText, metric: metricText };

  const validPeriod = (REPORT_PERIODS as readonly string[]).includes(period);
  if (!validPeriod) errors.add('period', 'Select months, quarters or years');
  const size = validPeriod ? MONTHS_IN[period as ReportPeriod] : 1;
  const read = (name: 'from' | 'to', label: string) => {
    if (!raw[name]) {
      errors.add(name, `Enter ${label}, as ${EXAMPLE}`);
      return undefined;
    }
    const span = readPeriodInput(raw[name]);
    if (!span) errors.add(name, `${label[0].toUpperCase()}${label.slice(1)} must be ${EXAMPLE}`);
    return span;
  };
  const fromSpan = read('from', 'the first period');
  const toSpan = read('to', 'the last period');
  const by = options.breakdowns.find((b) => b === byText);
  if (!by) errors.add('by', 'Select how to break the figures down');
  const metric = REPORT_METRICS.find((m) => m === metricText);
  if (!metric) errors.add('metric', 'Select what the chart shows');
  if (!validPeriod || !fromSpan || !toSpan)
    return { values, errors, by: by ?? options.defaultBy, metric: metric ?? 'attendances' };

  const p = period as ReportPeriod;
  const first = fromSpan.first - (fromSpan.first % size);
  let last = toSpan.first + toSpan.size - 1;
  last = last - (last % size) + size - 1;
  const currentEnd = now - (now % size) + size - 1;
  if (toSpan.size > size && last > currentEnd && toSpan.first <= now) last = currentEnd;
  values.from = periodInput(p, first);
  values.to = periodInput(p, last);
  if (last < first) errors.add('to', 'The last period must be the same as or after the first');
  return {
    values,
    errors,
    by: by ?? options.defaultBy,
    metric: metric ?? 'attendances',
    range: errors.ok ? { period: p, from: yyyymm(first), to: yyyymm(last) } : undefined,
  };
}

/** The periods of a report in words: "June 2026 to November 2026", "Q2 2026 to Q4 2026", "2026". */
export function spanInWords(range: ReportRange): string {
  const [fy, fm] = range.from.split('-').map(Number);
  const [ty, tm] = range.to.split('-').map(Number);
  const first = periodInput(range.period, monthIndex(fy, fm));
  const last = periodInput(range.period, monthIndex(ty, tm));
  const name = (input: string) =>
    range.period === 'quarter' ? `${input.slice(5)} ${input.slice(0, 4)}` : periodName(input);
  return first === last ? name(first) : `${name(first)} to ${name(last)}`;
}

export const PERIOD_ADJECTIVES: Record<ReportPeriod, string> = {
  month: 'Monthly',
  quarter: 'Quarterly',
  year: 'Yearly',
};

import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { EARLIEST_YEAR, LATEST_YEAR } from '../input-policy';
import { TenantRequestOf } from '../paging';
import { ACTIVITY_CATEGORY_LABELS, type ActivityCategory } from '../activities/activity.dto';
import { SIGNPOST_CATEGORY_LABELS, isSignpostCategory } from '../directory/taxonomy';

/** Fixed calendar periods only: arbitrary ranges would let two reports be subtracted to reveal a small cell. */
export const REPORT_PERIODS = ['month', 'quarter', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_BREAKDOWNS = ['lero', 'category'] as const;
export type ReportBreakdown = (typeof REPORT_BREAKDOWNS)[number];

/**
 * The metrics reports show, in column order. Projections store any metric name (a generic table), so a new
 * one needs a projection handler and a name here, never a schema change.
 */
export const REPORT_METRICS = [
  'newMembers',
  'activeMembers',
  'sessionsHeld',
  'attendances',
  'uniqueParticipants',
  'walkIns',
  'signposts',
  'volunteerHours',
  'activeVolunteers',
  'meetingsAttended',
  'asksRaised',
  'asksResolved',
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Each metric as people read it: the API's chart and CSV, the web app's tables, alt texts and chart picker. */
export const REPORT_METRIC_LABELS: Record<ReportMetric, string> = {
  newMembers: 'New members',
  activeMembers: 'Active members',
  sessionsHeld: 'Sessions held',
  attendances: 'Attendances',
  uniqueParticipants: 'Unique participants',
  walkIns: 'Walk-ins',
  signposts: 'People signposted',
  volunteerHours: 'Volunteer hours',
  activeVolunteers: 'Active volunteers',
  meetingsAttended: 'Meetings attended',
  asksRaised: 'Asks raised',
  asksResolved: 'Asks resolved',
};

/** The metrics counted by type of activity: each activity category's row has these (and no other). */
export const ACTIVITY_CATEGORY_METRICS: readonly ReportMetric[] = [
  'sessionsHeld',
  'attendances',
  'uniqueParticipants',
  'walkIns',
];
/** The metrics counted by what people were signposted to: each signpost category's row has these. */
export const SIGNPOST_CATEGORY_METRICS: readonly ReportMetric[] = ['signposts'];

/** The metrics a report's category row counts: a signpost category's, or a type of activity's. */
export const metricsOfCategory = (category: string): readonly ReportMetric[] =>
  isSignpostCategory(category) ? SIGNPOST_CATEGORY_METRICS : ACTIVITY_CATEGORY_METRICS;

/**
 * A report's category as people read it (the web app's tables, the API's spreadsheets and PDF): a type of
 * activity by its name, a signpost category as "Signposted: Housing".
 */
export function reportCategoryName(category: string): string {
  if (isSignpostCategory(category)) return `Signposted: ${SIGNPOST_CATEGORY_LABELS[category]}`;
  return ACTIVITY_CATEGORY_LABELS[category as ActivityCategory] ?? category;
}

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
] as const;

/**
 * A report period's label as people read it (the web app's tables and the API's downloads):
 * `2026-11` → "November 2026", `2026-Q4` → "October to December 2026", `2026` stays.
 */
export function reportPeriodName(label: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3;
    return `${MONTH_NAMES[first]} to ${MONTH_NAMES[first + 2]} ${quarter[1]}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  return month ? `${MONTH_NAMES[Number(month[2]) - 1]} ${month[1]}` : label;
}

/** The stricter-never-laxer bounds of a region's suppression threshold. */
export const MIN_SUPPRESS_BELOW = 8;
export const MAX_SUPPRESS_BELOW = 100;
export const ROUND_TO = 5;
/** At most five years of periods in one report. */
export const MAX_REPORT_MONTHS = 60;

/** YYYY-MM from 1900-01 to 2200-12 (the input policy's sane range of dates). */
const MONTH = /^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = `must be a month as YYYY-MM between ${EARLIEST_YEAR}-01 and ${LATEST_YEAR}-12`;

export class ImpactPeriodQuery {
  @IsIn(REPORT_PERIODS, { message: `must be one of ${REPORT_PERIODS.join(', ')}` })
  period!: ReportPeriod;

  @Matches(MONTH, { message: MONTH_MESSAGE })
  from!: string;

  @Matches(MONTH, { message: MONTH_MESSAGE })
  to!: string;
}

/** What a period can be set beside: the same period a year before, as it was released. */
export const REPORT_COMPARISONS = ['year-before'] as const;
export type ReportComparison = (typeof REPORT_COMPARISONS)[number];

export class RegionImpactQuery extends ImpactPeriodQuery {
  @IsUUID('all', { message: 'must be a UUID' })
  regionId!: string;

  @IsOptional()
  @IsIn(REPORT_BREAKDOWNS, { message: `must be one of ${REPORT_BREAKDOWNS.join(', ')}` })
  by?: ReportBreakdown;

  @IsOptional()
  @IsIn(REPORT_COMPARISONS, { message: `must be ${REPORT_COMPARISONS.join(', ')}` })
  compare?: ReportComparison;
}

/** The chart: the same report, one metric drawn over the periods. */
export class ImpactChartQuery extends RegionImpactQuery {
  @IsOptional()
  @IsIn(REPORT_METRICS, { message: `must be one of ${REPORT_METRICS.join(', ')}` })
  metric?: ReportMetric;
}

export class LeroImpactQuery extends ImpactPeriodQuery {
  @IsOptional()
  @IsIn(['category'], { message: 'must be category' })
  by?: 'category';
}

export class LeroImpactRequest extends TenantRequestOf(LeroImpactQuery) {}

export class RegionReportingRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  regionId!: string;
}

export class ReportingSettingsDto {
  @IsInt({ message: 'must be a whole number' })
  @Min(MIN_SUPPRESS_BELOW, {
    message: `must be at least ${MIN_SUPPRESS_BELOW}: a region may be stricter, never laxer`,
  })
  @Max(MAX_SUPPRESS_BELOW)
  suppressBelow!: number;
}

export class UpdateReportingSettingsRequest extends ReportingSettingsDto {
  @IsUUID('all')
  regionId!: string;
}

/** A published figure: a rounded count, or suppressed (written `*` in CSV). */
export type ReportCell = { value: number } | { suppressed: true };
export type ReportValues = Partial<Record<ReportMetric, ReportCell>>;
export type PeriodStatus = 'released' | 'provisional';

export interface RegionImpactRow {
  /** `2026-11`, `2026-Q4` or `2026`. */
  period: string;
  lero?: { id: string; name: string };
  category?: string;
  status: PeriodStatus;
  values: ReportValues;
}

/** How complete a released period is: how many of the region's LEROs recorded sessions in it. */
export interface PeriodCompleteness {
  /** LEROs of the region during the period (or with figures in it), shown or not. */
  leros: number;
  /** Of those, how many recorded at least one session held. */
  recorded: number;
}

export interface ImpactTotals {
  /** Always `released`: commissioners see released periods only (`pending` lists the others). */
  status: PeriodStatus;
  /** When the period's figures were released and frozen. */
  releasedAt?: string;
  /** The threshold the period's figures were controlled with. */
  suppressBelow: number;
  values: ReportValues;
  /** Absent from periods frozen before completeness was recorded. */
  completeness?: PeriodCompleteness;
}

/** A period asked for that has no released figures: not released yet, or never (before reporting began). */
export interface PendingPeriod {
  period: string;
  /** When its figures are (or were) due: the period's end plus the release grace. */
  releasesAt: string;
}

/** The released periods of a report: rows, totals and the periods asked for that are not released. */
export interface ReleasedPeriods {
  from: string;
  to: string;
  rows: RegionImpactRow[];
  /** The regional total of each released period, keyed by its label; LEROs shown only in the total are in it. */
  totals: Record<string, ImpactTotals>;
  pending: PendingPeriod[];
}

export interface RegionImpactReport extends ReleasedPeriods {
  regionId: string;
  period: ReportPeriod;
  by: ReportBreakdown;
  disclosureControl: { suppressBelow: number; roundTo: number };
  metrics: ReportMetric[];
  /** With `compare=year-before`: the same periods a year earlier, as they were released. */
  yearBefore?: ReleasedPeriods;
}

export interface LeroImpactRow {
  period: string;
  category?: string;
  status: PeriodStatus;
  values: Partial<Record<ReportMetric, { value: number }>>;
}

export interface LeroImpactReport {
  tenantId: string;
  period: ReportPeriod;
  from: string;
  to: string;
  by: 'category' | null;
  /** Exact figures, without disclosure control: for the LERO's own use. */
  notForPublication: true;
  notice: string;
  metrics: ReportMetric[];
  rows: LeroImpactRow[];
  totals: Record<string, { status: PeriodStatus; values: Partial<Record<ReportMetric, { value: number }>> }>;
}

export interface ReportingSettingsView {
  regionId: string;
  suppressBelow: number;
  roundTo: number;
}

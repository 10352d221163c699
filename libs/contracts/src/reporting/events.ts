import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { ReportingEvents } from './subjects';
import { REPORT_PERIODS, type ReportPeriod } from './impact.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `evt.reporting.period.released` (ADR 0082): a region's period whose figures the release sweep froze, once per
 * region and period. Which period and when only: never a figure (a count, even a suppressed one's absence, could
 * say something below the region's threshold); whoever may read the figures asks for them.
 */
export class PeriodReleasedEvent {
  @IsUUID('all')
  regionId!: string;

  @IsIn(REPORT_PERIODS)
  period!: ReportPeriod;

  /** The period's label as reports key it: `2026-10`, `2026-Q4`, `2026`. */
  @Matches(/^\d{4}(-\d{2}|-Q[1-4])?$/)
  label!: string;

  /** Its first day, and the day after its last (YYYY-MM-DD). */
  @Matches(DAY)
  from!: string;

  @Matches(DAY)
  until!: string;

  @IsISO8601({ strict: true })
  releasedAt!: string;
}

/** The reporting service's events: each subject and the class its payload is (checked by every consumer). */
export const REPORTING_EVENT_PAYLOADS = {
  [ReportingEvents.periodReleased]: PeriodReleasedEvent,
} as const;

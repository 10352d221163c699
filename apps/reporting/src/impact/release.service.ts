import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MIN_SUPPRESS_BELOW, REPORT_PERIODS, ROUND_TO, type ReportPeriod } from '@hearth/contracts';
import { DEFAULT_RELEASE_GRACE_DAYS, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { latestReleased, releaseMoment, statusOf, type PeriodSpan } from '../periods/report-period.util';
import { FiguresRepository, type PeriodFigures } from './figures.repository';
import { publishPeriod, type PublishedPeriod } from './period-report.builder';

export interface PeriodOfReport {
  span: PeriodSpan;
  status: 'released' | 'provisional';
  published: PublishedPeriod;
}

/**
 * Publishes a region's periods: an open (or not yet released) period is computed from the aggregates on
 * every read and marked provisional; a released one is computed once, stored, and served as stored from then
 * on, so late registers, corrections and erasures never change published figures. A sweep freezes each
 * newly released period soon after its release moment even if nobody asked for it yet.
 */
@Injectable()
export class ReleaseService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReleaseService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly figures: FiguresRepository,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  now = () => this.options.now?.() ?? new Date();
  get graceDays() {
    return this.options.releaseGraceDays ?? DEFAULT_RELEASE_GRACE_DAYS;
  }

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.sweep()
        .catch((err: unknown) => this.logger.warn({ err }, 'Freezing released periods failed; trying later'))
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, this.options.releaseSweepIntervalMs ?? 3_600_000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Freezes the latest released month, quarter and year of every region that has not been frozen yet. */
  async sweep(): Promise<void> {
    const now = this.now();
    for (const regionId of await this.figures.regionIds()) {
      const region = await this.figures.region(regionId);
      for (const period of REPORT_PERIODS)
        await this.periods(regionId, region?.suppressBelow ?? MIN_SUPPRESS_BELOW, period, [
          latestReleased(period, this.graceDays, now),
        ]);
    }
  }

  async periods(
    regionId: string,
    suppressBelow: number,
    period: ReportPeriod,
    spans: PeriodSpan[],
  ): Promise<PeriodOfReport[]> {
    const now = this.now();
    const status = (s: PeriodSpan) => statusOf(s, this.graceDays, now);
    const released = spans.filter((s) => status(s) === 'released').map((s) => s.label);
    const stored = await this.figures.releasedReports(regionId, released);
    const missing = spans.filter((s) => !stored.has(s.label));
    if (missing.length > 0) {
      const computed = await this.compute(regionId, suppressBelow, period, missing);
      const toStore = missing.filter((s) => status(s) === 'released');
      for (const span of toStore) {
        const published = computed.get(span.label)!;
        published.releasedAt = releaseMoment(span, this.graceDays).toISOString();
        await this.figures.saveReleased(regionId, span.label, now, published);
      }
      // Another replica may have frozen the same period first: serve what was stored, never our copy.
      const winners = await this.figures.releasedReports(
        regionId,
        toStore.map((s) => s.label),
      );
      for (const [label, published] of computed) stored.set(label, winners.get(label) ?? published);
    }
    return spans.map((span) => ({
      span,
      status: status(span),
      published: stored.get(span.label) as PublishedPeriod,
    }));
  }

  private async compute(
    regionId: string,
    suppressBelow: number,
    period: ReportPeriod,
    spans: PeriodSpan[],
  ): Promise<Map<string, PublishedPeriod>> {
    const leros = await this.figures.lerosOf(regionId);
    const from = spans[0].start;
    const until = spans[spans.length - 1].end;
    const perLero = await this.figures.figuresOf(
      leros.map((l) => l.id),
      period,
      from,
      until,
    );
    const figures = leros.map((entry, i) => ({ entry, byPeriod: perLero[i] }));
    const out = new Map<string, PublishedPeriod>();
    for (const span of spans) {
      const start = Date.parse(`${span.start}T00:00:00Z`);
      const end = Date.parse(`${span.end}T00:00:00Z`);
      const inPeriod = figures
        .map(({ entry, byPeriod }) => ({ entry, figures: byPeriod.get(span.start) }))
        .filter(
          ({ entry, figures: f }) =>
            hasFigures(f) ||
            (entry.onboardedAt.getTime() < end && (!entry.archivedAt || entry.archivedAt.getTime() >= start)),
        );
      out.set(span.label, {
        ...publishPeriod(span.label, inPeriod, { suppressBelow, roundTo: ROUND_TO }),
        releasedAt: null,
      });
    }
    return out;
  }
}

const hasFigures = (f: PeriodFigures | undefined) => !!f && [...f.total.values()].some((v) => v !== 0);

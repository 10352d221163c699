import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MIN_SUPPRESS_BELOW, ROUND_TO, type ReportPeriod } from '@hearth/contracts';
import { DEFAULT_RELEASE_GRACE_DAYS, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { releaseMoment, statusOf } from '../periods/report-period.util';
import { FiguresRepository, RELEASED_KEPT, type PeriodFigures } from './figures.repository';
import type { PublishedPeriod } from './period-report.builder';
import { releaseDue, releaseOrder } from './year-release.util';
import { PeriodicTask } from '@hearth/platform';

/** How many calendar years back the sweep releases (reports may cover five years). */
export const YEARS_RELEASED_BACK = 5;
/** Periods of two years (12 months, 4 quarters and the year, each) a sweep loads into memory per region. */
const WARMED_PER_REGION = 34;

/**
 * Releases a region's periods: once a period has closed and the grace for late registers has passed, the
 * sweep (at start and every RELEASE_SWEEP_INTERVAL_MS) computes its disclosure-controlled figures, beside
 * every period of the same year released before it, and stores them. Commissioners read only what the sweep
 * stored, byte for byte: nothing is computed or frozen on a read, so no read can see a figure move.
 */
@Injectable()
export class ReleaseService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic = new PeriodicTask(new Logger(ReleaseService.name), 'Releasing periods', () =>
    this.sweep(),
  );

  constructor(
    private readonly figures: FiguresRepository,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  now = () => this.options.now?.() ?? new Date();
  get graceDays() {
    return this.options.releaseGraceDays ?? DEFAULT_RELEASE_GRACE_DAYS;
  }

  onApplicationBootstrap(): void {
    this.periodic.start(this.options.releaseSweepIntervalMs ?? 3_600_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** Releases every period due by `now` and not yet released, of every region, for the last few years. */
  async sweep(now = this.now()): Promise<void> {
    const regionIds = await this.figures.regionIds();
    for (const regionId of regionIds) {
      const suppressBelow = (await this.figures.region(regionId))?.suppressBelow ?? MIN_SUPPRESS_BELOW;
      const released = await this.figures.releasedLabels(regionId);
      const thisYear = now.getUTCFullYear();
      for (let year = thisYear - YEARS_RELEASED_BACK; year <= thisYear; year++) {
        const due = releaseOrder(year).filter(
          (s) => !released.has(s.label) && statusOf(s, this.graceDays, now) === 'released',
        );
        if (due.length > 0) await this.releaseYear(regionId, suppressBelow, year, due);
      }
      // Every replica's sweep loads this year's and last year's frozen periods (ADR 0089): the first read after a
      // release finds them in memory on any replica, not only on the one that froze them.
      if (regionIds.length * WARMED_PER_REGION <= RELEASED_KEPT)
        await this.figures.releasedReports(
          regionId,
          [...releaseOrder(thisYear - 1), ...releaseOrder(thisYear)].map((s) => s.label),
        );
    }
  }

  private async releaseYear(
    regionId: string,
    suppressBelow: number,
    year: number,
    due: ReturnType<typeof releaseOrder>,
  ): Promise<void> {
    const leros = await this.figures.lerosOf(regionId);
    const ids = leros.map((l) => l.id);
    const [from, until] = [`${year}-01-01`, `${year + 1}-01-01`];
    const byPeriod = new Map<ReportPeriod, Map<string, PeriodFigures>[]>();
    for (const period of ['month', 'quarter', 'year'] as const)
      byPeriod.set(period, await this.figures.figuresOf(ids, period, from, until));
    const spans = new Map(releaseOrder(year).map((s) => [s.label, s]));
    const frozen = new Map(
      [...(await this.figures.releasedReports(regionId, [...spans.keys()]))].map(([label, report]) => [
        label,
        report as PublishedPeriod,
      ]),
    );
    await releaseDue(
      due,
      {
        leros,
        figuresOf: (label) => {
          const span = spans.get(label)!;
          return byPeriod.get(span.period)!.map((perLero) => perLero.get(span.start));
        },
      },
      frozen,
      { suppressBelow, roundTo: ROUND_TO },
      (span) => releaseMoment(span, this.graceDays).toISOString(),
      async (span, published) => {
        await this.figures.saveReleased(regionId, span, this.now(), published);
        // Another replica may have released the same period first: what it stored is what counts.
        const [stored] = (await this.figures.releasedReports(regionId, [span.label])).values();
        return (stored as PublishedPeriod | undefined) ?? published;
      },
    );
  }
}

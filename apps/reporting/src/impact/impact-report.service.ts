import { Inject, Injectable } from '@nestjs/common';
import {
  MIN_SUPPRESS_BELOW,
  REPORT_METRICS,
  ROUND_TO,
  SIGNPOST_CATEGORIES,
  metricsOfCategory,
  notFound,
  type LeroImpactReport,
  type LeroImpactRequest,
  type LeroImpactRow,
  type RegionImpactQuery,
  type RegionImpactReport,
  type ReportMetric,
  type RequestContext,
} from '@hearth/contracts';
import { authoriseLero, authoriseRegion, holdsRegionGrant } from '../reporting-access';
import { DEFAULT_TIME_ZONE, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { localDate, periodsOf, statusOf, type PeriodSpan } from '../periods/report-period.util';
import { FiguresRepository } from './figures.repository';
import { PreparedFigures } from './prepared-figures';
import type { PublishedPeriod } from './period-report.builder';
import { releasedPeriods, yearBefore } from './region-report.util';
import { ReleaseService } from './release.service';

export const NOT_FOR_PUBLICATION =
  'Exact figures for your own LERO, without disclosure control: not for publication. Figures for ' +
  'commissioners and the public come from the regional report, where small numbers are suppressed.';

/** A LERO's own categories with figures: its types of activity by name, then what it signposted to, in Hearth's order. */
const ownCategoryOrder = (categories: string[]) => [
  ...categories.filter((c) => !SIGNPOST_CATEGORIES.includes(c)).sort(),
  ...SIGNPOST_CATEGORIES.filter((c) => categories.includes(c)),
];

/** The two reports: a region's disclosure-controlled figures, and a LERO's own exact ones. */
@Injectable()
export class ImpactReportService {
  constructor(
    private readonly figures: FiguresRepository,
    private readonly prepared: PreparedFigures,
    private readonly release: ReleaseService,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  private currentMonth(): string {
    return localDate(this.release.now(), this.options.timeZone ?? DEFAULT_TIME_ZONE).slice(0, 7);
  }

  async regional(ctx: RequestContext, q: RegionImpactQuery): Promise<RegionImpactReport> {
    const { actor } = authoriseRegion(ctx.actor, q.regionId, 'RegionReport');
    const region = await this.figures.region(q.regionId);
    if (!region && !holdsRegionGrant(actor, q.regionId)) throw notFound('Region');
    const suppressBelow = region?.suppressBelow ?? MIN_SUPPRESS_BELOW;
    const by = q.by ?? 'lero';
    const spans = periodsOf(q.period, q.from, q.to, this.currentMonth());
    const earlier = q.compare === 'year-before' ? yearBefore(spans) : [];
    const stored = await this.figures.releasedReports(
      q.regionId,
      [...spans, ...earlier].map((s) => s.label),
    );
    // A LERO that has since chosen to appear only in the regional total loses its row, even in frozen periods.
    const hiddenNow = new Set(
      (await this.figures.lerosOf(q.regionId))
        .filter((l) => l.visibility === 'regional-total-only')
        .map((l) => l.id),
    );
    const released = (of: PeriodSpan[]) =>
      releasedPeriods(of, stored as Map<string, PublishedPeriod>, by, hiddenNow, this.release.graceDays);
    return {
      regionId: q.regionId,
      period: q.period,
      ...released(spans),
      from: q.from,
      to: q.to,
      by,
      disclosureControl: { suppressBelow, roundTo: ROUND_TO },
      metrics: [...REPORT_METRICS],
      ...(earlier.length > 0 ? { yearBefore: released(earlier) } : {}),
    };
  }

  async ownLero(ctx: RequestContext, q: LeroImpactRequest): Promise<LeroImpactReport> {
    const lero = await this.figures.lero(q.tenantId);
    const { tenantId } = authoriseLero(ctx.actor, q.tenantId, lero?.regionId ?? null);
    const spans = periodsOf(q.period, q.from, q.to, this.currentMonth());
    const byPeriod = await this.prepared.ofLero(
      tenantId,
      q.period,
      spans[0].start,
      spans[spans.length - 1].end,
    );
    const now = this.release.now();
    const exact = (metrics: readonly ReportMetric[], source: Map<string, number> | undefined) =>
      Object.fromEntries(metrics.map((m) => [m, { value: source?.get(m) ?? 0 }]));
    const rows: LeroImpactRow[] = [];
    const totals: LeroImpactReport['totals'] = {};
    for (const span of spans) {
      const f = byPeriod.get(span.start);
      const status = statusOf(span, this.release.graceDays, now);
      const values = exact(REPORT_METRICS, f?.total);
      if (q.by === 'category') {
        for (const category of ownCategoryOrder([...(f?.byCategory.keys() ?? [])]))
          rows.push({
            period: span.label,
            category,
            status,
            values: exact(metricsOfCategory(category), f?.byCategory.get(category)),
          });
      } else rows.push({ period: span.label, status, values });
      totals[span.label] = { status, values };
    }
    return {
      tenantId,
      period: q.period,
      from: q.from,
      to: q.to,
      by: q.by ?? null,
      notForPublication: true,
      notice: NOT_FOR_PUBLICATION,
      metrics: [...REPORT_METRICS],
      rows,
      totals,
    };
  }
}

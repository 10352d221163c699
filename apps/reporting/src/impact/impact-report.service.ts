import { Inject, Injectable } from '@nestjs/common';
import {
  MIN_SUPPRESS_BELOW,
  REPORT_METRICS,
  ROUND_TO,
  notFound,
  type ImpactTotals,
  type LeroImpactReport,
  type LeroImpactRequest,
  type LeroImpactRow,
  type RegionImpactQuery,
  type RegionImpactReport,
  type RegionImpactRow,
  type ReportMetric,
  type RequestContext,
} from '@hearth/contracts';
import { authoriseLero, authoriseRegion, holdsRegionGrant } from '../reporting-access';
import { DEFAULT_TIME_ZONE, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { localDate, periodsOf, statusOf } from '../periods/report-period.util';
import { FiguresRepository } from './figures.repository';
import { CATEGORY_METRICS } from './period-report.builder';
import { ReleaseService } from './release.service';

export const NOT_FOR_PUBLICATION =
  'Exact figures for your own LERO, without disclosure control: not for publication. Figures for ' +
  'commissioners and the public come from the regional report, where small numbers are suppressed.';

/** The two reports: a region's disclosure-controlled figures, and a LERO's own exact ones. */
@Injectable()
export class ImpactReportService {
  constructor(
    private readonly figures: FiguresRepository,
    private readonly release: ReleaseService,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  private currentMonth(): string {
    return localDate(this.release.now(), this.options.timeZone ?? DEFAULT_TIME_ZONE).slice(0, 7);
  }

  async regional(ctx: RequestContext, q: RegionImpactQuery): Promise<RegionImpactReport> {
    const actor = authoriseRegion(ctx.actor, q.regionId, 'RegionReport');
    const region = await this.figures.region(q.regionId);
    if (!region && !holdsRegionGrant(actor, q.regionId)) throw notFound('Region');
    const suppressBelow = region?.suppressBelow ?? MIN_SUPPRESS_BELOW;
    const by = q.by ?? 'lero';
    const spans = periodsOf(q.period, q.from, q.to, this.currentMonth());
    const periods = await this.release.periods(q.regionId, suppressBelow, q.period, spans);
    // A LERO that has since chosen to appear only in the regional total loses its row, even in frozen periods.
    const hiddenNow = new Set(
      (await this.figures.lerosOf(q.regionId))
        .filter((l) => l.visibility === 'regional-total-only')
        .map((l) => l.id),
    );
    const rows: RegionImpactRow[] = [];
    const totals: Record<string, ImpactTotals> = {};
    for (const { span, status, published } of periods) {
      if (by === 'lero') {
        for (const { lero, values } of published.leros)
          if (!hiddenNow.has(lero.id)) rows.push({ period: span.label, lero, status, values });
      } else {
        for (const { category, values } of published.categories)
          rows.push({ period: span.label, category, status, values });
      }
      totals[span.label] = {
        status,
        ...(published.releasedAt ? { releasedAt: published.releasedAt } : {}),
        suppressBelow: published.suppressBelow,
        values: published.totals,
      };
    }
    return {
      regionId: q.regionId,
      period: q.period,
      from: q.from,
      to: q.to,
      by,
      disclosureControl: { suppressBelow, roundTo: ROUND_TO },
      metrics: [...REPORT_METRICS],
      rows,
      totals,
    };
  }

  async ownLero(ctx: RequestContext, q: LeroImpactRequest): Promise<LeroImpactReport> {
    const lero = await this.figures.lero(q.tenantId);
    authoriseLero(ctx.actor, q.tenantId, lero?.regionId ?? null);
    const spans = periodsOf(q.period, q.from, q.to, this.currentMonth());
    const [byPeriod] = await this.figures.figuresOf(
      [q.tenantId],
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
        const categories = [...(f?.byCategory.keys() ?? [])].sort();
        for (const category of categories)
          rows.push({
            period: span.label,
            category,
            status,
            values: exact(CATEGORY_METRICS, f?.byCategory.get(category)),
          });
      } else rows.push({ period: span.label, status, values });
      totals[span.label] = { status, values };
    }
    return {
      tenantId: q.tenantId,
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

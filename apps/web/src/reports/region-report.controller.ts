import { BadRequestException, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { REPORT_BREAKDOWNS, REPORT_METRICS, type RegionImpactQuery } from '@hearth/contracts';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { readsReportsOf, regionReportPath, reportRegionIdsOf } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { CurrentViewer, SignedIn } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { sendApiFile } from '../http/api-file';
import type { Viewer } from '../session/web-session';
import {
  METRIC_NAMES,
  anySuppressed,
  disclosureInWords,
  pendingInWords,
  regionTables,
} from './impact-tables';
import { renderReportPage, reportOptions } from './report-page';
import { PERIOD_ADJECTIVES, readReportForm, spanInWords } from './report-query';

const BREAKDOWN_NAMES = { lero: 'Each LERO', category: 'Each type of activity' };
const BROKEN_DOWN_BY = { lero: 'LERO', category: 'type of activity' };
const form = (query: Record<string, unknown>) =>
  readReportForm(query, { breakdowns: REPORT_BREAKDOWNS, defaultBy: 'lero' });

/**
 * A region's impact report for its commissioners, its admins and platform admins: the disclosure-controlled
 * figures as tables (the accessible form), the chart, and the CSV. The browser holds no API token, so the
 * chart and the CSV are fetched through these routes too.
 */
@WebController('regions/:regionId')
export class RegionReportController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get('report')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const calls = this.calls(req, viewer, regionId);
    const region = await findRegion(calls, regionId);
    const asked = form(query);
    const compare = query.compare === 'year-before';
    const base = regionReportPath(region.id);
    await renderReportPage(this.pages, req, reply, 'reports/region', asked, {
      page: {
        region,
        action: base,
        breakdowns: reportOptions(BREAKDOWN_NAMES, asked.values.by),
        metrics: reportOptions(METRIC_NAMES, asked.values.metric, REPORT_METRICS),
        compare,
      },
      load: (range) =>
        calls.regionImpact({
          regionId: region.id,
          ...range,
          by: asked.by,
          ...(compare ? { compare: 'year-before' as const } : {}),
        }),
      show: (report) => {
        const range = { period: report.period, from: report.from, to: report.to, by: report.by };
        const tables = regionTables(report);
        const before = report.yearBefore
          ? regionTables(
              { ...report.yearBefore, metrics: report.metrics, by: report.by },
              ', a year before',
              'before-',
            )
          : [];
        const span = spanInWords(report);
        const by = BROKEN_DOWN_BY[report.by];
        return {
          heading: `${PERIOD_ADJECTIVES[report.period]} figures by ${by}, ${span}`,
          released: tables.length > 0,
          // Each period's table, then the same period a year before when asked for.
          tables: tables.flatMap((t) => {
            const earlier = `before-${t.id.replace(/\d{4}/, (y) => String(Number(y) - 1))}`;
            return [t, ...before.filter((b) => b.id === earlier)];
          }),
          pending: pendingInWords(report.pending, Date.now()),
          suppressed: anySuppressed([...tables, ...before]),
          disclosure: disclosureInWords(report.disclosureControl),
          csvHref: `${base}.csv?${new URLSearchParams(range).toString()}`,
          // The spreadsheet and the PDF are laid out as this page is, a year before included when asked for.
          xlsxHref: `${base}.xlsx?${downloadQuery(range, compare)}`,
          pdfHref: `${base}.pdf?${downloadQuery(range, compare)}`,
          chart: {
            href: `${base}/chart.svg?${new URLSearchParams({ ...range, metric: asked.metric }).toString()}`,
            alt:
              `Line chart of ${METRIC_NAMES[asked.metric].toLowerCase()} by ${report.period}, ${span}: the ` +
              `regional total and each ${by} with figures. A suppressed figure is a gap in its line. The ` +
              'tables below give the same figures.',
          },
        };
      },
    });
  }

  /** The report as a spreadsheet: the API's CSV (suppressed figures are `*`), saved as a file. */
  @Get('report.csv')
  @SignedIn()
  async csv(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const calls = this.calls(req, viewer, regionId);
    const q = this.query(regionId, query);
    const csv = await calls.regionImpactCsv(q);
    await this.pages.download(
      reply,
      `impact-${q.by}-${q.period}-${q.from}-${q.to}.csv`,
      'text/csv; charset=utf-8',
      csv,
    );
  }

  /** The report as a spreadsheet laid out as the page (XLSX, `[c]` for suppressed), or as a PDF to print or send. */
  @Get(['report.xlsx', 'report.pdf'])
  @SignedIn()
  async file(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const calls = this.calls(req, viewer, regionId);
    const ext = req.url.split('?')[0].endsWith('.pdf') ? 'pdf' : 'xlsx';
    const compare = query.compare === 'year-before' ? { compare: 'year-before' as const } : {};
    await sendApiFile(
      reply,
      await calls.regionImpactFile({ ...this.query(regionId, query), ...compare }, ext),
    );
  }

  /** The chart the report page shows, drawn by the API from the same controlled figures. */
  @Get('report/chart.svg')
  @SignedIn()
  async chart(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const calls = this.calls(req, viewer, regionId);
    const svg = await calls.regionImpactChart({ ...this.query(regionId, query), metric: form(query).metric });
    await reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .send(svg);
  }

  /**
   * The API for this person, when their grants let them read this region's reports. Someone with reports
   * of other regions gets "not found" (as for a region that does not exist); anyone else "you cannot see".
   */
  private calls(req: WebRequest, viewer: Viewer, regionId: string): HearthApiCalls {
    if (!readsReportsOf(viewer, regionId))
      throw reportRegionIdsOf(viewer).length ? new PageNotFound() : new PageForbidden();
    return this.api.for(callContext(req, viewer.accessToken));
  }

  /** The CSV's and the chart's query: the page's links carry a valid one; anything else is a bad request. */
  private query(
    regionId: string,
    query: Record<string, unknown>,
  ): Required<Omit<RegionImpactQuery, 'compare'>> {
    const { range, by } = form(query);
    if (!range) throw new BadRequestException();
    return { regionId, ...range, by };
  }
}

/** A download's query: the page's range and breakdown, and the year before when the page shows it. */
const downloadQuery = (range: Record<string, string>, compare: boolean) =>
  new URLSearchParams({ ...range, ...(compare ? { compare: 'year-before' } : {}) }).toString();

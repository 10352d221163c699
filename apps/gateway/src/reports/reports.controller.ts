import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ImpactChartQuery,
  RegionImpactQuery,
  ReportingClient,
  ReportingSettingsDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { impactReportCsv } from './impact-csv.util';
import { impactChartSvg } from './impact-chart.util';
import { regionReportDocument, tablesXlsx } from './impact-xlsx.util';
import { tablesPdf } from './impact-pdf.util';
import { regionReportFileName } from './report-tables.util';
import { asDownload, asJsonText } from './download.util';

const DOWNLOAD_DESCRIPTION =
  'The same released, disclosure-controlled report as `GET /reports/impact` with the same query, cut from the ' +
  'same JSON: nothing is computed again, so no format shows more than another.';

const wantsCsv = (accept: string | undefined) => !!accept && /(^|,)\s*text\/csv\b/i.test(accept);

/**
 * A region's disclosure-controlled impact figures, for its commissioners and admins and platform admins.
 * The reporting service authorises and controls every figure; this turns the report into JSON, CSV or SVG.
 */
@ApiTag('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reporting: ReportingClient) {}

  @Get('reports/impact')
  @ApiDoc({
    summary: 'A region’s impact report: disclosure-controlled figures',
    description:
      '`regionId`, `period` (`month`, `quarter` or `year`), `from` and `to` (months, `YYYY-MM`, aligned to the period; at most five years), `by` (`lero`, the default, or `category`). ' +
      'Only periods the release sweep has released (7 days after they end) have figures, frozen from then on; ' +
      'the others are listed in `pending` with `releasesAt`. Counts under the region’s threshold (8 unless it chose a stricter one) are suppressed, others rounded to 5; a ' +
      'figure that sums LEROs needs three non-zero ones and no dominant one; LEROs shown only in the total are ' +
      'covered by two other such LEROs or not shown at all; month, quarter and year of a year are controlled ' +
      'together. Each released period says how many of the region’s LEROs recorded sessions (`completeness`); ' +
      '`compare=year-before` adds the same periods a year earlier as they were released. `Accept: text/csv` ' +
      'gives the same rows as CSV (`*` for suppressed). See docs/disclosure-control.md.',
    who: 'The region’s commissioners and admins; platform admins.',
    errors:
      '400 on `from` or `to` when not aligned to the period, the wrong way round, more than five years apart or in a period not yet begun; 403 for LERO roles; 404 for a region you do not work in.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiContractQuery(RegionImpactQuery)
  async impact(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(RegionImpactQuery)) query: RegionImpactQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // JSON: the text reporting wrote, sent on as it is (ADR 0094); CSV is cut from the report.
    if (!wantsCsv(accept)) return asJsonText(reply, await this.reporting.regionImpactJson(ctx, query));
    const report = await this.reporting.regionImpact(ctx, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="impact-${report.by}-${report.period}-${report.from}-${report.to}.csv"`,
      );
    return impactReportCsv(report);
  }

  @Get('reports/impact.csv')
  @ApiDoc({
    summary: 'A region’s impact report as CSV (suppressed figures are `*`)',
    description: `${DOWNLOAD_DESCRIPTION} A header line, a line per row, then each period’s regional total.`,
    who: 'The region’s commissioners and admins; platform admins.',
    errors: 'As for the report.',
  })
  @ApiProduces('text/csv')
  @ApiContractQuery(RegionImpactQuery)
  async csv(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(RegionImpactQuery)) query: RegionImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const report = await this.reporting.regionImpact(ctx, query);
    asDownload(reply, regionReportFileName(report, 'csv'), 'csv');
    return impactReportCsv(report);
  }

  @Get('reports/impact.xlsx')
  @ApiDoc({
    summary: 'A region’s impact report as a spreadsheet (XLSX; suppressed figures are `[c]`, as on screen)',
    description: `${DOWNLOAD_DESCRIPTION} A table per period as the web page shows it, and a sheet of notes.`,
    who: 'The region’s commissioners and admins; platform admins.',
    errors: 'As for the report.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiContractQuery(RegionImpactQuery)
  async xlsx(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(RegionImpactQuery)) query: RegionImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reporting.regionImpact(ctx, query);
    const file = await tablesXlsx(regionReportDocument(report));
    asDownload(reply, regionReportFileName(report, 'xlsx'), 'xlsx');
    return file;
  }

  @Get('reports/impact.pdf')
  @ApiDoc({
    summary: 'A region’s impact report as a PDF (suppressed figures are `[c]`, as on screen)',
    description: `${DOWNLOAD_DESCRIPTION} Laid out as the web page: a table per period, then what the marks mean.`,
    who: 'The region’s commissioners and admins; platform admins.',
    errors: 'As for the report.',
  })
  @ApiProduces('application/pdf')
  @ApiContractQuery(RegionImpactQuery)
  async pdf(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(RegionImpactQuery)) query: RegionImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reporting.regionImpact(ctx, query);
    const file = await tablesPdf(regionReportDocument(report));
    asDownload(reply, regionReportFileName(report, 'pdf'), 'pdf');
    return file;
  }

  @Get('reports/impact/chart.svg')
  @ApiDoc({
    summary: 'One metric of a region’s impact report as an SVG line chart',
    description:
      'The same query as the report, and `metric` (`attendances` unless given). Drawn from the same released, controlled figures as the JSON and CSV; a suppressed figure is a gap.',
    who: 'The region’s commissioners and admins; platform admins.',
    errors: 'As for the report.',
  })
  @ApiProduces('image/svg+xml')
  @ApiContractQuery(ImpactChartQuery)
  async chart(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(ImpactChartQuery)) { metric, ...query }: ImpactChartQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const report = await this.reporting.regionImpact(ctx, query);
    void reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return impactChartSvg(report, metric ?? 'attendances');
  }

  @Get('regions/:regionId/reporting-settings')
  @ApiDoc({
    summary: 'A region’s disclosure-control threshold',
    description:
      'Answers `{regionId, suppressBelow, roundTo}`: counts below `suppressBelow` (8 unless the region chose a stricter one) are suppressed, others rounded to `roundTo` (5).',
    who: 'The region’s commissioners and admins; platform admins.',
    errors: '403 for LERO roles; 404 for a region you do not work in.',
  })
  settings(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.reporting.getSettings(ctx, regionId);
  }

  @Put('regions/:regionId/reporting-settings')
  @ApiDoc({
    summary: 'Make a region’s disclosure control stricter',
    description:
      '`{suppressBelow}`: from 8 (the least a region may have) to 100. It applies to periods not yet released; released ones keep the threshold they were frozen with. Answers the settings.',
    who: 'The region’s admins; platform admins.',
    errors:
      '400 on `suppressBelow` below 8 (a region may be stricter, never laxer) or above 100; 403 for its commissioners and for LERO roles; 404 for a region you do not work in.',
  })
  @ApiContractBody(ReportingSettingsDto)
  updateSettings(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(ReportingSettingsDto)) dto: ReportingSettingsDto,
  ) {
    return this.reporting.updateSettings(ctx, regionId, dto);
  }
}

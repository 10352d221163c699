import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ImpactChartQuery,
  RegionImpactQuery,
  ReportingClient,
  ReportingSettingsDto,
  type RegionImpactReport,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { impactReportCsv } from './impact-csv.util';
import { impactChartSvg } from './impact-chart.util';
import { regionReportDocument, tablesXlsx } from './impact-xlsx.util';
import { tablesPdf } from './impact-pdf.util';
import { regionReportFileName } from './report-tables.util';
import { asDownload } from './download.util';

const DOWNLOAD_DESCRIPTION =
  'The same released, disclosure-controlled report as `GET /reports/impact` with the same query, cut from the ' +
  'same JSON: nothing is computed again, so no format shows more than another.';

const wantsCsv = (accept: string | undefined) => !!accept && /(^|,)\s*text\/csv\b/i.test(accept);

/**
 * A region's disclosure-controlled impact figures, for its commissioners and admins and platform admins.
 * The reporting service authorises and controls every figure; this turns the report into JSON, CSV or SVG.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reporting: ReportingClient) {}

  @Get('reports/impact')
  @ApiOperation({
    summary: 'A region’s disclosure-controlled impact figures (released periods only)',
    description:
      'Only periods the release sweep has released (7 days after they end) have figures, frozen from then on; ' +
      'the others are listed in `pending` with `releasesAt`. Counts of 1–7 are suppressed, others rounded to 5; a ' +
      'figure that sums LEROs needs three non-zero ones and no dominant one; LEROs shown only in the total are ' +
      'covered by two other such LEROs or not shown at all; month, quarter and year of a year are controlled ' +
      'together. Each released period says how many of the region’s LEROs recorded sessions (`completeness`); ' +
      '`compare=year-before` adds the same periods a year earlier as they were released. `Accept: text/csv` ' +
      'gives the same rows as CSV (`*` for suppressed). See docs/disclosure-control.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiContractQuery(RegionImpactQuery)
  async impact(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(RegionImpactQuery)) query: RegionImpactQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegionImpactReport | string> {
    const report = await this.reporting.regionImpact(ctx, query);
    if (!wantsCsv(accept)) return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="impact-${report.by}-${report.period}-${report.from}-${report.to}.csv"`,
      );
    return impactReportCsv(report);
  }

  @Get('reports/impact.csv')
  @ApiOperation({
    summary: 'The report as CSV (suppressed figures are `*`)',
    description: `${DOWNLOAD_DESCRIPTION} A header line, a line per row, then each period’s regional total.`,
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
  @ApiOperation({
    summary: 'The report as a spreadsheet (XLSX; suppressed figures are `[c]`, as on screen)',
    description: `${DOWNLOAD_DESCRIPTION} A table per period as the web page shows it, and a sheet of notes.`,
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
  @ApiOperation({
    summary: 'The report as a PDF (suppressed figures are `[c]`, as on screen)',
    description: `${DOWNLOAD_DESCRIPTION} Laid out as the web page: a table per period, then what the marks mean.`,
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
  @ApiOperation({
    summary: 'One metric of the report as an SVG line chart',
    description:
      'Drawn from the same released, controlled figures as the JSON and CSV; a suppressed figure is a gap.',
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
  settings(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.reporting.getSettings(ctx, regionId);
  }

  @Put('regions/:regionId/reporting-settings')
  @ApiContractBody(ReportingSettingsDto)
  updateSettings(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(ReportingSettingsDto)) dto: ReportingSettingsDto,
  ) {
    return this.reporting.updateSettings(ctx, regionId, dto);
  }
}

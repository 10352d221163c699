import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LeroImpactQuery, ReportingClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { leroReportCsv } from './impact-csv.util';
import { leroReportDocument, tablesXlsx } from './impact-xlsx.util';
import { leroReportFileName } from './report-tables.util';
import { asDownload, asJsonText } from './download.util';

const DOWNLOAD_DESCRIPTION =
  'The same query and the same exact figures as `GET /tenants/{tenantId}/reports/impact`, for the LERO’s own ' +
  'use: the file is named (and the spreadsheet headed) as not for publication.';
const DOWNLOAD_WHO = 'The LERO’s tenant-admins and coordinators.';
const DOWNLOAD_ERRORS = 'As for the LERO’s figures.';

/** A LERO's own exact figures for its tenant-admins and coordinators: labelled not for publication. */
@ApiTag('reports')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/reports')
export class LeroReportsController {
  constructor(private readonly reporting: ReportingClient) {}

  @Get('impact')
  @ApiDoc({
    summary: 'A LERO’s own exact figures',
    description:
      '`period` (`month`, `quarter` or `year`), `from` and `to` (months, `YYYY-MM`, aligned to the period; at most five years), `by=category` for a row per activity category. Exact counts without disclosure control, for the LERO’s own use and marked `notForPublication`; periods not yet released are `provisional` and may still change.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 on `from` or `to` as for a region’s report; 403 for its volunteers and members, its region’s admins and platform admins (they have the region’s report).',
  })
  @ApiContractQuery(LeroImpactQuery)
  async impact(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(LeroImpactQuery)) query: LeroImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // The text reporting wrote, sent on as it is (ADR 0094).
    return asJsonText(reply, await this.reporting.leroImpactJson(ctx, tenantId, query));
  }

  @Get('impact.csv')
  @ApiDoc({
    summary: 'A LERO’s own exact figures as CSV',
    description: `${DOWNLOAD_DESCRIPTION} A line per period (or per type of activity and the LERO’s total).`,
    who: DOWNLOAD_WHO,
    errors: DOWNLOAD_ERRORS,
  })
  @ApiProduces('text/csv')
  @ApiContractQuery(LeroImpactQuery)
  async csv(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(LeroImpactQuery)) query: LeroImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const report = await this.reporting.leroImpact(ctx, tenantId, query);
    asDownload(reply, leroReportFileName(report, 'csv'), 'csv');
    return leroReportCsv(report);
  }

  @Get('impact.xlsx')
  @ApiDoc({
    summary: 'A LERO’s own exact figures as a spreadsheet (XLSX)',
    description: `${DOWNLOAD_DESCRIPTION} Laid out as the web page shows them, with a sheet of notes.`,
    who: DOWNLOAD_WHO,
    errors: DOWNLOAD_ERRORS,
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiContractQuery(LeroImpactQuery)
  async xlsx(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(LeroImpactQuery)) query: LeroImpactQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reporting.leroImpact(ctx, tenantId, query);
    const file = await tablesXlsx(leroReportDocument(report));
    asDownload(reply, leroReportFileName(report, 'xlsx'), 'xlsx');
    return file;
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LeroImpactQuery, ReportingClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { leroReportCsv } from './impact-csv.util';
import { leroReportDocument, tablesXlsx } from './impact-xlsx.util';
import { leroReportFileName } from './report-tables.util';
import { asDownload } from './download.util';

const DOWNLOAD_DESCRIPTION =
  'The same exact figures as `GET /tenants/{tenantId}/reports/impact` with the same query, for the LERO’s ' +
  'own use: the file is named (and the spreadsheet headed) as not for publication.';

/** A LERO's own exact figures for its tenant-admins and coordinators: labelled not for publication. */
@ApiTags('reports')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/reports')
export class LeroReportsController {
  constructor(private readonly reporting: ReportingClient) {}

  @Get('impact')
  @ApiContractQuery(LeroImpactQuery)
  impact(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(LeroImpactQuery)) query: LeroImpactQuery,
  ) {
    return this.reporting.leroImpact(ctx, tenantId, query);
  }

  @Get('impact.csv')
  @ApiOperation({
    summary: 'A LERO’s own figures as CSV',
    description: `${DOWNLOAD_DESCRIPTION} A line per period (or per type of activity and the LERO’s total).`,
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
  @ApiOperation({
    summary: 'A LERO’s own figures as a spreadsheet (XLSX)',
    description: `${DOWNLOAD_DESCRIPTION} Laid out as the web page shows them, with a sheet of notes.`,
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

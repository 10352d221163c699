import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LeroImpactQuery, ReportingClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

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
}

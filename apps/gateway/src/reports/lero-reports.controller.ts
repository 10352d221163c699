import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { LeroImpactQuery, ReportingClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

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
  impact(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(LeroImpactQuery)) query: LeroImpactQuery,
  ) {
    return this.reporting.leroImpact(ctx, tenantId, query);
  }
}

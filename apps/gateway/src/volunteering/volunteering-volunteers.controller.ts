import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ListVolunteersQuery, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering/volunteers')
export class VolunteeringVolunteersController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Get()
  @ApiDoc({
    summary: 'The LERO’s active volunteers',
    description:
      'A page (`limit` 50 unless given, at most 100; `cursor` from `nextCursor`) of `{memberId}`: the LERO’s active ' +
      'members whose community roles include `volunteer`, as membership’s events tell it (a change shows here ' +
      'within moments). Member ids only; names come from the members API. The `volunteer` access grant (door ' +
      'duty) does not make anyone a volunteer here.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for region and platform staff and other LEROs’ people.',
  })
  @ApiContractQuery(ListVolunteersQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListVolunteersQuery)) query: ListVolunteersQuery,
  ) {
    return this.volunteering.listVolunteers(ctx, tenantId, query);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { MyShiftsQuery, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering/me')
export class VolunteeringMyShiftsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Get('shifts')
  @ApiDoc({
    summary: 'My shifts',
    description:
      '`from`, `to` (`YYYY-MM-DD`, the occurrences’ local dates; today and 90 days on unless given, at most 366 ' +
      'days) → `{from, to, items: [{shiftId, roleId, roleTitle, date, startsAt, endsAt, startTime, endTime, ' +
      'timezone, place, memberId, status, waitlistPosition, shiftStatus}]}`: the occurrences still to come that ' +
      'the account’s own member record is confirmed on or waitlisted for (`waitlistPosition` 1 for the first in ' +
      'line), soonest first; `shiftStatus: cancelled` when the whole shift was called off.',
    who:
      'Anyone holding a role in the LERO; an account with no member record there (the `volunteer` access grant ' +
      'alone, most staff) gets an empty list.',
    errors:
      '400 naming `from` or `to` (not a day, `to` before `from`, too long a range); 404 outside the LERO.',
  })
  @ApiContractQuery(MyShiftsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(MyShiftsQuery)) query: MyShiftsQuery,
  ) {
    return this.volunteering.myShifts(ctx, tenantId, query);
  }
}

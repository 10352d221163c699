import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CancelShiftDto,
  CreateShiftDto,
  PageQuery,
  RotaQuery,
  UpdateShiftDto,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const SHIFT_SHAPE =
  '`{id, roleId, startsAt, endsAt, durationMinutes, timezone, rrule, place, capacity, sessionId, status, ' +
  'cancelReason, next: [{startsAt, endsAt}], createdAt, updatedAt}` (`startsAt`/`endsAt` wall-clock in `timezone`; ' +
  '`next`: the coming occurrences, with the zone’s offset)';
const STAFF = 'The LERO’s tenant-admins and coordinators.';
const READERS =
  'The LERO’s tenant-admins and coordinators; its volunteers and members for shifts of an open role.';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering')
export class VolunteeringShiftsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post('roles/:roleId/shifts')
  @ApiDoc({
    summary: 'Add a shift to a volunteering role',
    description:
      '`{startsAt, endsAt | durationMinutes, timezone?, rrule?, place?, capacity, sessionId?}`. `startsAt` and ' +
      '`endsAt` are wall-clock times (`2027-01-05T10:00`) in `timezone` (Europe/London unless given); `rrule` ' +
      '(RFC 5545, e.g. `FREQ=WEEKLY;BYDAY=TU`) repeats it at the same local time across clock changes; ' +
      `\`capacity\` 1–500; \`sessionId\` ties it to an events session (its id only). Answers ${SHIFT_SHAPE}.`,
    who: STAFF,
    errors:
      '400 naming the field (a bad rule, a start in a clocks-forward gap, an end not after the start, capacity out ' +
      'of range, an unknown field); 403 for volunteers and members; 404 for a role not of this LERO.',
  })
  @ApiContractBody(CreateShiftDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
    @Body(new ContractPipe(CreateShiftDto)) dto: CreateShiftDto,
  ) {
    return this.volunteering.createShift(ctx, tenantId, roleId, dto);
  }

  @Get('roles/:roleId/shifts')
  @ApiDoc({
    summary: 'A volunteering role’s shifts',
    description:
      'A page of the role’s shifts (`limit` 50 unless given, at most 100), cancelled ones included.',
    who: READERS,
    errors:
      '404 for a role not of this LERO, a closed role asked by a volunteer or member, region and platform staff.',
  })
  @ApiContractQuery(PageQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
    @Query(new ContractPipe(PageQuery)) query: PageQuery,
  ) {
    return this.volunteering.listShifts(ctx, tenantId, roleId, query);
  }

  @Get('shifts/:shiftId')
  @ApiDoc({
    summary: 'One shift',
    description: `Answers ${SHIFT_SHAPE}.`,
    who: READERS,
    errors: '404 for a shift not of this LERO, one of a closed role asked by a volunteer or member.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
  ) {
    return this.volunteering.getShift(ctx, tenantId, shiftId);
  }

  @Patch('shifts/:shiftId')
  @ApiDoc({
    summary: 'Change a shift',
    description:
      'Any of the fields of a new shift; left out stays as it is, `rrule: null` makes it a one-off, `null` clears ' +
      '`place` and `sessionId`. A new `startsAt` keeps the length unless `endsAt` or `durationMinutes` is given. ' +
      'Answers the shift.',
    who: STAFF,
    errors:
      '400 naming the field; 403 for volunteers and members; 404 for a shift not of this LERO; 409 `ShiftCancelled`.',
  })
  @ApiContractBody(UpdateShiftDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
    @Body(new ContractPipe(UpdateShiftDto)) dto: UpdateShiftDto,
  ) {
    return this.volunteering.updateShift(ctx, tenantId, shiftId, dto);
  }

  @Post('shifts/:shiftId/cancel')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Cancel a shift',
    description:
      '`{reason?}`: every occurrence still to come is off; the rota shows it cancelled. Cancelling again changes ' +
      'nothing. Answers the shift.',
    who: STAFF,
    errors: '403 for volunteers and members; 404 for a shift not of this LERO.',
  })
  @ApiContractBody(CancelShiftDto)
  cancel(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
    @Body(new ContractPipe(CancelShiftDto)) dto: CancelShiftDto,
  ) {
    return this.volunteering.cancelShift(ctx, tenantId, shiftId, dto);
  }

  @Get('rota')
  @ApiDoc({
    summary: 'The week’s rota',
    description:
      '`week` (ISO, `2027-W05`; this week in Europe/London unless given) → `{week, from, to, days: [{date, shifts: ' +
      '[{shiftId, roleId, roleTitle, startsAt, endsAt, startTime, endTime, timezone, place, capacity, people, gap, ' +
      'status, sessionId}]}]}`: Monday to Sunday, each occurrence on its local date in its own zone, times with the ' +
      'zone’s offset; `gap` is the places still to fill; `people` (`[{memberId, displayName}]`) is who has a ' +
      'place — everyone for tenant-admins and coordinators, only themselves for others — named by membership at ' +
      'read time (`displayName` null for someone who left; `names: unavailable` and no names when membership ' +
      'cannot be asked).',
    who: 'Anyone holding a role in the LERO; volunteers and members see the shifts of open roles.',
    errors: '400 on `week` for a week that does not exist; 404 for region and platform staff.',
  })
  @ApiContractQuery(RotaQuery)
  rota(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(RotaQuery)) query: RotaQuery,
  ) {
    return this.volunteering.rota(ctx, tenantId, query);
  }
}

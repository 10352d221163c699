import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  ApproveHoursDto,
  ChangeHoursDto,
  DeclineHoursDto,
  ListHoursQuery,
  LogHoursDto,
  MAX_HOURS_DESCRIPTION,
  MyHoursQuery,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const ENTRY_SHAPE =
  '`{id, memberId, roleId, date, minutes, approvedMinutes, status, source, shiftId, description, declineReason, ' +
  'decidedBy, decidedAt, createdAt, updatedAt, version}` (`status` `pending` | `approved` | `declined`; `source` ' +
  '`shift` (proposed from a shift once it ended) | `logged`; `approvedMinutes`: what counts, null unless approved)';
const PAGE = 'A page by id, oldest first (`limit` 50 unless given, at most 100, `cursor`)';
const TOTALS_SHAPE =
  '`{memberId, year, allTimeMinutes, thisYearMinutes, byRole: [{roleId, title, allTimeMinutes, thisYearMinutes}]}` ' +
  '(approved minutes only; `year`: this year in the UK)';
const STAFF = 'The LERO’s tenant-admins and coordinators.';
const STAFF_400 = '400 naming the field; 403 for volunteers and members; 404 for an entry not of this LERO.';
const OWN = 'An account linked to a member record of the LERO, for that member.';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering')
export class VolunteeringHoursController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post('hours')
  @ApiDoc({
    summary: 'Log volunteering hours',
    description:
      '`{memberId, roleId, date: YYYY-MM-DD, minutes: 1–1440, description?}`: hours given outside a shift on the ' +
      `rota, on a day not to come, in a role of the LERO. \`description\` (at most ${MAX_HOURS_DESCRIPTION} ` +
      'characters) says what was done and **must not name anyone**: coordinators read it. The entry waits for a ' +
      `coordinator (\`pending\`); only approved hours count. Answers ${ENTRY_SHAPE}.`,
    who: `${STAFF} ${OWN}`,
    errors:
      '400 naming the field (a day to come, a role not of this LERO or, for a volunteer, not open, an unknown ' +
      'field); 403 for someone else’s member record or an account with none; 409 `NotAVolunteer` for a member ' +
      'who is not an active volunteer (their community roles).',
  })
  @ApiContractBody(LogHoursDto)
  log(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(LogHoursDto)) dto: LogHoursDto,
  ) {
    return this.volunteering.logHours(ctx, tenantId, dto);
  }

  @Get('hours')
  @ApiDoc({
    summary: 'Volunteers’ hours (the approvals queue)',
    description:
      `${PAGE} of the LERO’s entries, each ${ENTRY_SHAPE}; \`status=pending\` is the approvals queue, \`memberId\` ` +
      'one volunteer’s. The hours of confirmed sign-ups whose shift has ended are proposed as they are asked for.',
    who: `${STAFF} ${OWN} (with \`memberId\` their own).`,
    errors: '400 naming `status`, `memberId`, `limit` or `cursor`; 403 for anyone else of the LERO.',
  })
  @ApiContractQuery(ListHoursQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListHoursQuery)) query: ListHoursQuery,
  ) {
    return this.volunteering.listHours(ctx, tenantId, query);
  }

  @Post('hours/:entryId/approve')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Approve hours, perhaps adjusted',
    description:
      '`{minutes?}` (1–1440): approve as proposed or logged, or with these minutes instead. An approved entry ' +
      'may be approved again with other minutes, and a declined one approved. Answers the entry.',
    who: STAFF,
    errors: STAFF_400,
  })
  @ApiContractBody(ApproveHoursDto)
  approve(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('entryId') entryId: string,
    @Body(new ContractPipe(ApproveHoursDto)) dto: ApproveHoursDto,
  ) {
    return this.volunteering.approveHours(ctx, tenantId, entryId, dto);
  }

  @Post('hours/:entryId/decline')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Decline hours',
    description:
      '`{reason}` (at most 500 characters): the volunteer sees it. Declining approved hours withdraws them (they ' +
      'no longer count). Answers the entry.',
    who: STAFF,
    errors: STAFF_400,
  })
  @ApiContractBody(DeclineHoursDto)
  decline(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('entryId') entryId: string,
    @Body(new ContractPipe(DeclineHoursDto)) dto: DeclineHoursDto,
  ) {
    return this.volunteering.declineHours(ctx, tenantId, entryId, dto);
  }

  @Get('me/hours')
  @ApiDoc({
    summary: 'My volunteering hours',
    description: `${PAGE} of the caller’s own entries (perhaps of one \`status\`), each ${ENTRY_SHAPE}, with the reason of any decline.`,
    who: OWN,
    errors: '400 naming `status`, `limit` or `cursor`; 403 for an account linked to no member record.',
  })
  @ApiContractQuery(MyHoursQuery)
  mine(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(MyHoursQuery)) query: MyHoursQuery,
  ) {
    return this.volunteering.myHours(ctx, tenantId, query);
  }

  @Get('me/hours/totals')
  @ApiDoc({
    summary: 'My approved hours in total',
    description: `The caller’s own totals: ${TOTALS_SHAPE}.`,
    who: OWN,
    errors: '403 for an account linked to no member record.',
  })
  myTotals(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.volunteering.myHoursTotals(ctx, tenantId);
  }

  @Get('volunteers/:memberId/hours/totals')
  @ApiDoc({
    summary: 'A volunteer’s approved hours in total',
    description: `${TOTALS_SHAPE}.`,
    who: `${STAFF} ${OWN}`,
    errors: '403 for other people of the LERO; 404 for a member this LERO does not know.',
  })
  totals(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.volunteering.hoursTotals(ctx, tenantId, memberId);
  }

  @Patch('me/hours/:entryId')
  @ApiDoc({
    summary: 'Change my pending hours',
    description:
      '`{roleId?, date?, minutes?, description?}`: the caller’s own hours they logged, while still waiting for a ' +
      'coordinator (`pending`). Fields left out stay as they are; `description: null` clears it (it **must not ' +
      `name anyone**). Answers ${ENTRY_SHAPE}, its \`version\` one higher when anything changed.`,
    who: OWN,
    errors:
      '400 naming the field (a day to come, a role not of this LERO or not open); 403 for an account linked to no ' +
      'member record; 404 for an entry not theirs; 409 `ProposedFromShift` (a coordinator adjusts those), ' +
      '`HoursDecided` (approved or declined).',
  })
  @ApiContractBody(ChangeHoursDto)
  changeMine(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('entryId') entryId: string,
    @Body(new ContractPipe(ChangeHoursDto)) dto: ChangeHoursDto,
  ) {
    return this.volunteering.changeMyHours(ctx, tenantId, entryId, dto);
  }

  @Delete('me/hours/:entryId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Withdraw my pending hours',
    description: 'Deletes the caller’s own logged hours while still `pending`. Answers 204.',
    who: OWN,
    errors:
      '403 for an account linked to no member record; 404 for an entry not theirs; 409 `ProposedFromShift`, ' +
      '`HoursDecided`.',
  })
  async withdrawMine(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('entryId') entryId: string,
  ): Promise<void> {
    await this.volunteering.withdrawMyHours(ctx, tenantId, entryId);
  }
}

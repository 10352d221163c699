import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CancelSessionDto,
  EventsClient,
  ListSessionsQuery,
  MemberRefDto,
  RegisterEntryDto,
  WalkInsDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

/** Sessions of a LERO's activities: the programme, RSVPs, and the register at the door. */
@ApiTags('sessions')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/sessions')
export class SessionsController {
  constructor(private readonly events: EventsClient) {}

  @Get()
  @ApiContractQuery(ListSessionsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListSessionsQuery)) query: ListSessionsQuery,
  ) {
    return this.events.listSessions(ctx, tenantId, query);
  }

  @Get(':sessionId')
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.getSession(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/cancel')
  @HttpCode(200)
  @ApiContractBody(CancelSessionDto)
  cancel(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body(new ContractPipe(CancelSessionDto)) dto: CancelSessionDto,
  ) {
    return this.events.cancelSession(ctx, tenantId, sessionId, dto);
  }

  @Get(':sessionId/rsvps')
  rsvps(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.listRsvps(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/rsvps')
  @ApiContractBody(MemberRefDto)
  rsvp(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body(new ContractPipe(MemberRefDto)) dto: MemberRefDto,
  ) {
    return this.events.createRsvp(ctx, tenantId, sessionId, dto);
  }

  @Delete(':sessionId/rsvps/:memberId')
  @HttpCode(204)
  async withdraw(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.events.deleteRsvp(ctx, tenantId, sessionId, memberId);
  }

  @Get(':sessionId/attendance')
  attendance(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.getAttendance(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/attendance')
  @ApiContractBody(MemberRefDto)
  checkIn(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body(new ContractPipe(MemberRefDto)) dto: MemberRefDto,
  ) {
    return this.events.recordAttendance(ctx, tenantId, sessionId, dto);
  }

  @Delete(':sessionId/attendance/:memberId')
  @HttpCode(204)
  async undoCheckIn(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.events.removeAttendance(ctx, tenantId, sessionId, memberId);
  }

  @Put(':sessionId/register')
  @ApiOperation({
    summary: 'Enter a session’s register in one go (afterwards, from a paper register)',
    description:
      'Says how the register should be: `present` members are checked in unless they are already, `absent` ' +
      'ones have their check-in removed, and `walkIns` (a total, not a change) replaces the count; people it ' +
      'does not name are left as they are, so sending it again changes nothing. With `walkInsWas` (the count ' +
      'the form showed), a count someone else changed meanwhile is a 409 `RegisterChanged` rather than ' +
      'overwritten. The register’s rules hold: open from an hour before the start to 30 days after, not for a ' +
      'cancelled session, active members only (404 `Member` otherwise); a session that has ended is announced ' +
      'as held once. Staff and volunteers.',
  })
  @ApiContractBody(RegisterEntryDto)
  enterRegister(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body(new ContractPipe(RegisterEntryDto)) dto: RegisterEntryDto,
  ) {
    return this.events.enterRegister(ctx, tenantId, sessionId, dto);
  }

  @Post(':sessionId/walk-ins')
  @ApiContractBody(WalkInsDto)
  @ApiIdempotencyKey()
  @ApiResponse({
    status: 201,
    description: 'The register after the change; for a repeated Idempotency-Key, the first answer again.',
  })
  walkIns(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body(new ContractPipe(WalkInsDto)) dto: WalkInsDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.events.recordWalkIns(ctx, tenantId, sessionId, dto, idempotencyKey);
  }
}

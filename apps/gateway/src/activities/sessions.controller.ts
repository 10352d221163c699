import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
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
import { ApiDoc, ApiTag } from '../http/api-doc';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

/** Sessions of a LERO's activities: the programme, RSVPs, and the register at the door. */
@ApiTag('sessions')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/sessions')
export class SessionsController {
  constructor(private readonly events: EventsClient) {}

  @Get()
  @ApiDoc({
    summary: 'The LERO’s programme: sessions in a window of time',
    description:
      'Sessions in order of their start, with their activity’s title, category, place and counts (`going`, `waitlisted`, `attended`, `walkIns`), cancelled ones included (`status`, `cancelReason`). By default the coming three months, with sessions going on now (started, not yet ended) included; `from` (inclusive) and `to` (exclusive) are dates (`2027-03-01`, midnight UTC) or date-times with an offset, at most 400 days apart. `category` and `activityId` narrow it. Answers `{items, nextCursor}` (`limit` 200 unless given, at most 500).',
    who: 'Anyone holding a role in the LERO: tenant-admins, coordinators, volunteers, members.',
    errors:
      '400 on `to` when it is not after `from` or too far from it; 400 on `cursor` for one not from a previous page; 404 for region and platform staff.',
  })
  @ApiContractQuery(ListSessionsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListSessionsQuery)) query: ListSessionsQuery,
  ) {
    return this.events.listSessions(ctx, tenantId, query);
  }

  @Get(':sessionId')
  @ApiDoc({
    summary: 'One session',
    description:
      'Answers `{id, activityId, title, category, visibility, location, startsAt, endsAt, timezone, status, cancelReason, capacity, going, waitlisted, attended, walkIns}`.',
    who: 'Anyone holding a role in the LERO.',
    errors: '404 for region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.getSession(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/cancel')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Cancel one session',
    description:
      '`{reason?}`, shown with the session. The rest of the activity’s sessions stay as they are; cancelling twice is fine. Answers the session.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '409 `SessionPast` for a session that has ended; 409 `SessionHasAttendance` once anyone was checked in or walked in (it took place); 403 for its volunteers and members.',
  })
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
  @ApiDoc({
    summary: 'Who is coming to a session',
    description:
      'Answers `{items: [{memberId, displayName, status}]}` with `status` `going` or `waitlisted` (first come, first served). A member sees only their own RSVP.',
    who: 'The LERO’s tenant-admins, coordinators and volunteers (everyone’s RSVPs); its members (their own).',
    errors: '403 for a member with no member record linked; 404 for region and platform staff.',
  })
  rsvps(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.listRsvps(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/rsvps')
  @ApiDoc({
    summary: 'RSVP a member to a session',
    description:
      '`{memberId}`: an active member of the LERO (a member gives their own). `going` while the session has room, else `waitlisted`; a place freed later goes to the first on the waitlist. RSVPing again changes nothing. Answers `{sessionId, memberId, status}`.',
    who: 'The LERO’s tenant-admins and coordinators (for any member); its members (for themselves).',
    errors:
      '403 for a member RSVPing someone else, and for volunteers; 404 for a `memberId` that is not an active member of the LERO; 409 `SessionCancelled`, or `SessionPast` once the session has started.',
  })
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
  @ApiDoc({
    summary: 'Withdraw an RSVP',
    description: 'A place given up before the session starts goes to the first on the waitlist. Answers 204.',
    who: 'The LERO’s tenant-admins and coordinators (anyone’s RSVP); its members (their own).',
    errors:
      '403 for a member withdrawing someone else’s RSVP, and for volunteers; 404 when there is no such RSVP.',
  })
  async withdraw(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.events.deleteRsvp(ctx, tenantId, sessionId, memberId);
  }

  @Get(':sessionId/attendance')
  @ApiDoc({
    summary: 'The register of a session: who came',
    description:
      'Answers `{members: [{memberId, displayName}], walkIns, formerMembers, total}`: named check-ins in the order they came, walk-ins (a count, never names), and check-ins of people since erased (`formerMembers`: counted, no longer named).',
    who: 'The LERO’s tenant-admins, coordinators and volunteers (at the door).',
    errors: '403 for its members; 404 for region and platform staff.',
  })
  attendance(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.events.getAttendance(ctx, tenantId, sessionId);
  }

  @Post(':sessionId/attendance')
  @ApiDoc({
    summary: 'Check a member in at a session',
    description:
      '`{memberId}`: an active member of the LERO. Checking someone in twice counts once (`recorded: false` the second time). Answers `{sessionId, memberId, recorded, attended, walkIns, total}`.',
    who: 'The LERO’s tenant-admins, coordinators and volunteers (at the door).',
    errors:
      '404 for a `memberId` that is not an active member of the LERO; the register opens an hour before the session starts (409 `RegisterNotOpen`) and closes 30 days after (409 `RegisterClosed`); 409 `SessionCancelled` for a cancelled session; 403 for its members.',
  })
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
  @ApiDoc({
    summary: 'Undo a check-in',
    description: 'For someone checked in by mistake. Answers 204.',
    who: 'The LERO’s tenant-admins, coordinators and volunteers (at the door).',
    errors:
      '404 `NotCheckedIn` when the member is not checked in; the register opens an hour before the session starts (409 `RegisterNotOpen`) and closes 30 days after (409 `RegisterClosed`); 409 `SessionCancelled` for a cancelled session; 403 for its members.',
  })
  async undoCheckIn(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('sessionId') sessionId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.events.removeAttendance(ctx, tenantId, sessionId, memberId);
  }

  @Put(':sessionId/register')
  @ApiDoc({
    summary: 'Enter a session’s register in one go (afterwards, from a paper register)',
    description:
      '`{present?, absent?, walkIns?, walkInsWas?}` says how the register should be: `present` members are ' +
      'checked in unless they are already, `absent` ones have their check-in removed, `walkIns` (a total, not a ' +
      'change) replaces the count; people it does not name are left as they are, so sending it again changes ' +
      'nothing. With `walkInsWas` (the count the form showed), a count someone else changed meanwhile is refused ' +
      'rather than overwritten. A session that has ended is announced as held once. Answers the register’s ' +
      'counts and what changed `{sessionId, attended, walkIns, total, checkedIn, removed, walkInsChange}`.',
    who: 'The LERO’s tenant-admins, coordinators and volunteers.',
    errors:
      '409 `RegisterChanged` when the walk-ins are no longer `walkInsWas`; the register opens an hour before ' +
      'the session starts (409 `RegisterNotOpen`) and closes 30 days after (409 `RegisterClosed`); 409 ' +
      '`SessionCancelled`; 404 `Member` when someone named is not an active member of the LERO (nothing is ' +
      'changed); 400 when someone is both present and absent; 403 for its members.',
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
  @ApiDoc({
    summary: 'Count people who came without giving a name',
    description:
      '`{count}`: how many walked in (a whole number up to 1,000); a negative count corrects a miscount. Walk-ins are only ever a number. Send an `Idempotency-Key` so that a retry after a lost answer is not counted twice. Answers the register’s counts `{sessionId, attended, walkIns, total}`.',
    who: 'The LERO’s tenant-admins, coordinators and volunteers (at the door).',
    errors:
      '409 `WalkInsBelowZero` (with `walkIns`) for a correction that would take the count below zero; the register opens an hour before the session starts (409 `RegisterNotOpen`) and closes 30 days after (409 `RegisterClosed`); 409 `SessionCancelled` for a cancelled session; 409 `IdempotencyKeyInFlight` and 422 `IdempotencyKeyReused` (see `Idempotency-Key`); 403 for its members.',
  })
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

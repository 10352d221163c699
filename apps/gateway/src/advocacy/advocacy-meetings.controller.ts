import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdvocacyRepresentationClient,
  ListMeetingsQuery,
  LogMeetingDto,
  UpdateMeetingDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { REPRESENTATION_NOT_STAFF as NOT_STAFF, REPRESENTATION_STAFF as STAFF } from './representation-docs';

const MEETING_SHAPE =
  '`{id, seatId, body: {name, kind}, date, representedBy, askIds, outcome, createdAt, updatedAt}`';

/** The meetings a LERO attended, the second half of its representation log (ADR 0069). */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy/meetings')
export class AdvocacyMeetingsController {
  constructor(private readonly representation: AdvocacyRepresentationClient) {}

  @Post()
  @ApiDoc({
    summary: 'Log a meeting attended',
    description:
      '`{seatId | body: {name, kind}, date: YYYY-MM-DD, representedBy, askIds?, outcome?}`: at one of the LERO’s ' +
      'seats or another body (one of the two), on a day not in the future, by whoever went, as they chose to be ' +
      'named (a display name, or “a volunteer”: the text is kept as given, no member id), the LERO’s asks raised ' +
      'or followed up there (at most 20) and what came of it in a sentence (≤ 300). Publishes ' +
      `\`evt.advocacy.meeting.logged\`. Answers ${MEETING_SHAPE}.`,
    who: STAFF,
    errors: `400 naming the field (neither or both of seatId and body, a seat or ask not of this LERO, a date in the future or not a real day, text too long); ${NOT_STAFF}`,
  })
  @ApiContractBody(LogMeetingDto)
  log(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(LogMeetingDto)) dto: LogMeetingDto,
  ) {
    return this.representation.logMeeting(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The meetings the LERO attended',
    description:
      'A page of meetings, latest first (`limit` 50 unless given, at most 100), dated on or after `from` and on or ' +
      'before `to` (YYYY-MM-DD) when given.',
    who: STAFF,
    errors: `400 for a date that is not a real day or \`to\` before \`from\`; ${NOT_STAFF}`,
  })
  @ApiContractQuery(ListMeetingsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListMeetingsQuery)) query: ListMeetingsQuery,
  ) {
    return this.representation.listMeetings(ctx, tenantId, query);
  }

  @Get(':meetingId')
  @ApiDoc({
    summary: 'One meeting',
    description: `Answers ${MEETING_SHAPE}.`,
    who: STAFF,
    errors: `404 for a meeting not of this LERO; ${NOT_STAFF}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('meetingId') meetingId: string,
  ) {
    return this.representation.getMeeting(ctx, tenantId, meetingId);
  }

  @Patch(':meetingId')
  @ApiDoc({
    summary: 'Change a meeting',
    description:
      'Fields left out stay as they are; `seatId` or `body` (not both) moves it; `askIds` replaces the links; ' +
      '`outcome: null` clears it. A new date publishes `evt.advocacy.meeting.logged` again. Answers the meeting.',
    who: STAFF,
    errors: `400 naming the field; 404 for a meeting not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(UpdateMeetingDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('meetingId') meetingId: string,
    @Body(new ContractPipe(UpdateMeetingDto)) dto: UpdateMeetingDto,
  ) {
    return this.representation.updateMeeting(ctx, tenantId, meetingId, dto);
  }

  @Delete(':meetingId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Remove a meeting logged by mistake',
    description: 'Publishes `evt.advocacy.meeting.removed`. Answers 204.',
    who: STAFF,
    errors: `404 for a meeting not of this LERO; ${NOT_STAFF}`,
  })
  async remove(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('meetingId') meetingId: string,
  ): Promise<void> {
    await this.representation.removeMeeting(ctx, tenantId, meetingId);
  }
}

import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiParam, ApiProduces } from '@nestjs/swagger';
import {
  EventsClient,
  PublicCalendarRequest,
  PublicSessionsQuery,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';

/** No sign-in: what an active LERO runs that anyone may come to, as a listing and a calendar feed. */
@ApiTag('public')
@ApiParam({ name: 'slug', description: 'The LERO’s short name', schema: { type: 'string', maxLength: 60 } })
@Public()
@Controller('api/v1/public/leros/:slug')
export class PublicProgrammeController {
  constructor(private readonly events: EventsClient) {}

  @Get('sessions')
  @ApiDoc({
    summary: 'A LERO’s public programme',
    description:
      'Sessions of the LERO’s public activities, in order of their start (at most 500): `{lero: {name, slug}, items: [{id, activityId, title, category, description, location, startsAt, endsAt, timezone, status, capacity, placesLeft}]}`. Never who is going or who came: `placesLeft` is a count (null without a limit). By default the coming three months; `from` and `to` as for the LERO’s own programme, at most 400 days apart.',
    who: 'Anyone, without signing in.',
    errors:
      '404 for a slug that is not an active LERO’s (onboarding, suspended and archived LEROs have no public pages).',
  })
  @ApiContractQuery(PublicSessionsQuery)
  sessions(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicCalendarRequest)) { slug }: PublicCalendarRequest,
    @Query(new ContractPipe(PublicSessionsQuery)) query: PublicSessionsQuery,
  ) {
    return this.events.publicSessions(ctx, slug, query);
  }

  @Get('calendar.ics')
  @ApiDoc({
    summary: 'A LERO’s public programme as a calendar feed',
    description:
      'An iCalendar (RFC 5545) feed to subscribe to in a calendar app: the public sessions of the last 30 days and the year ahead (at most 2,000), cancelled ones marked as such.',
    who: 'Anyone, without signing in.',
    errors: '404 for a slug that is not an active LERO’s.',
  })
  @ApiProduces('text/calendar')
  @Header('content-type', 'text/calendar; charset=utf-8')
  async calendar(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicCalendarRequest)) { slug }: PublicCalendarRequest,
  ): Promise<string> {
    return (await this.events.publicCalendar(ctx, slug)).ics;
  }
}

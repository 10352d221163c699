import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EventsClient,
  PublicCalendarRequest,
  PublicSessionsQuery,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { Context } from '../http/request-context';

/** No sign-in: what an active LERO runs that anyone may come to, as a listing and a calendar feed. */
@ApiTags('public')
@ApiParam({ name: 'slug', description: 'The LERO’s short name', schema: { type: 'string', maxLength: 60 } })
@Public()
@Controller('api/v1/public/leros/:slug')
export class PublicProgrammeController {
  constructor(private readonly events: EventsClient) {}

  @Get('sessions')
  @ApiContractQuery(PublicSessionsQuery)
  sessions(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicCalendarRequest)) { slug }: PublicCalendarRequest,
    @Query(new ContractPipe(PublicSessionsQuery)) query: PublicSessionsQuery,
  ) {
    return this.events.publicSessions(ctx, slug, query);
  }

  @Get('calendar.ics')
  @ApiProduces('text/calendar')
  @Header('content-type', 'text/calendar; charset=utf-8')
  async calendar(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicCalendarRequest)) { slug }: PublicCalendarRequest,
  ): Promise<string> {
    return (await this.events.publicCalendar(ctx, slug)).ics;
  }
}

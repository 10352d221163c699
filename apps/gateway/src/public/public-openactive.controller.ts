import { Controller, Get, Param, Query, Req, Res, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  EventsClient,
  OpenActiveFeedQuery,
  OpenActiveRegionRequest,
  validatePayload,
  type OpenActiveFeed,
  type OpenActiveFeedPage,
  type OpenActiveItem,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag, type OperationDoc } from '../http/api-doc';
import { Context } from '../http/request-context';
import { requestOrigin } from '../directory/oruk-openapi';

/** The licence of the feed's data (OpenActive's recommendation). */
export const OPENACTIVE_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

/** The region's slug from the path, validated as the contract has it (400 naming `regionSlug`). */
const REGION_SLUG: PipeTransform<string, string> = {
  transform: (value) => validatePayload(OpenActiveRegionRequest, { regionSlug: value }).regionSlug,
};

/** RPDE's answer: the page, and the next page's address (this one again when it was empty). */
export interface RpdePage {
  next: string;
  items: OpenActiveItem[];
  license: string;
}

const doc = (what: string, shape: string): OperationDoc => ({
  summary: `The region’s ${what} (OpenActive RPDE feed)`,
  description: `An [RPDE](https://openactive.io/realtime-paged-data-exchange/) feed ordered by "modified timestamp and ID": \`{next, items: [{state, kind, id, modified, data?}], license}\`, at most 500 items a page, each item's last change; follow \`next\` (\`afterTimestamp\` and \`afterId\` of the last item) until a page comes back empty, and again later for changes. ${shape} Only the public activities of the region's active LEROs that chose OpenActive (\`publishToOpenActive\`), not opted out of the directory, running, and of a physical-activity category (walking, sport and fitness); an item that leaves — the LERO stops publishing or is suspended or archived, the activity is paused, ended, removed, made members-only or opted out, a session is cancelled — comes again as \`state: deleted\` without \`data\`. With the location on request, the place is only the postcode's district.`,
  who: 'Anyone, without signing in.',
  errors:
    '400 for an `afterTimestamp` that is not an integer, an `afterId` that is not a UUID, or one of them without the other (naming it); 404 for a slug that is no region’s; 429 beyond `PUBLIC_RATE_LIMIT` requests a minute from one address.',
});

/** No sign-in: a region's public sessions for activity finders, as OpenActive RPDE feeds (ADR 0078). */
@ApiTag('public')
@ApiParam({
  name: 'regionSlug',
  description: 'The region’s short name',
  schema: { type: 'string', maxLength: 60 },
})
@Public()
@Controller('api/v1/public/regions/:regionSlug/openactive')
export class PublicOpenActiveController {
  constructor(private readonly events: EventsClient) {}

  @Get('session-series')
  @ApiDoc(
    doc(
      'activities',
      'Each item is a `SessionSeries`: name, description, activity (the OpenActive activity list), organizer (the LERO, with its contact email when it made it public), location (`Place` with address and geo), duration.',
    ),
  )
  @ApiContractQuery(OpenActiveFeedQuery)
  sessionSeries(
    @Context() ctx: RequestContext,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OpenActiveFeedQuery)) query: OpenActiveFeedQuery,
  ): Promise<RpdePage> {
    return this.page(ctx, req, reply, slug, 'session-series', query);
  }

  @Get('scheduled-sessions')
  @ApiDoc(
    doc(
      'sessions',
      'Each item is a `ScheduledSession` of a series (`superEvent`): start and end, duration, `eventStatus`.',
    ),
  )
  @ApiContractQuery(OpenActiveFeedQuery)
  scheduledSessions(
    @Context() ctx: RequestContext,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OpenActiveFeedQuery)) query: OpenActiveFeedQuery,
  ): Promise<RpdePage> {
    return this.page(ctx, req, reply, slug, 'scheduled-sessions', query);
  }

  private async page(
    ctx: RequestContext,
    req: FastifyRequest,
    reply: FastifyReply,
    regionSlug: string,
    feed: OpenActiveFeed,
    query: OpenActiveFeedQuery,
  ): Promise<RpdePage> {
    const origin = requestOrigin(req);
    const page: OpenActiveFeedPage = await this.events.openActiveFeed(
      ctx,
      { regionSlug, feed, base: origin },
      query,
    );
    const here = `${origin}/api/v1/public/regions/${regionSlug}/openactive/${feed}`;
    const last = page.items.at(-1);
    const after = last ?? (query.afterId ? { modified: query.afterTimestamp, id: query.afterId } : null);
    const next = after
      ? `${here}?afterTimestamp=${encodeURIComponent(String(after.modified))}&afterId=${encodeURIComponent(after.id)}`
      : here;
    // A full page stays as it is for long; the last one changes as soon as anything does.
    reply.header('cache-control', page.full ? 'public, max-age=3600' : 'public, max-age=8');
    return { next, items: page.items, license: OPENACTIVE_LICENSE };
  }
}

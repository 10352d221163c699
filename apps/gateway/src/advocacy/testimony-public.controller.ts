import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import {
  PublicRegionTestimonyRequest,
  PublicTestimonyRequest,
  TestimonyClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';

/** No sign-in: a LERO's, or a region's LEROs', published testimony (ADR 0066). */
@ApiTag('public')
@ApiParam({ name: 'slug', description: 'The short name', schema: { type: 'string', maxLength: 60 } })
@Public()
@Controller('api/v1/public')
export class PublicTestimonyController {
  constructor(private readonly testimony: TestimonyClient) {}

  @Get('leros/:slug/testimony')
  @ApiDoc({
    summary: 'A LERO’s published testimony',
    description:
      '`{lero: {name, slug}, themes: [{title, prompt, pieces: [text]}]}`: the themes whose approved statements ' +
      'come from at least their threshold of distinct contributors (never fewer than 5), each theme’s statements ' +
      'in a fresh random order on every read, with no date, no id and nothing of who wrote them.',
    who: 'Anyone, without signing in.',
    errors:
      '404 for a slug that is not an active LERO’s (onboarding, suspended and archived LEROs have no public pages).',
  })
  page(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicTestimonyRequest)) { slug }: PublicTestimonyRequest,
  ) {
    return this.testimony.publicTestimony(ctx, slug);
  }

  @Get('regions/:slug/testimony')
  @ApiDoc({
    summary: 'A region’s published testimony',
    description:
      '`{region: {name, slug}, themes: [{title, prompt, pieces: [text]}], leros: [{lero: {name, slug}, themes: ' +
      '[…]}]}`: the region’s own published themes (run by its admins across its LEROs), then each of the region’s ' +
      'active LEROs that has published themes, as on its own page (statements in a fresh random order, with no ' +
      'date, id or author).',
    who: 'Anyone, without signing in.',
    errors: '404 for a slug that is not a region’s.',
  })
  ofRegion(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicRegionTestimonyRequest)) { slug }: PublicRegionTestimonyRequest,
  ) {
    return this.testimony.publicRegionTestimony(ctx, slug);
  }
}

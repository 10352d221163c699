import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import {
  AdvocacyAsksClient,
  PublicLeroAsksRequest,
  PublicRegionAsksRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';

const ASK =
  '`{id, what, body: {name, kind}, source: consultation | meeting | members, raisedOn, status, updates: [{status, ' +
  'date, text, reason}]}`';
const CONSULTATION =
  '`{title, purpose, askedBy, useOfAnswers, opensAt, closesAt, closedAt, audience, results: {responses, questions: ' +
  '[{key, kind, text, options, counts}]} | null, published: [{question, text, texts}]}`: a closed consultation, ' +
  'latest closed first (at most 50). `results` is null below the consultation’s threshold of responses (the ' +
  'same rule as for its staff; never a free-text answer, never a cross-tabulation); `published` holds the free ' +
  'texts a staff member published after review and edit (ADR 0075)';
const COUNTS =
  '`counts` (`{raised, acknowledged, in-progress, done, partly-done, declined, total}` of its public asks) is null ' +
  'for a LERO whose figures are `regional-total-only`';

/**
 * No sign-in: "you said, we did", the public asks of a LERO or of a region’s LEROs and their outcomes (ADR 0065), and
 * the closed consultations of the LERO or the region (ADR 0075).
 */
@ApiTag('public')
@ApiParam({ name: 'slug', description: 'The short name', schema: { type: 'string', maxLength: 60 } })
@Public()
@Controller('api/v1/public')
export class PublicAsksController {
  constructor(private readonly asks: AdvocacyAsksClient) {}

  @Get('leros/:slug/you-said-we-did')
  @ApiDoc({
    summary: 'A LERO’s “you said, we did”',
    description:
      `The asks the LERO made public, latest raised first (at most 200), each with its timeline, and the closed ` +
      `consultations its staff chose to show (\`public\`): \`{lero: {name, slug}, counts, items: [${ASK}], consultations: [consultation]}\`; ${COUNTS}, ` +
      `and so is each consultation’s \`results\` then. A consultation is ${CONSULTATION}. Nobody is named: no ` +
      `member, no staff.`,
    who: 'Anyone, without signing in.',
    errors: '404 for a slug that is not an active LERO’s.',
  })
  ofLero(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicLeroAsksRequest)) { slug }: PublicLeroAsksRequest,
  ) {
    return this.asks.publicLeroAsks(ctx, slug);
  }

  @Get('regions/:slug/you-said-we-did')
  @ApiDoc({
    summary: 'A region’s “you said, we did”',
    description:
      'The public asks of the region and of its active LEROs: `{region: {name, slug}, totals, regionAsks: [ask], ' +
      'leros: [{lero, counts, items}], pooled: [ask]}`. `regionAsks`: the region’s own. `leros`: the LEROs whose ' +
      'figures are `per-lero` and that have public asks, by name, each with its `counts`. `pooled`: the public asks ' +
      'of the LEROs whose figures are `regional-total-only`, together and naming no LERO, latest raised first. ' +
      '`totals` counts them all. `regionConsultations`: the region’s own closed consultations its admins chose ' +
      'to show (`public`; its LEROs’ are on ' +
      `their own pages), each ${CONSULTATION}.`,
    who: 'Anyone, without signing in.',
    errors: '404 for a slug that is not a region’s.',
  })
  ofRegion(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicRegionAsksRequest)) { slug }: PublicRegionAsksRequest,
  ) {
    return this.asks.publicRegionAsks(ctx, slug);
  }
}

import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ASK_STATUSES, SLUG_PATTERN, type AskCounts, type PublicAskView } from '@hearth/contracts';
import { PublicAsksApi } from '../api/advocacy-asks-api';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { STATUS_WORDS, askCard } from './ask-form';

/** A LERO's or a region's short name as the API takes it; anything else is a missing page. */
export const isSlug = (value: string) => value.length >= 2 && value.length <= 60 && SLUG_PATTERN.test(value);

/** "12 asks: 3 done, 1 declined …" — the statuses with any, in the timeline's order; null shows nothing. */
const countsInWords = (c: AskCounts | null) =>
  c && {
    total: `${c.total} public ${c.total === 1 ? 'ask' : 'asks'}`,
    byStatus: ASK_STATUSES.filter((s) => c[s] > 0)
      .map((s) => `${c[s]} ${STATUS_WORDS[s].toLowerCase()}`)
      .join(', '),
  };

const cards = (items: PublicAskView[]) => items.map(askCard);

/**
 * The public "You said, we did" pages (ADR 0070), no sign-in: a LERO's and a region's asks and what came of them, as
 * the API publishes them. A LERO whose figures are `regional-total-only` has no counts on its page, and on the
 * region's its asks are pooled naming no LERO (the API decides both; the page shows what it is given).
 */
@WebController()
export class PublicAsksController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get('leros/:slug/you-said-we-did')
  async lero(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await new PublicAsksApi(this.api, callContext(req)).lero(slug);
    await this.pages.render(req, reply, 'advocacy/public-lero', {
      lero: page.lero,
      counts: countsInWords(page.counts),
      items: cards(page.items),
    });
  }

  @Get('regions/:slug/you-said-we-did')
  async region(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await new PublicAsksApi(this.api, callContext(req)).region(slug);
    await this.pages.render(req, reply, 'advocacy/public-region', {
      region: page.region,
      totals: countsInWords(page.totals),
      regionAsks: cards(page.regionAsks),
      leros: page.leros.map((l) => ({ ...l.lero, counts: countsInWords(l.counts), items: cards(l.items) })),
      pooled: cards(page.pooled),
    });
  }
}

import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HearthApi } from '../api/hearth-api';
import { publicRegionTestimony, publicTestimony } from '../api/testimony-api';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { isSlug } from './public-asks.controller';

/**
 * A LERO's, or a region's own and its LEROs' (ADR 0076), published testimony, no sign-in (ADR 0072): each published theme's statements in the order the API gives
 * (a fresh random one on every read), with no date, no count and nothing of who wrote them.
 */
@WebController()
export class PublicTestimonyController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get('leros/:slug/in-our-words')
  async lero(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await publicTestimony(this.api, callContext(req), slug);
    await this.pages.render(req, reply, 'advocacy/public-testimony', {
      lero: page.lero,
      themes: page.themes,
    });
  }

  @Get('regions/:slug/in-our-words')
  async region(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await publicRegionTestimony(this.api, callContext(req), slug);
    await this.pages.render(req, reply, 'advocacy/public-region-testimony', {
      region: page.region,
      themes: page.themes ?? [],
      leros: page.leros,
    });
  }
}

import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { SignpostsApi } from '../api/signposts-api';
import { FormErrors, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid } from '../http/params';
import { WebController } from '../http/web-controller';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { CHANNEL_NAMES, SIGNPOST_TERMS, channelItems, readSignpostForm, termItems } from './signpost-form';

const FORM_ORDER = ['taxonomyTermId', 'channel'];

/**
 * Recording a signpost, one tap from the door view: what someone was pointed to and how, nothing about them.
 * For the LERO's staff and volunteers; a plain form post and a redirect back (to the door when it came from
 * there), so a phone without JavaScript works the same.
 */
@WebController('leros/:tenantId/signposts')
export class SignpostsController {
  constructor(
    private readonly pages: Pages,
    private readonly api: HearthApi,
  ) {}

  @Get('new')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @Query('session') session?: string,
  ): Promise<void> {
    const sessionId = typeof session === 'string' && looksLikeUuid(session) ? session : undefined;
    await this.render(req, reply, page, { taxonomyTermId: '', channel: 'in-person' }, sessionId);
  }

  @Post('new')
  @SignedInForm()
  async record(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
  ): Promise<void> {
    const { lero, viewer } = page;
    const form = readSignpostForm(req.body);
    if (!form.dto)
      return this.render(req, reply, page, form.values, form.sessionId, form.errors.view(FORM_ORDER), 400);
    try {
      await new SignpostsApi(this.api, callContext(req, viewer.accessToken)).record(lero.id, form.dto);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      const errors = new FormErrors().fromApi(
        err,
        { taxonomyTermId: 'What they were signposted to', channel: 'How' },
        'taxonomyTermId',
      );
      return this.render(req, reply, page, form.values, form.sessionId, errors.view(FORM_ORDER), 400);
    }
    const term = SIGNPOST_TERMS.find((t) => t.id === form.dto!.taxonomyTermId)!;
    flash(
      req,
      'Signpost recorded',
      `${term.name}, ${CHANNEL_NAMES[form.dto.channel].toLowerCase()}. Nothing about the person is kept.`,
    );
    await this.pages.redirect(
      reply,
      form.sessionId
        ? `/leros/${lero.id}/sessions/${form.sessionId}/door`
        : `/leros/${lero.id}/signposts/new`,
    );
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    { lero }: LeroPage,
    values: { taxonomyTermId: string; channel: string },
    sessionId: string | undefined,
    errors: FormView = new FormErrors().view(),
    status = 200,
  ): Promise<void> {
    await this.pages.render(
      req,
      reply,
      'signposts/new',
      {
        lero,
        action: `/leros/${lero.id}/signposts/new`,
        back: sessionId ? `/leros/${lero.id}/sessions/${sessionId}/door` : `/leros/${lero.id}`,
        sessionId,
        terms: termItems(values.taxonomyTermId),
        channels: channelItems(values.channel),
        errors,
      },
      status,
    );
  }
}

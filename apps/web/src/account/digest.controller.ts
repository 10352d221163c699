import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { DigestApi } from '../api/digest-api';
import { field } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { CurrentViewer, PublicForm, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';

const BROKEN_LINK =
  'This link is not complete or no longer works. You can turn the weekly summary off from your account page.';

const validToken = (token: unknown): token is string =>
  typeof token === 'string' && token.length >= 20 && token.length <= 200;

/**
 * The weekly summary email (ADR 0083): the emailed link's page, which asks before it turns the summary off (a GET
 * changes nothing: mail scanners follow links), mail programs' one-click unsubscribe (RFC 8058), and the choice on
 * the account page.
 */
@WebController()
export class DigestController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get('digest/unsubscribe')
  async confirm(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    if (!validToken(token))
      return this.pages.render(req, reply, 'digest-unsubscribe', { invalid: BROKEN_LINK }, 400);
    await this.pages.render(req, reply, 'digest-unsubscribe', { token });
  }

  @Post('digest/unsubscribe')
  @PublicForm()
  async unsubscribe(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.unsubscribeWith(req, reply, field(req.body, 'token'));
  }

  /**
   * RFC 8058: a mail program posts `List-Unsubscribe=One-Click` here, with the token in the address, without a
   * cookie or CSRF token (it is not a browser); it can only ever turn the summary off.
   */
  @Post('digest/unsubscribe/one-click')
  async oneClick(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    // The same pages as the button's: a person may open what their mail program shows of the answer.
    await this.unsubscribeWith(req, reply, token);
  }

  /** Turns the summary off with an emailed link's token, answering the page that says so (or that it is no link). */
  private async unsubscribeWith(req: FastifyRequest, reply: FastifyReply, token: unknown): Promise<void> {
    if (!validToken(token))
      return this.pages.render(req, reply, 'digest-unsubscribe', { invalid: BROKEN_LINK }, 400);
    try {
      await new DigestApi(this.api, callContext(req)).unsubscribe(token);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400)
        return this.pages.render(req, reply, 'digest-unsubscribe', { invalid: BROKEN_LINK }, 400);
      throw err;
    }
    await this.pages.render(req, reply, 'digest-unsubscribe', { done: true });
  }

  @Get('account/digest')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const setting = await new DigestApi(this.api, callContext(req, viewer.accessToken)).get();
    await this.pages.render(req, reply, 'account/digest', { setting });
  }

  @Post('account/digest')
  @SignedInForm()
  async set(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const choice = field(req.body, 'enabled');
    const digests = new DigestApi(this.api, callContext(req, viewer.accessToken));
    if (choice !== 'yes' && choice !== 'no') {
      const setting = await digests.get();
      return this.pages.render(
        req,
        reply,
        'account/digest',
        { setting, error: 'Select whether you want the weekly summary email' },
        400,
      );
    }
    const setting = await digests.set(choice === 'yes');
    session(req).set('flash', {
      success: {
        title: setting.enabled ? 'Weekly summary on' : 'Weekly summary off',
        text: setting.enabled
          ? 'You will get the weekly summary email.'
          : 'You will not get the weekly summary email any more.',
      },
    });
    await this.pages.redirect(reply, '/account');
  }
}

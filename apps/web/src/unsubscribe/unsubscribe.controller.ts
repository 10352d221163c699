import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { field } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { callContext } from '../session/session-auth.service';

/** A reminder link's token: 32 random bytes in base64url (the API checks it too). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenIn = (query: unknown) => field(query, 'token');

/**
 * The "stop these reminders" link of a session reminder (ADR 0081). Opening it only asks: mail scanners and link
 * previews open links, so a GET changes nothing. The button posts the token back; so does a mail app's one-click
 * unsubscribe (RFC 8058: `List-Unsubscribe=One-Click` posted to the `List-Unsubscribe` address, from elsewhere and
 * without cookies). The token is the whole authority, and all it can do is stop that person's reminders, so this
 * form alone is not bound to a session (no CSRF token): a forged post could only do what the link's holder asked.
 */
@WebController('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  async confirm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = tokenIn(req.query);
    await this.pages.render(
      req,
      reply,
      'unsubscribe',
      { token, known: TOKEN.test(token) },
      TOKEN.test(token) ? 200 : 400,
    );
  }

  @Post()
  async unsubscribe(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = field(req.body, 'token') || tokenIn(req.query);
    if (TOKEN.test(token)) {
      try {
        await this.api.for(callContext(req)).unsubscribeReminders(token);
        return this.pages.render(req, reply, 'unsubscribe-done', {});
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        // A link Hearth no longer holds: nothing was stopped; say how else to stop reminders.
        if (err.reason === 'UnsubscribeLinkUnknown')
          return this.pages.render(req, reply, 'unsubscribe', { token: '', expired: true }, 400);
      }
    }
    await this.pages.render(req, reply, 'unsubscribe', { token: '', known: false }, 400);
  }
}

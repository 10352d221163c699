import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { passwordProblem } from '../account/password-form';
import { FormErrors, NO_ERRORS, field, rawField } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PublicForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session } from '../session/web-session';

const BROKEN_LINK = 'This link is not complete. Check you copied all of it, or ask for a new one.';

/** A password reset link (from a LERO's admin, or asked for with "forgot your password"): its holder chooses a new password, once. */
@WebController('password-reset')
export class PasswordResetController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  async form(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    if (!validToken(token))
      return this.pages.render(req, reply, 'password-reset', { invalid: BROKEN_LINK }, 400);
    await this.pages.render(req, reply, 'password-reset', { token, errors: NO_ERRORS });
  }

  @Post()
  @PublicForm()
  async reset(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = field(req.body, 'token');
    const newPassword = rawField(req.body, 'newPassword');
    if (!validToken(token))
      return this.pages.render(req, reply, 'password-reset', { invalid: BROKEN_LINK }, 400);
    const errors = new FormErrors();
    const problem = passwordProblem(newPassword);
    if (problem) errors.add('newPassword', problem);
    let status = 400;
    if (errors.ok) {
      try {
        await this.api.for(callContext(req)).completePasswordReset(token, newPassword);
        session(req).set('flash', {
          success: { title: 'Your password has been changed', text: 'Sign in with your new password.' },
        });
        return this.pages.redirect(reply, '/sign-in');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 410 || err.reason === 'ResetLinkUnknown')
          return this.pages.render(req, reply, 'password-reset', { invalid: err.detail }, err.status);
        if (![400, 429].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, { newPassword: 'New password' }, 'newPassword');
      }
    }
    await this.pages.render(
      req,
      reply,
      'password-reset',
      { token, errors: errors.view(['newPassword']) },
      status,
    );
  }
}

const validToken = (token: unknown): token is string =>
  typeof token === 'string' && token.length >= 20 && token.length <= 200;

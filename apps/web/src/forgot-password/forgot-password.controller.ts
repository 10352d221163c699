import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PublicForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';

/**
 * "Forgot your password?" (ADR 0077): an email address in, "check your email" out, whether or not the address
 * is an account's. The emailed link opens `/password-reset`, the page every reset link opens.
 */
@WebController('forgot-password')
export class ForgotPasswordController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  async form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.pages.render(req, reply, 'forgot-password', { values: {}, errors: NO_ERRORS });
  }

  @Post()
  @PublicForm()
  async request(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = field(req.body, 'email');
    const errors = new FormErrors();
    errors.email('email', email, 'Enter your email address');
    let status = 400;
    if (errors.ok) {
      try {
        await this.api.for(callContext(req)).forgotPassword(email);
        return this.pages.redirect(reply, '/forgot-password/sent');
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 429].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, { email: 'Email address' }, 'email');
      }
    }
    await this.pages.render(
      req,
      reply,
      'forgot-password',
      { values: { email }, errors: errors.view(['email']) },
      status,
    );
  }

  @Get('sent')
  async sent(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.pages.render(req, reply, 'forgot-password-sent', {});
  }
}

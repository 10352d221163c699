import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, isEmail } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { safeNext } from '../http/web-error.filter';
import { homeFor } from '../navigation/navigation';
import { PublicForm } from '../session/guards';
import { SessionAuthService } from '../session/session-auth.service';
import { session } from '../session/web-session';

@WebController()
export class SignInController {
  constructor(
    private readonly auth: SessionAuthService,
    private readonly pages: Pages,
  ) {}

  @Get('sign-in')
  async form(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
  ): Promise<void> {
    const viewer = await this.auth.viewer(req);
    if (viewer) return this.pages.redirect(reply, safeNext(next) ?? homeFor(viewer), 302);
    await this.pages.render(req, reply, 'sign-in', { next: safeNext(next), values: {}, errors: NO_ERRORS });
  }

  @Post('sign-in')
  @PublicForm()
  async signIn(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = field(req.body, 'email');
    const password =
      typeof (req.body as Record<string, unknown>)?.password === 'string'
        ? (req.body as Record<string, string>).password
        : '';
    const next = safeNext(field(req.body, 'next'));
    const errors = new FormErrors();
    if (!email) errors.add('email', 'Enter your email address');
    else if (!isEmail(email))
      errors.add('email', 'Enter an email address in the correct format, like name@example.org');
    if (!password) errors.add('password', 'Enter your password');
    let status = 400;
    if (errors.ok) {
      try {
        const viewer = await this.auth.signIn(req, email, password);
        return this.pages.redirect(reply, next ?? homeFor(viewer));
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 401, 403, 429].includes(err.status)) throw err;
        status = err.status;
        if (err.status === 401) errors.add('email', 'The email address or password is not right');
        else if (err.reason === 'AccountDisabled')
          errors.add('email', 'This account has been disabled. Contact your LERO or regional network');
        else errors.fromApi(err, { email: 'Email address', password: 'Password' }, 'email');
      }
    }
    await this.pages.render(
      req,
      reply,
      'sign-in',
      { next, values: { email }, errors: errors.view(['email', 'password']) },
      status,
    );
  }

  @Post('sign-out')
  @PublicForm()
  async signOut(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOut(req);
    session(req).set('flash', {
      success: { title: 'You have signed out', text: 'Close this window if you are on a shared device.' },
    });
    await this.pages.redirect(reply, '/sign-in');
  }
}

import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { SsoApi } from '../api/sso-api';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { landingFor } from '../navigation/navigation';
import { PublicForm } from '../http/guards';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { session } from '../session/web-session';

const MIN_PASSWORD = 12;
const BROKEN_LINK = 'This invitation link is not complete. Check you copied all of it, or ask for a new one.';

@WebController('invitations')
export class AcceptInvitationController {
  constructor(
    private readonly api: HearthApi,
    private readonly auth: SessionAuthService,
    private readonly pages: Pages,
  ) {}

  @Get('accept')
  async form(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    if (!validToken(token)) {
      return this.pages.render(req, reply, 'accept-invitation', { invalid: BROKEN_LINK }, 400);
    }
    await this.pages.render(req, reply, 'accept-invitation', {
      token,
      providers: await this.providersFor(req, token),
      values: {},
      errors: NO_ERRORS,
    });
  }

  /** The identity providers the invitation can be accepted through (ADR 80); none when the API can't say. */
  private async providersFor(req: FastifyRequest, token: string) {
    try {
      return (await new SsoApi(this.api, callContext(req)).providersForInvitation(token)).items;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return [];
    }
  }

  @Post('accept')
  @PublicForm()
  async accept(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = req.body as Record<string, unknown> | undefined;
    const token = field(body, 'token');
    const email = field(body, 'email');
    const displayName = field(body, 'displayName');
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!validToken(token)) {
      return this.pages.render(req, reply, 'accept-invitation', { invalid: BROKEN_LINK }, 400);
    }
    const errors = new FormErrors();
    errors.email('email', email, 'Enter the email address your invitation was sent to');
    if (!displayName) errors.add('displayName', 'Enter your name');
    else if (displayName.length > 120) errors.add('displayName', 'Your name must be 120 characters or fewer');
    if (!password) errors.add('password', 'Create a password');
    else if (password.length < MIN_PASSWORD)
      errors.add('password', `Password must be at least ${MIN_PASSWORD} characters`);
    else if (password.length > 1024) errors.add('password', 'Password must be 1024 characters or fewer');
    let status = 400;
    if (errors.ok) {
      try {
        await this.api.for(callContext(req)).acceptInvitation({ token, password, displayName });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        // Gone, unknown, not yet in effect (break glass), lapsed, or not for this account: nothing to fix on the form.
        if ([403, 409, 410].includes(err.status) || err.reason === 'InvitationUnknown') {
          return this.pages.render(req, reply, 'accept-invitation', { invalid: err.detail }, err.status);
        }
        if (err.status === 401) {
          errors.add(
            'password',
            'This email address already has a Hearth account. Enter that account’s password',
          );
        } else if (err.status === 400 || err.status === 429) {
          errors.fromApi(err, { password: 'Password', displayName: 'Your name' }, 'email');
        } else {
          throw err;
        }
        status = err.status;
      }
    }
    if (!errors.ok) {
      return this.pages.render(
        req,
        reply,
        'accept-invitation',
        { token, values: { email, displayName }, errors: errors.view(['email', 'displayName', 'password']) },
        status,
      );
    }
    try {
      const outcome = await this.auth.signIn(req, email, password);
      // An account that already has two-factor sign-in gives its code next.
      if ('secondFactor' in outcome) return this.pages.redirect(reply, '/sign-in/code');
      session(req).set('flash', {
        success: {
          title: 'Welcome to Hearth',
          text: outcome.viewer.twoFactor.setupRequired
            ? 'Your account is ready. As an admin, you need two-factor sign-in: set it up now to start.'
            : 'Your account is ready.',
        },
      });
      return this.pages.redirect(reply, landingFor(outcome.viewer));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      // The account was made for the invitation's address; they typed another one here.
      session(req).set('flash', {
        success: {
          title: 'Your account is ready',
          text: 'Sign in with the email address your invitation was sent to and the password you just created.',
        },
      });
      return this.pages.redirect(reply, '/sign-in');
    }
  }
}

const validToken = (token: unknown): token is string =>
  typeof token === 'string' && token.length >= 20 && token.length <= 200;

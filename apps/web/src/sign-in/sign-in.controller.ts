import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, rawField } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { safeNext } from '../http/web-error.filter';
import { landingFor } from '../navigation/navigation';
import { PublicForm } from '../http/guards';
import { SessionAuthService } from '../session/session-auth.service';
import { session } from '../session/web-session';

/** The code step of signing in, by method: where its form posts and what it asks for. */
const METHODS = {
  code: { path: '/sign-in/code', field: 'code' as const },
  'recovery-code': { path: '/sign-in/recovery-code', field: 'recoveryCode' as const },
};
type Method = keyof typeof METHODS;

/** As typed: spaces and dashes people put in a code do not matter. */
export const normaliseCode = (value: string) => value.replace(/[\s-]/g, '');

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
    if (viewer) return this.pages.redirect(reply, landingFor(viewer, safeNext(next)), 302);
    await this.pages.render(req, reply, 'sign-in', { next: safeNext(next), values: {}, errors: NO_ERRORS });
  }

  @Post('sign-in')
  @PublicForm()
  async signIn(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = field(req.body, 'email');
    const password = rawField(req.body, 'password');
    const next = safeNext(field(req.body, 'next'));
    const errors = new FormErrors();
    errors.email('email', email, 'Enter your email address');
    if (!password) errors.add('password', 'Enter your password');
    let status = 400;
    if (errors.ok) {
      try {
        const outcome = await this.auth.signIn(req, email, password, next);
        if ('secondFactor' in outcome) return this.pages.redirect(reply, METHODS.code.path);
        return this.pages.redirect(reply, landingFor(outcome.viewer, next));
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

  @Get('sign-in/code')
  codeForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.secondFactorForm(req, reply, 'code');
  }

  @Post('sign-in/code')
  @PublicForm()
  code(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.secondFactor(req, reply, 'code');
  }

  @Get('sign-in/recovery-code')
  recoveryCodeForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.secondFactorForm(req, reply, 'recovery-code');
  }

  @Post('sign-in/recovery-code')
  @PublicForm()
  recoveryCode(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.secondFactor(req, reply, 'recovery-code');
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

  /** The second step needs the first: without a password just given, back to the start. */
  private async secondFactorForm(req: FastifyRequest, reply: FastifyReply, method: Method): Promise<void> {
    if (!this.pending(req)) return this.pages.redirect(reply, '/sign-in', 302);
    await this.pages.render(req, reply, 'sign-in-second-factor', { method, errors: NO_ERRORS });
  }

  private async secondFactor(req: FastifyRequest, reply: FastifyReply, method: Method): Promise<void> {
    const pending = this.pending(req);
    if (!pending) return this.startAgain(req, reply);
    const { field: name } = METHODS[method];
    const value = normaliseCode(field(req.body, name));
    const errors = new FormErrors();
    if (method === 'code' && !/^\d{6}$/.test(value))
      errors.add(
        name,
        value ? 'Enter the 6 digits of the code, like 123456' : 'Enter the code from your app',
      );
    if (method === 'recovery-code' && !/^[a-z0-9]{10}$/i.test(value))
      errors.add(
        name,
        value ? 'Enter a recovery code, like k7pq2-xm4rt' : 'Enter one of your recovery codes',
      );
    let status = 400;
    if (errors.ok) {
      try {
        const { viewer, tokens } = await this.auth.completeSecondFactor(
          req,
          method === 'code' ? { code: value } : { recoveryCode: value },
        );
        if (tokens.recoveryCodesLeft !== undefined) {
          const left = tokens.recoveryCodesLeft;
          session(req).set('flash', {
            success: {
              title: 'You signed in with a recovery code',
              text: `It cannot be used again: you have ${left} left. You were signed out everywhere else. If you lost your phone, set up your authenticator app again and get new recovery codes.`,
            },
          });
          return this.pages.redirect(
            reply,
            viewer.twoFactor.setupRequired ? landingFor(viewer) : '/account/two-factor',
          );
        }
        return this.pages.redirect(reply, landingFor(viewer, pending.next));
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 401, 403, 429].includes(err.status)) throw err;
        if (err.reason === 'ChallengeExpired') return this.startAgain(req, reply);
        status = err.status;
        if (err.reason === 'CodeReused')
          errors.add(
            name,
            'That code has been used already. Wait for the next code in your app and enter it',
          );
        else if (err.status === 401)
          errors.add(
            name,
            method === 'code'
              ? 'The code is not right. Check the time on your phone is right, and enter the newest code'
              : 'That recovery code is not right, or it has been used already',
          );
        else if (err.reason === 'AccountDisabled')
          errors.add(name, 'This account has been disabled. Contact your LERO or regional network');
        else errors.add(name, err.detail);
      }
    }
    await this.pages.render(
      req,
      reply,
      'sign-in-second-factor',
      { method, errors: errors.view([name]) },
      status,
    );
  }

  private pending(req: FastifyRequest) {
    const pending = session(req).get('pendingSignIn');
    return pending && pending.expiresAt > this.auth.now() ? pending : undefined;
  }

  private async startAgain(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    session(req).set('pendingSignIn', undefined);
    session(req).set('flash', {
      signIn: 'Your sign-in timed out before the code was entered. Sign in again.',
    });
    await this.pages.redirect(reply, '/sign-in');
  }
}

import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSsoLinkRequired, type LoginResult } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { SsoApi } from '../api/sso-api';
import { FormErrors, NO_ERRORS, rawField } from '../http/form.util';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { safeNext } from '../http/web-error.filter';
import { PublicForm } from '../http/guards';
import { landingFor } from '../navigation/navigation';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { session } from '../session/web-session';

/** A sign-in begun at a provider must come back within this (the API keeps its state as long). */
const PENDING_MS = 10 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** An invitation's token, as the invitation page passes it on (base64url). */
const INVITATION = /^[A-Za-z0-9_-]{20,200}$/;

/** Why the API refused a sign-in with a provider, in words for the sign-in page. */
const REFUSALS: Record<string, string> = {
  SsoEmailUnverified:
    'Your organisation’s account has no verified email address. Sign in with your password.',
  SsoEmailNotAllowed: 'Your organisation’s account cannot sign in to Hearth. Sign in with your password.',
  SsoAccountNotAllowed:
    'Your organisation’s account cannot sign you in to this Hearth account. Sign in with your password.',
  AccountDisabled: 'This account has been disabled. Contact your LERO or regional network.',
};

/**
 * Signing in with a region's or a LERO's identity provider (ADR 80): the person types their email, the page
 * offers the providers of its domain as links (a link, not a form, so the redirect to the provider is not a
 * form submission the content security policy would stop), the provider sends them back to the callback, whose
 * state must be the one this browser began with.
 */
@WebController()
export class SsoSignInController {
  constructor(
    private readonly api: HearthApi,
    private readonly auth: SessionAuthService,
    private readonly pages: Pages,
  ) {}

  private sso(req: FastifyRequest) {
    return new SsoApi(this.api, callContext(req));
  }

  @Get('sign-in/sso')
  async choose(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('email') email = '',
    @Query('next') next?: string,
  ): Promise<void> {
    const typed = String(email).trim();
    const errors = new FormErrors();
    if (!EMAIL.test(typed)) errors.add('email', 'Enter your email address, like name@example.org');
    const providers = errors.ok ? (await this.sso(req).providersFor(typed)).items : [];
    if (errors.ok && providers.length === 0)
      errors.add('email', 'Single sign-on is not set up for this email address. Sign in with your password');
    if (!errors.ok)
      return this.pages.render(
        req,
        reply,
        'sign-in',
        { next: safeNext(next), values: { email: typed }, errors: errors.view(['email', 'password']) },
        400,
      );
    await this.pages.render(req, reply, 'sign-in-sso', { providers, next: safeNext(next) });
  }

  @Get('sign-in/sso/callback')
  async callback(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    const pending = session(req).get('pendingSso');
    session(req).set('pendingSso', undefined);
    // Only the browser that began this sign-in may finish it (no one else's answer signs you in).
    if (!pending || pending.expiresAt < this.auth.now() || !query.state || query.state !== pending.state)
      return this.refused(req, reply, 'That sign-in did not finish. Start again.');
    if (query.error || !query.code)
      return this.refused(req, reply, 'Your organisation’s sign-in was cancelled or refused. Start again.');
    try {
      const result = await this.sso(req).callback({
        state: query.state,
        code: query.code,
        binding: pending.binding,
        ...(pending.invitationToken ? { invitationToken: pending.invitationToken } : {}),
        ...(query.iss ? { iss: query.iss } : {}),
      });
      if (!isSsoLinkRequired(result)) return this.finish(req, reply, result, '', pending.next);
      session(req).set('pendingSsoLink', {
        linkToken: result.linkToken,
        email: result.email,
        providerName: result.providerName,
        ...(pending.next ? { next: pending.next } : {}),
        expiresAt: this.auth.now() + result.expiresIn * 1000,
      });
      return this.pages.redirect(reply, '/sign-in/sso/link', 302);
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 401, 403].includes(err.status)) throw err;
      return this.refused(
        req,
        reply,
        REFUSALS[err.reason ?? ''] ?? 'That sign-in did not finish. Start again.',
      );
    }
  }

  @Get('sign-in/sso/link')
  async linkForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const link = this.pendingLink(req);
    if (!link) return this.pages.redirect(reply, '/sign-in', 302);
    await this.pages.render(req, reply, 'sign-in-sso-link', { link, errors: NO_ERRORS });
  }

  @Post('sign-in/sso/link')
  @PublicForm()
  async link(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const link = this.pendingLink(req);
    if (!link) return this.refused(req, reply, 'That sign-in timed out. Start again.');
    const password = rawField(req.body, 'password');
    const errors = new FormErrors();
    if (!password) errors.add('password', 'Enter your Hearth password');
    let status = 400;
    if (errors.ok) {
      try {
        const result = await this.sso(req).link({ linkToken: link.linkToken, password });
        session(req).set('pendingSsoLink', undefined);
        return this.finish(req, reply, result, link.email, link.next);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 401, 403, 429].includes(err.status)) throw err;
        if (err.reason === 'SsoLinkUnknown')
          return this.refused(req, reply, 'That sign-in timed out. Start again.');
        status = err.status;
        errors.add('password', err.status === 401 ? 'The password is not right' : err.detail);
      }
    }
    await this.pages.render(
      req,
      reply,
      'sign-in-sso-link',
      { link, errors: errors.view(['password']) },
      status,
    );
  }

  /** The provider's sign-in begins: its state kept in this browser's session, then off to the provider. */
  @Get('sign-in/sso/:providerId')
  async start(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('providerId') providerId: string,
    @Query('next') next?: string,
    @Query('invitation') invitation?: string,
  ): Promise<void> {
    if (!UUID.test(providerId)) return this.refused(req, reply, 'That sign-in link does not work.');
    const invitationToken = typeof invitation === 'string' && INVITATION.test(invitation) ? invitation : '';
    let url: string;
    let binding: string;
    try {
      ({ url, binding } = await this.sso(req).start(providerId));
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 401, 404].includes(err.status)) throw err;
      return this.refused(req, reply, 'That sign-in link does not work.');
    }
    const state = new URL(url).searchParams.get('state') ?? '';
    const target = safeNext(next);
    session(req).set('pendingSso', {
      state,
      binding,
      ...(invitationToken ? { invitationToken } : {}),
      ...(target ? { next: target } : {}),
      expiresAt: this.auth.now() + PENDING_MS,
    });
    await this.pages.redirect(reply, url, 302);
  }

  private async finish(
    req: FastifyRequest,
    reply: FastifyReply,
    result: LoginResult,
    email: string,
    next?: string,
  ): Promise<void> {
    const outcome = await this.auth.signedIn(req, result, email, next);
    if ('secondFactor' in outcome) return this.pages.redirect(reply, '/sign-in/code');
    return this.pages.redirect(reply, landingFor(outcome.viewer, next));
  }

  private pendingLink(req: FastifyRequest) {
    const link = session(req).get('pendingSsoLink');
    return link && link.expiresAt > this.auth.now() ? link : undefined;
  }

  private async refused(req: FastifyRequest, reply: FastifyReply, message: string): Promise<void> {
    session(req).set('flash', { signIn: message });
    await this.pages.redirect(reply, '/sign-in');
  }
}

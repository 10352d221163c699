import {
  Inject,
  Injectable,
  UseGuards,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CrossSiteRequest, CsrfRejected, NotSignedIn } from './web-errors';
import { isSameSitePost } from './same-site.util';
import { WEB_OPTIONS, type WebOptions } from '../web.options';
import type { WebRequest } from './pages';
import { SessionAuthService } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';

/** Pages behind sign-in: the viewer (with a fresh access token) is put on the request, else NotSignedIn. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly auth: SessionAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const viewer = await this.auth.viewer(req);
    if (!viewer) throw new NotSignedIn();
    req.viewer = viewer;
    return true;
  }
}

/**
 * Every form post must come from this site (its Origin, or Sec-Fetch-Site) and carry the `_csrf` token its page
 * was rendered with; `@fastify/csrf-protection` checks the token against the secret in the encrypted session.
 * Its hook answers failures itself, so it is given a stand-in for the reply and the failure is turned into an
 * error this app renders as a page.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const sameSite = isSameSitePost({
      secFetchSite: header('sec-fetch-site'),
      origin: header('origin'),
      host: req.host,
      publicUrl: this.options.publicUrl,
    });
    if (!sameSite) return Promise.reject(new CrossSiteRequest());
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    return new Promise((resolve, reject) => {
      const verdict = { send: () => reject(new CsrfRejected()) } as unknown as FastifyReply;
      fastify.csrfProtection(req, verdict, () => resolve(true));
    });
  }
}

/** A page for signed-in people only. */
export const SignedIn = () => UseGuards(SignedInGuard);

/** A form handler: CSRF checked first, then sign-in. */
export const SignedInForm = () => applyDecorators(UseGuards(CsrfGuard, SignedInGuard));

/** A form anyone may post (sign in, accept an invitation): CSRF only. */
export const PublicForm = () => UseGuards(CsrfGuard);

/** The signed-in person of this request (set by SignedInGuard). */
export const CurrentViewer = createParamDecorator(
  (_: unknown, context: ExecutionContext): Viewer => context.switchToHttp().getRequest<WebRequest>().viewer!,
);

import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { navigationFor } from '../navigation/navigation';
import { session, type Viewer } from '../session/web-session';
import { DEFAULT_EXIT_URL, WEB_OPTIONS, type WebOptions } from '../web.options';
import type { ErrorPage } from './web-error.filter';

/** Set by the signed-in guard for the rest of the request. */
export interface WebRequest extends FastifyRequest {
  viewer?: Viewer;
}

/**
 * Renders a page inside Hearth's layout: navigation for the viewer's grants, the CSRF token every form
 * carries, a flash banner, "Exit this page" where it is needed. Pages are personal, so nothing is cached.
 */
@Injectable()
export class Pages {
  constructor(@Inject(WEB_OPTIONS) private readonly options: WebOptions) {}

  async render(
    req: WebRequest,
    reply: FastifyReply,
    template: string,
    context: Record<string, unknown> = {},
    status = 200,
  ): Promise<void> {
    const viewer = req.viewer;
    const path = req.url.split('?')[0];
    // A request Fastify refused before its hooks ran (a broken address) has no session: an error page still shows.
    const hasSession = Boolean(req.session);
    const html = await reply.viewAsync(template, {
      ...context,
      viewer,
      navigation: viewer ? navigationFor(viewer, path) : [],
      csrfToken: hasSession ? reply.generateCsrf() : '',
      flash: hasSession ? session(req).take('flash') : undefined,
      exitUrl: this.options.exitUrl ?? DEFAULT_EXIT_URL,
      showExit: needsExitButton(viewer),
      currentPath: path,
    });
    await reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }

  error(req: WebRequest, reply: FastifyReply, page: ErrorPage): Promise<void> {
    return this.render(req, reply, 'errors/error', { page }, page.status);
  }

  /** Post/redirect/get: after a form, a 303 to the page that shows the result. */
  async redirect(reply: FastifyReply, to: string, status: 302 | 303 = 303): Promise<void> {
    await reply.redirect(to, status);
  }

  /** A file to save (a person's data as JSON, a spreadsheet): never cached, never shown inline. */
  async download(
    reply: FastifyReply,
    filename: string,
    contentType: string,
    body: string | Buffer,
  ): Promise<void> {
    const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
    await reply
      .status(200)
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${safe}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  /** An absolute link to one of this site's pages that carries a one-time token (an invitation, a reset). */
  tokenLink(req: FastifyRequest, path: string, token: string): string {
    return `${this.origin(req)}${path}?token=${encodeURIComponent(token)}`;
  }

  /** An invitation just made, kept in the session to be shown once, with its link, after the redirect. */
  keepInvitation(
    req: FastifyRequest,
    place: { id: string; name: string },
    invitation: { email: string; role: string; token: string; expiresAt: string },
  ): void {
    session(req).set('invitation', {
      placeId: place.id,
      placeName: place.name,
      email: invitation.email,
      role: invitation.role,
      url: this.tokenLink(req, '/invitations/accept', invitation.token),
      expiresAt: invitation.expiresAt,
    });
  }

  /**
   * The origin of every absolute link (invitations, reset links, the calendar feed): `PUBLIC_URL`, never the
   * request's Host header, which a client (or a cache in front) could set to another site. Without it, the
   * address this server was reached at on its own socket.
   */
  origin(req: FastifyRequest): string {
    return (this.options.publicUrl ?? socketOrigin(req)).replace(/\/+$/, '');
  }
}

/**
 * "Exit this page" is for someone who may need to leave a page quickly (a member, or anyone not signed in, on a
 * shared or watched device), not for a LERO's team or region staff at work (ADR 0032).
 */
export const needsExitButton = (viewer: Viewer | undefined): boolean =>
  !viewer || viewer.grants.every((g) => g.role === 'member');

/** `http://<the server's own address>:<port>` of the connection a request came in on. */
export function socketOrigin(req: Pick<FastifyRequest, 'socket'>): string {
  const address = (req.socket?.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket?.localPort ?? 80}`;
}

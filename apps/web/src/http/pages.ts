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
 * carries, a flash banner, "Exit this page". Pages are personal, so nothing is cached.
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
    const html = await reply.viewAsync(template, {
      ...context,
      viewer,
      navigation: viewer ? navigationFor(viewer, path) : [],
      csrfToken: reply.generateCsrf(),
      flash: session(req).take('flash'),
      exitUrl: this.options.exitUrl ?? DEFAULT_EXIT_URL,
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

  /** A file to save (a person's data as JSON): never cached, never shown inline. */
  async download(reply: FastifyReply, filename: string, contentType: string, body: string): Promise<void> {
    const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
    await reply
      .status(200)
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${safe}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  /** The origin that links people copy are built on (invitations). */
  origin(req: FastifyRequest): string {
    return (this.options.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
  }
}

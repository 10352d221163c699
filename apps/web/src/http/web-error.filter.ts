import {
  Catch,
  HttpException,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { AppError } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { SessionAuthService } from '../session/session-auth.service';
import { session } from '../session/web-session';
import { Pages } from './pages';
import { plainErrorPage } from './plain-error-page';
import { CrossSiteRequest, CsrfRejected, NotSignedIn, PageForbidden, PageNotFound } from './web-errors';
import { refusalTitle } from './reason-titles';

export interface ErrorPage {
  status: number;
  title: string;
  paragraphs: string[];
  errorId?: string;
}

const TENANT_CLOSED =
  'This LERO’s space is closed for now (suspended or archived). Contact your regional network if you think this is wrong.';

/** A path of this site in safe characters: RFC 3986's unreserved and sub-delimiters, `:@/?` and %-escapes. */
const SAFE_PATH =
  /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)*$/;
const MAX_NEXT_LENGTH = 2000;

/**
 * A local path to come back to after signing in: this site's own, in safe characters, whose %-escapes stand for
 * printable text (no control characters, no broken UTF-8, no backslash or `//` once decoded). Anything else —
 * another site, `//host`, a NUL, a direction override, raw non-ASCII — is dropped, and the person goes home.
 */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_NEXT_LENGTH || !SAFE_PATH.test(value)) return undefined;
  if (value.startsWith('/sign-')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/.test(decoded)) return undefined;
  return /^\/(?![/\\])/.test(decoded) ? value : undefined;
}

/**
 * Every failure of a page becomes an HTML page a person can act on: sign in again, a friendly 403/404, or
 * "try again later" with an error id the operator can find in the log. Never a stack trace or a blank page.
 */
@Injectable()
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrorFilter');

  constructor(
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    try {
      if (exception instanceof NotSignedIn || (exception instanceof ApiError && exception.status === 401)) {
        this.auth.forget(req);
        session(req).set('flash', {
          signIn:
            exception instanceof NotSignedIn && !exception.reason
              ? undefined
              : 'You have been signed out. Sign in again to continue.',
        });
        const next = req.method === 'GET' ? safeNext(req.url) : undefined;
        await reply.redirect(
          next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in',
          303,
        );
        return;
      }
      const page = this.toPage(exception, req);
      // Fastify refused the request before the app ran (a broken address): its reply cannot render views.
      if (typeof (reply as { viewAsync?: unknown }).viewAsync !== 'function') {
        await reply
          .status(page.status)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(plainErrorPage(page));
        return;
      }
      await this.pages.error(req, reply, page);
    } catch (err) {
      // Rendering the error page failed too: still answer in words, never with internals.
      this.logger.error({ err, requestId: req.id }, 'Could not render an error page');
      if (!reply.sent) {
        await reply
          .status(500)
          .header('content-type', 'text/plain; charset=utf-8')
          .header('cache-control', 'no-store')
          .send('Sorry, there is a problem with Hearth. Try again later.');
      }
    }
  }

  toPage(exception: unknown, req: FastifyRequest): ErrorPage {
    if (exception instanceof PageNotFound || (exception instanceof ApiError && exception.status === 404)) {
      return notFoundPage();
    }
    if (exception instanceof PageForbidden || (exception instanceof ApiError && exception.status === 403)) {
      const closed = exception instanceof ApiError && exception.reason === 'TenantClosed';
      return {
        status: 403,
        title: 'You cannot see this page',
        paragraphs: [
          closed
            ? TENANT_CLOSED
            : 'Your account does not give you access to this page. If you think it should, ask the person who invited you.',
        ],
      };
    }
    if (exception instanceof CrossSiteRequest) {
      return {
        status: 403,
        title: 'This form was sent from another website',
        paragraphs: [
          'For your security, Hearth only accepts forms sent from its own pages. Nothing was changed.',
          'If you were filling in a form on Hearth, go back to Hearth, reload the page and try again.',
        ],
      };
    }
    if (exception instanceof CsrfRejected) {
      return {
        status: 403,
        title: 'This form has expired',
        paragraphs: [
          'For your security, forms stop working after a while or after you sign in or out.',
          'Go back, reload the page and try again.',
        ],
      };
    }
    if (exception instanceof ApiError && exception.status === 429) {
      return {
        status: 429,
        title: 'Too many attempts',
        paragraphs: [exception.detail],
      };
    }
    if (exception instanceof ApiError && exception.status >= 400 && exception.status < 500) {
      return {
        status: exception.status,
        title: refusalTitle(exception.reason),
        paragraphs: [exception.detail],
      };
    }
    // The input policy refusing a body before any page ran (JSON nested too deep, a key given twice).
    if (exception instanceof AppError && exception.code === 'VALIDATION') {
      return { status: 400, title: 'That could not be done', paragraphs: [exception.message] };
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) return notFoundPage();
    if (exception instanceof HttpException && exception.getStatus() === 413) {
      return {
        status: 413,
        title: 'That is too big to send',
        paragraphs: [
          'If you were uploading a file, it must be smaller than 768 KB. Split it into smaller files.',
        ],
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return {
        status: exception.getStatus(),
        title: 'That could not be done',
        paragraphs: ['The request was not understood. Go back and try again.'],
      };
    }
    const errorId =
      exception instanceof ApiError && exception.extra.errorId ? exception.extra.errorId : uuidv7();
    this.logger.error({ err: exception, errorId, requestId: req.id }, 'Page failed');
    const unavailable = exception instanceof ApiError && exception.status === 503;
    return {
      status: unavailable ? 503 : 500,
      title: 'Sorry, there is a problem with Hearth',
      paragraphs: [
        unavailable ? 'Hearth is not answering at the moment.' : 'Something went wrong on our side.',
        'Try again later.',
      ],
      errorId,
    };
  }
}

export const notFoundPage = (): ErrorPage => ({
  status: 404,
  title: 'Page not found',
  paragraphs: [
    'If you typed the web address, check it is correct.',
    'If you followed a link, the page may have moved, or your account may not give you access to it.',
  ],
});

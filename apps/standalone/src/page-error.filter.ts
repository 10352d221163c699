import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClientErrorAnswer } from '@hearth/platform';
import { problemAnswer, ProblemFilter } from '../../gateway/src';
import { pageAnswer, type WebErrorFilter } from '../../web/src';

/** Addresses that are the API's (or its docs and health checks) whoever asks: they answer problem+json. */
const API_PATHS = /^\/(api|docs|health)(\/|$|\?)/;
const acceptsHtml = (accept: string | undefined) =>
  /\btext\/html\b|\bapplication\/xhtml\+xml\b/i.test(accept ?? '');

/**
 * A request for a page: not one of the API's addresses, and either one of the web app's routes (whoever asks)
 * or, for an address with no route, a browser's (it accepts HTML).
 */
export const isPageRequest = (
  req: Pick<FastifyRequest, 'url' | 'headers'> & { routeOptions?: { url?: string } },
) =>
  !API_PATHS.test(req.url) && (typeof req.routeOptions?.url === 'string' || acceptsHtml(req.headers.accept));

/** A request Node refused on the socket: a page for a browser's page address, else problem+json. */
export const standaloneClientErrorAnswer: ClientErrorAnswer = (status, request) =>
  !API_PATHS.test(request.path) && acceptsHtml(request.accept)
    ? pageAnswer(status, request)
    : problemAnswer(status, request);

/**
 * Standalone serves the API and the web app on one server. The errors no controller's own filter answers — an
 * address with no route, and Fastify's own (a broken %-encoding, a body that is not JSON, a content type no route
 * takes) — are a page for a page request (the web app's filter) and problem+json for the API's.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  constructor(private readonly pages: WebErrorFilter) {}

  catch(exception: unknown, host: ArgumentsHost): Promise<void> | void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    if (isPageRequest(req)) return this.pages.catch(exception, host);
    this.problems.catch(exception, host);
  }
}

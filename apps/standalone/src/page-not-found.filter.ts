import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemFilter } from '../../gateway/src/http/problem.filter';
import type { WebErrorFilter } from '../../web/src/http/web-error.filter';

/** Addresses that are the API's (or its docs and health checks) whoever asks: they answer problem+json. */
const API_PATHS = /^\/(api|docs|health)(\/|$|\?)/;

/** A person's browser asking for a page: it accepts HTML, and the address is not the API's. */
export const isPageRequest = (req: Pick<FastifyRequest, 'url' | 'headers'>) =>
  !API_PATHS.test(req.url) && /\btext\/html\b|\bapplication\/xhtml\+xml\b/i.test(req.headers.accept ?? '');

/**
 * Standalone serves the API and the web app on one server, where the gateway's problem+json filter answers
 * every address that has no route. A browser asking for an unknown page gets the web app's friendly 404
 * page instead; the API's addresses, and anything that does not ask for HTML, keep problem+json.
 */
@Catch(NotFoundException)
export class PageNotFoundFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  constructor(private readonly pages: WebErrorFilter) {}

  catch(exception: NotFoundException, host: ArgumentsHost): Promise<void> | void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    if (isPageRequest(req)) return this.pages.catch(exception, host);
    this.problems.catch(exception, host);
  }
}

import type {} from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError } from '@hearth/contracts';

/** A response through a consultation's public link (ADR 0067); any case, a trailing slash, a query. */
const PUBLIC_RESPONSE = /^\/api\/v1\/public\/consultations\/[^/?#]+\/responses\/?(?:[?#]|$)/i;

/** Responses an hour per client address through public links, unless PUBLIC_RESPONSE_RATE_LIMIT says otherwise. */
export const DEFAULT_PUBLIC_RESPONSE_RATE_LIMIT = 30;

/**
 * The budget of responses through public links (ADR 0067): `rateLimit` an hour per client address (as `trustProxy`
 * says, as for sign-in), every attempt counted (refused ones too: a bot's wrong proofs of work spend it), 429
 * problem+json with `Retry-After` beyond. The addresses live only in the limiter's memory while their hour runs:
 * never in a log line (the request is not logged, ADR 0062) or a table.
 */
export function configurePublicResponses(app: NestFastifyApplication, options: { rateLimit?: number } = {}) {
  const fastify = app.getHttpAdapter().getInstance();
  const max = options.rateLimit ?? DEFAULT_PUBLIC_RESPONSE_RATE_LIMIT;
  const limit = fastify.createRateLimit({ max, timeWindow: '1 hour' });
  fastify.addHook('onRequest', async (req) => {
    if (req.method !== 'POST' || !PUBLIC_RESPONSE.test(req.url)) return;
    const state = await limit(req);
    if (!state.isAllowed && state.isExceeded)
      throw new AppError(
        'RATE_LIMITED',
        `Too many responses from this address: at most ${state.max} an hour. Try again in ${state.ttlInSeconds} seconds.`,
        { retryAfterSeconds: state.ttlInSeconds },
      );
  });
}

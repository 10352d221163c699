import type {} from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError } from '@hearth/contracts';

/**
 * Every region's Open Referral UK and OpenActive feeds (`/api/v1/public/regions/{regionSlug}/oruk` and
 * `…/openactive`, and what is under them), and what a
 * passport verifier elsewhere fetches: the passport keys and the LEROs' status lists (ADR 0056).
 */
const PUBLIC_FEED =
  /^\/(?:api\/v1\/public\/regions\/[^/?#]+\/(?:oruk|openactive)|api\/v1\/public\/volunteering\/issuers\/[^?#]+|\.well-known\/jwks\.json)(?:[/?#]|$)/;
export const isPublicFeed = (url: string) => PUBLIC_FEED.test(url);

/** Requests a minute per client address to the public feeds, unless PUBLIC_RATE_LIMIT says otherwise. */
export const DEFAULT_PUBLIC_RATE_LIMIT = 600;

/** On every answer of a feed, errors too: any web page may read it, and see why it was refused. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'Retry-After, X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
  // Helmet's same-origin would stop a page elsewhere from loading what the feed is there to give it.
  'cross-origin-resource-policy': 'cross-origin',
};
/** Header names a preflight may ask for (no credentials are ever involved: the feed is public). */
const HEADER_NAMES = /^[A-Za-z0-9-]{1,64}(\s*,\s*[A-Za-z0-9-]{1,64}){0,19}$/;

/**
 * The public feeds' HTTP rules (ADR 0037): one budget of `rateLimit` requests a minute per client address across
 * every feed route (its address as `trustProxy` says, as for sign-in), 429 problem+json with `Retry-After`
 * beyond; CORS headers on every answer, errors included; a preflight (`OPTIONS`) answered 204 for any path of a
 * feed. Hooks rather than routes: a 404 under a feed and a 429 are the feed's answers too.
 */
export function configurePublicFeed(app: NestFastifyApplication, options: { rateLimit?: number } = {}) {
  const fastify = app.getHttpAdapter().getInstance();
  const max = options.rateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT;
  const limit = fastify.createRateLimit({ max, timeWindow: '1 minute' });
  fastify.addHook('onRequest', async (req, reply) => {
    if (!isPublicFeed(req.url)) return undefined;
    reply.headers(CORS_HEADERS);
    const state = await limit(req);
    if (!state.isAllowed) {
      reply.headers({
        'x-ratelimit-limit': state.max,
        'x-ratelimit-remaining': state.remaining,
        'x-ratelimit-reset': state.ttlInSeconds,
      });
      if (state.isExceeded)
        throw new AppError(
          'RATE_LIMITED',
          `Too many requests to the feed from this address: at most ${state.max} a minute. Try again in ${state.ttlInSeconds} seconds.`,
          { retryAfterSeconds: state.ttlInSeconds },
        );
    }
    if (req.method === 'OPTIONS') {
      const asked = req.headers['access-control-request-headers'];
      return reply
        .code(204)
        .headers({
          allow: 'GET, HEAD, OPTIONS',
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          ...(typeof asked === 'string' && HEADER_NAMES.test(asked)
            ? { 'access-control-allow-headers': asked }
            : {}),
          'access-control-max-age': '86400',
        })
        .send();
    }
    return undefined;
  });
  fastify.addHook('onSend', async (req, reply, payload) => {
    // Error answers are made after the hook above set them, by a filter that may start from a fresh reply.
    if (isPublicFeed(req.url)) reply.headers(CORS_HEADERS);
    return payload;
  });
}

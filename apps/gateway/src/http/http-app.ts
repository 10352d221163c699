import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { uuidv7 } from 'uuidv7';
import { AppError, XLSX_MEDIA_TYPE } from '@hearth/contracts';
import {
  fastifyTrustProxy,
  frameworkErrorOptions,
  measureHttpRequests,
  useJsonBodyPolicy,
  type ClientErrorAnswer,
} from '@hearth/platform';
import { withContractSchemas } from './api-contract';
import { API_INTRODUCTION, API_TAGS } from './api-doc';
import { SHEET_BODY_LIMIT } from './sheet-body.pipe';
import { configurePublicResponses } from './public-responses';
import { configurePublicFeed } from './public-feed';
import { problemForStatus } from './problem.filter';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;
/** The largest JSON body the API reads (413 problem+json beyond). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** A request Node refused on the socket (headers too large …), answered as problem+json like any other error. */
export const problemAnswer: ClientErrorAnswer = (status, { path }) => ({
  contentType: 'application/problem+json; charset=utf-8',
  body: JSON.stringify(problemForStatus(status, path, uuidv7())),
});

/**
 * Fastify with request ids taken from X-Request-Id when sane, else a fresh UUIDv7; its own early errors (a
 * broken address, a parameter too long, headers too large) answered through the app's filters, as problem+json
 * unless `answerClientError` (standalone, for browsers) says otherwise.
 */
export function createHttpAdapter(
  trustProxy: readonly string[] = [],
  answerClientError: ClientErrorAnswer = problemAnswer,
): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: fastifyTrustProxy(trustProxy),
    bodyLimit: JSON_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
    ...frameworkErrorOptions(answerClientError),
  });
}

/**
 * Security headers, rate limits on sign-in and the public feeds, no caching of API answers, OpenAPI at /docs (ADR 0033). `insecureHttp`
 * (standalone serving pages over plain HTTP on a LAN, ALLOW_INSECURE_HTTP; ADR 0028): no upgrade-insecure-requests,
 * which would send a page's styles, scripts and forms to an https:// nobody serves; no HSTS or COOP, which mean
 * nothing over plain HTTP; a referrer policy under which a form post still says where it came from.
 */
export async function configureHttpApp(
  app: NestFastifyApplication,
  options: {
    authRateLimit?: number;
    publicRateLimit?: number;
    publicResponseRateLimit?: number;
    insecureHttp?: boolean;
  } = {},
): Promise<void> {
  const headers = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(options.insecureHttp ? { upgradeInsecureRequests: null } : {}),
      },
    },
    hsts: options.insecureHttp ? false : { maxAge: 31_536_000, includeSubDomains: true },
    // Browsers ignore it from an http:// origin other than localhost (and say so on the console).
    crossOriginOpenerPolicy: !options.insecureHttp,
    noSniff: true,
    frameguard: { action: 'deny' },
    // Over plain HTTP browsers send no Sec-Fetch-Site, and under no-referrer a form's Origin is "null": the
    // same-site check of form posts (CsrfGuard) would refuse every form. same-origin still tells other sites nothing.
    referrerPolicy: { policy: options.insecureHttp ? 'same-origin' : 'no-referrer' },
  } satisfies Parameters<typeof helmet>[0];
  // @fastify/helmet builds helmet's middleware anew for every request (the CSP directives parsed each time: ~4 % of
  // the gateway's CPU per read, ADR 0092). The same middleware, built once, sets the same headers on every reply;
  // @fastify/helmet stays registered (not global) for a route that wants others (`reply.helmet(…)`).
  await app.register(fastifyHelmet, { ...headers, global: false });
  const secureHeaders = helmet(headers);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      secureHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)),
    );
  await app.register(rateLimit, {
    // Applies to the routes marked with a `rateLimit` route config (sign-in, refresh, accept invitation).
    global: false,
    max: options.authRateLimit ?? 10,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, context) =>
      new AppError(
        'RATE_LIMITED',
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });
  // The public Open Referral UK feeds: their own budget, CORS on every answer, preflights (ADR 0037).
  configurePublicFeed(app, { rateLimit: options.publicRateLimit });
  // Responses through consultations' public links: their own budget per address (ADR 0067).
  configurePublicResponses(app, { rateLimit: options.publicResponseRateLimit });
  // JSON bodies under the input policy (ADR 0017): depth, duplicate keys and size checked before parsing.
  useJsonBodyPolicy(app, JSON_BODY_LIMIT);
  const fastify = app.getHttpAdapter().getInstance();
  measureHttpRequests(app);
  // Member imports: a spreadsheet saved as CSV (read as text) or as XLSX (read as bytes, then as a sheet by the
  // gateway); the membership service validates every row.
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: SHEET_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  fastify.addContentTypeParser(
    XLSX_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: SHEET_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  fastify.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  const builder = new DocumentBuilder()
    .setTitle('Hearth API')
    .setDescription(API_INTRODUCTION)
    .setVersion('1')
    .addBearerAuth();
  for (const tag of API_TAGS) builder.addTag(tag.name, tag.description);
  // Tags are chosen per controller (ApiTag), not made up from class names: the test holds every one to API_TAGS.
  // Made at the first request for it, not at start: scanning every route and DTO was a tenth of a cold start
  // (ADR 0093); Swagger keeps it once made.
  const document = () =>
    withContractSchemas(SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false }));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import csrfProtection from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import nunjucks from 'nunjucks';
import {
  HealthModule,
  ReadinessRegistry,
  fastifyTrustProxy,
  frameworkErrorOptions,
  measureHttpRequests,
  loggingModule,
  QuietStartupLogger,
  traceHttpRequests,
  useJsonBodyPolicy,
  type LogLevel,
} from '@hearth/platform';
import { ensureStylesheet, govukFrontendDir, webPaths } from './assets/web-assets';
import { addMultipartParser } from './http/multipart';
import { Pages } from './http/pages';
import { UNLOGGED_PAGES } from './http/unlogged-pages';
import { pageAnswer } from './http/plain-error-page';
import { WebErrorFilter } from './http/web-error.filter';
import { SessionAuthService } from './session/session-auth.service';
import { WebModule } from './web.module';
import { WEB_OPTIONS, apiBaseUrl, type WebOptions } from './web.options';

export const SESSION_COOKIE = 'hearth_session';
/** The largest body the web app's own server reads (forms; a file upload has its own limit). */
const WEB_BODY_LIMIT = 256 * 1024;
/** An idle session ends after this long (the cookie itself lives until the browser closes). */
const SESSION_IDLE_SECONDS = 8 * 3600;

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/;
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** Plain HTTP to a loopback address: the only requests that may get a session cookie without `Secure`. */
export const isLoopbackHttp = (req: FastifyRequest) =>
  req.protocol === 'http' && LOOPBACK_HOSTS.test(req.hostname);

/**
 * What pages need from the Fastify server they are mounted in: Nunjucks views with GOV.UK Frontend's
 * macros, `/assets/`, the encrypted session cookie and CSRF tokens. Standalone calls it on its own server;
 * urlencoded form bodies are parsed by Nest's Fastify adapter already. Security headers are the host's.
 */
export async function configureWebApp(app: NestFastifyApplication, options: WebOptions): Promise<void> {
  const paths = webPaths();
  ensureStylesheet(paths);
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [paths.views, govukFrontendDir()],
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('date', (iso: string) => (iso ? dateFormat.format(new Date(iso)) : ''));
      },
    },
  });
  await app.register(secureSession, {
    key: options.sessionKey,
    cookieName: SESSION_COOKIE,
    expiry: SESSION_IDLE_SECONDS,
    cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  // File uploads (a member import) without JavaScript: multipart/form-data, parsed for the page.
  addMultipartParser(fastify);
  if (options.allowInsecureLoopbackCookies || options.insecureHttp) {
    fastify.addHook('onRequest', (req, _reply, done) => {
      if (options.insecureHttp ? req.protocol === 'http' : isLoopbackHttp(req))
        req.session.options({ secure: false });
      done();
    });
  }
  // A second @fastify/static in standalone (Swagger UI has one): no reply decorator of its own.
  await app.register(fastifyStatic, {
    root: [paths.public, paths.assets],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: '1h',
  });
  const govukScript = readFileSync(join(govukFrontendDir(), 'govuk', 'govuk-frontend.min.js'));
  fastify.get('/assets/govuk-frontend.min.js', (_req, reply) => {
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(govukScript);
  });
}

/** Ready when the gateway answers. */
@Injectable()
class ApiReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
  ) {}

  onModuleInit(): void {
    this.registry.register('api', {
      isReady: async () => (await fetch(`${apiBaseUrl(this.options)}/health/live`)).ok,
    });
  }
}

/** The web app as its own process: pages in, the gateway's HTTP API out. */
export async function createWebApp(
  options: WebOptions,
  runtime: { logLevel?: LogLevel; trustProxy?: string[] } = {},
): Promise<NestFastifyApplication> {
  const web = WebModule.register(options);

  @Module({
    imports: [loggingModule(runtime.logLevel ?? 'info', true, UNLOGGED_PAGES), HealthModule, web],
    providers: [
      { provide: WEB_OPTIONS, useValue: options },
      ApiReadiness,
      // In its own container an unknown address is a web page too: a 404 page, not JSON.
      {
        provide: APP_FILTER,
        inject: [Pages, SessionAuthService],
        useFactory: (pages: Pages, auth: SessionAuthService) => new WebErrorFilter(pages, auth),
      },
    ],
  })
  class WebApp {}

  const app = await NestFactory.create<NestFastifyApplication>(
    WebApp,
    new FastifyAdapter({
      trustProxy: fastifyTrustProxy(runtime.trustProxy),
      bodyLimit: WEB_BODY_LIMIT,
      // Fastify's early errors (a broken address, headers too large) become pages too.
      ...frameworkErrorOptions(pageAnswer),
    }),
    { bufferLogs: true },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.enableShutdownHooks();
  traceHttpRequests(app.getHttpAdapter().getInstance(), 'web');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Plain HTTP on a LAN: upgrading would send styles, scripts and forms to an https:// nobody serves.
        ...(options.insecureHttp ? { upgradeInsecureRequests: null } : {}),
      },
    },
    hsts: options.insecureHttp ? false : { maxAge: 31_536_000, includeSubDomains: true },
    // Browsers ignore it from an http:// origin other than localhost (and say so on the console).
    crossOriginOpenerPolicy: !options.insecureHttp,
    frameguard: { action: 'deny' },
    // Over plain HTTP browsers send no Sec-Fetch-Site, and under no-referrer a form's Origin is "null": the
    // same-site check of form posts (CsrfGuard) would refuse every form. same-origin still tells other sites nothing.
    referrerPolicy: { policy: options.insecureHttp ? 'same-origin' : 'no-referrer' },
  });
  // No page takes JSON, but one sent gets the same policy (depth, duplicate keys) as the API's.
  useJsonBodyPolicy(app, WEB_BODY_LIMIT);
  measureHttpRequests(app);
  await configureWebApp(app, options);
  return app;
}

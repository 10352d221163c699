import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, HTTPMethods } from 'fastify';

/** The part of `fetch` the API client uses. */
export type ApiFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Standalone: the web app and the gateway share one Fastify server, so the web app calls the gateway's HTTP
 * routes through Fastify's `inject` rather than a socket to itself. Every route, hook, guard and rate limit
 * runs as for a network request; the person's address travels as the request's remote address, so the
 * gateway's sign-in rate limits count per person without trusting any forwarded header.
 */
export function inProcessApi(): {
  apiUrl: string;
  apiFetch: ApiFetch;
  attach(app: NestFastifyApplication): void;
} {
  let fastify: FastifyInstance | undefined;
  return {
    apiUrl: 'http://in-process',
    attach(app) {
      fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    },
    async apiFetch(url, init) {
      if (!fastify) throw new Error('inProcessApi: attach(app) was not called');
      const { pathname, search } = new URL(url);
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      const remoteAddress = headers['x-forwarded-for'];
      delete headers['x-forwarded-for'];
      const res = await fastify.inject({
        method: (init.method ?? 'GET') as HTTPMethods,
        url: `${pathname}${search}`,
        headers,
        payload:
          typeof init.body === 'string'
            ? init.body
            : init.body instanceof Uint8Array
              ? Buffer.from(init.body)
              : undefined,
        ...(remoteAddress ? { remoteAddress } : {}),
      });
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(v));
      }
      const empty = res.statusCode === 204 || res.statusCode === 304;
      return new Response(empty ? null : res.rawPayload, {
        status: res.statusCode,
        headers: responseHeaders,
      });
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createWebApp } from '../src/web.app';
import type { WebOptions } from '../src/web.options';

/** The headers and cookie a browser's sign-in depends on. */
async function transport(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/sign-in`, { headers });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
  return {
    upgradesInsecureRequests: /upgrade-insecure-requests/.test(
      res.headers.get('content-security-policy') ?? '',
    ),
    hsts: res.headers.get('strict-transport-security') !== null,
    coop: res.headers.get('cross-origin-opener-policy'),
    referrer: res.headers.get('referrer-policy'),
    secureCookie: cookie === undefined ? undefined : /;\s*secure\b/i.test(cookie),
  };
}

/**
 * The web app as its own container with the LAN and HTTPS settings (ADR 0028): its own security headers and
 * session cookie, and its /metrics. The sign-in page needs no API, so none runs here; standalone’s are in
 * lan-settings.int-spec.
 */
describe('the web container on a LAN and behind a TLS proxy', () => {
  const apps: NestFastifyApplication[] = [];

  async function start(options: Partial<WebOptions>, trustProxy: string[] = []): Promise<string> {
    const app = await createWebApp(
      { apiUrl: 'http://127.0.0.1:9', sessionKey: randomBytes(32), ...options },
      { logLevel: 'error', trustProxy },
    );
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('over plain HTTP with ALLOW_INSECURE_HTTP: no upgrade, HSTS or COOP, a cookie without Secure', async () => {
    const url = await start({ publicUrl: 'http://192.0.2.10:3001', insecureHttp: true });
    expect(await transport(url, { 'x-forwarded-host': 'hearth.lan' })).toEqual({
      upgradesInsecureRequests: false,
      hsts: false,
      coop: null,
      referrer: 'same-origin',
      secureCookie: false,
    });
  });

  it('behind a TLS proxy: the strict headers and a Secure cookie, with or without the proxy’s headers', async () => {
    const url = await start({ publicUrl: 'https://hearth.example.org' }, ['127.0.0.1']);
    const strict = {
      upgradesInsecureRequests: true,
      hsts: true,
      coop: 'same-origin',
      referrer: 'no-referrer',
      secureCookie: true,
    };
    expect(await transport(url, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' })).toEqual(
      strict,
    );
    expect(await transport(url)).toEqual(strict);
  });

  it('keeps Secure for a request that came over HTTPS even with ALLOW_INSECURE_HTTP', async () => {
    const url = await start({ publicUrl: 'http://192.0.2.10:3001', insecureHttp: true }, ['127.0.0.1']);
    expect((await transport(url, { 'x-forwarded-proto': 'https' })).secureCookie).toBe(true);
  });

  it('counts its pages in /metrics by route template, and every unknown address as one', async () => {
    const url = await start({ publicUrl: 'https://hearth.example.org' });
    expect((await fetch(`${url}/sign-in`)).status).toBe(200);
    expect((await fetch(`${url}/no-such-page/4a1c9d52`)).status).toBe(404);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'hearth_http_requests_total{route="/sign-in",method="GET",status_class="2xx"} 1',
    );
    expect(metrics).toContain(
      'hearth_http_requests_total{route="unmatched",method="GET",status_class="4xx"} 1',
    );
    expect(metrics).toMatch(
      /^hearth_http_request_duration_seconds_count\{route="\/sign-in",method="GET",status_class="2xx"\} 1$/m,
    );
    expect(metrics).not.toContain('4a1c9d52');
  });
});

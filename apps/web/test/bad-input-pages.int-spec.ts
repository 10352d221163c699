import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PageClient, rawRequest, type RawResponse, textOf } from '@hearth/testing';
import { createWebApp } from '../src/web.app';
import { acceptThroughWeb, setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const expectPage = (res: RawResponse, status: number) => {
  expect({ status: res.status, type: res.type }).toEqual({ status, type: 'text/html; charset=utf-8' });
  expect(res.body).toMatch(/^<!DOCTYPE html>/);
  expect(res.body).toContain('Go to your Hearth home page');
};

/** Issue 14's fuzzer on the web app's pages: `next` answered 500, and pages answered errors in JSON. */
describe('web pages under bad input', () => {
  let h: WebHarness;
  let lero: LeroFixture;
  let coordinator: PageClient;

  beforeAll(async () => {
    // A sign-in for each probe, all from 127.0.0.1: more than the default ten a minute.
    h = await startWebHarness({ authRateLimit: 100 });
    lero = await setUpLero(h, 'bad-input');
    const token = await lero.invite('cam@bad-input.example.org', 'coordinator');
    coordinator = await acceptThroughWeb(h, token, 'cam@bad-input.example.org', 'Cam');
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('the sign-in page’s next', () => {
    const probes = [
      '/%00',
      '/%01/evil.example',
      '/%7F',
      '/%E2%80%AE',
      '/caf%C3%A9',
      '//evil.example',
      '/%5Cevil',
    ];

    it.each(probes)(
      'sends a signed-in person home for next=%s, on GET and POST, never a 500',
      async (probe) => {
        const get = await rawRequest(h.webUrl, 'GET', `/sign-in?next=${probe}`, {
          accept: 'text/html',
          cookie: coordinator.cookieHeader,
        });
        expect(get).toMatchObject({ status: 302, location: `/leros/${lero.leroId}` });
        const client = new PageClient(h.webUrl);
        await client.get('/sign-in');
        const post = await client.post('/sign-in', {
          email: 'cam@bad-input.example.org',
          password: 'Cam’s long passphrase',
          next: decodeURIComponent(probe.replace(/%(?![0-9A-F]{2})/gi, '%25')),
        });
        expect(post.status).toBe(303);
        expect(post.location).toBe(`/leros/${lero.leroId}`);
      },
    );

    it('still takes a signed-out person back to a page of this site after signing in', async () => {
      const client = new PageClient(h.webUrl);
      const form = await client.get(`/sign-in?next=${encodeURIComponent(`/leros/${lero.leroId}/sessions`)}`);
      expect(form.html).toContain(`name="next" value="/leros/${lero.leroId}/sessions"`);
      const post = await client.post('/sign-in', {
        email: 'cam@bad-input.example.org',
        password: 'Cam’s long passphrase',
        next: `/leros/${lero.leroId}/sessions`,
      });
      expect(post.location).toBe(`/leros/${lero.leroId}/sessions`);
    });
  });

  describe('errors before any page runs are pages too', () => {
    it.each([
      ['the web app’s own server', () => h.webUrl],
      ['standalone, where the API shares the server', () => h.hearth.url],
    ])(
      'on %s: a broken address, a path too long, headers too large, JSON and other bodies',
      async (_, url) => {
        const base = url();
        const html = { accept: 'text/html' };
        expectPage(await rawRequest(base, 'GET', '/leros/%zz', html), 400);
        expectPage(await rawRequest(base, 'GET', `/leros/${'a'.repeat(300)}`, html), 414);
        const tooMuch = await rawRequest(base, 'GET', '/sign-in', {
          ...html,
          cookie: `x=${'c'.repeat(20_000)}`,
        });
        expectPage(tooMuch, 431);
        expect(textOf(tooMuch.body)).toContain('Your browser sent too much');
        const json = { ...html, 'content-type': 'application/json' };
        expectPage(
          await rawRequest(base, 'POST', '/sign-in', json, `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`),
          400,
        );
        expectPage(await rawRequest(base, 'POST', '/sign-in', json, '{"email":"a","email":"b"}'), 400);
        expectPage(await rawRequest(base, 'POST', '/sign-in', json, '{"email":'), 400);
        expectPage(
          await rawRequest(base, 'POST', '/sign-in', { ...html, 'content-type': 'application/xml' }, '<a/>'),
          415,
        );
      },
    );

    it('keeps problem+json for the API’s addresses in standalone', async () => {
      const res = await rawRequest(h.hearth.url, 'GET', '/api/v1/tenants/%zz', { accept: 'text/html' });
      expect({ status: res.status, type: res.type }).toEqual({
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
    });
  });

  describe('absolute links', () => {
    const calendarLinks = (html: string) =>
      [...html.matchAll(/href="((?:https?|webcal):[^"]+calendar\.ics)"/g)].map((m) => m[1]);

    it('never come from the request’s Host header', async () => {
      const page = await rawRequest(h.webUrl, 'GET', `/leros/${lero.slug}`, {
        accept: 'text/html',
        host: 'evil.example',
      });
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('evil.example');
      const port = new URL(h.webUrl).port;
      expect(calendarLinks(page.body)).toEqual([
        `webcal://127.0.0.1:${port}/leros/${lero.slug}/calendar.ics`,
        `http://127.0.0.1:${port}/leros/${lero.slug}/calendar.ics`,
      ]);
    });

    it('come from PUBLIC_URL when it is set', async () => {
      const web: NestFastifyApplication = await createWebApp(
        {
          apiUrl: h.hearth.url,
          sessionKey: randomBytes(32),
          publicUrl: 'https://hearth.example.org/',
          allowInsecureLoopbackCookies: true,
        },
        { logLevel: 'error' },
      );
      await web.listen(0, '127.0.0.1');
      try {
        const address = web.getHttpServer().address();
        const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const page = await rawRequest(url, 'GET', `/leros/${lero.slug}`, {
          accept: 'text/html',
          host: 'evil.example',
        });
        expect(calendarLinks(page.body)).toEqual([
          `webcal://hearth.example.org/leros/${lero.slug}/calendar.ics`,
          `https://hearth.example.org/leros/${lero.slug}/calendar.ics`,
        ]);
      } finally {
        await web.close();
      }
    });
  });
});

// Time budget: under 120 s on a 2-core machine (50–75 s measured, alone and beside other suites): one test
// database, two standalone starts, one Caddy, one Chromium. Needs root (it makes a network namespace), Debian's
// chromium and caddy (.ci/run installs both). Decisions: ADR 0028.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { loadConfig } from '@hearth/platform';
import { ApiClient, createTestDatabase, eventually, Given, type TestDatabase } from '@hearth/testing';
import { type RunningHearth, StandaloneEnv, startStandalone } from '../../standalone/src';
import { PHONE, screenshotsDir, signInInBrowser } from './browser';
import { CADDYFILE, CaddyProxy, Lan, freePort, httpsRequest, validateCaddyfile } from './lan';

const ADMIN = { email: 'lan-admin@example.org', password: 'lan admin password' };
const PASSWORD = 'correct horse battery staple';
/** Hearth's header, in the brand's ember: the stylesheet was loaded and applied. */
const EMBER = 'rgb(161, 61, 27)';

/**
 * Issue 16's "a church hall on wifi": Chromium in a network namespace of its own (a phone on the hall's LAN, which
 * reaches this machine only by its LAN address) signs in as a coordinator over plain HTTP to a standalone bound to
 * 0.0.0.0 with the LAN settings (PUBLIC_URL http://…, ALLOW_INSECURE_HTTP=true), then over HTTPS through the
 * example Caddyfile for a LAN (`tls internal`) in front of a standalone on loopback with TRUST_PROXY, where the
 * phone keeps a sign-in rate limit of its own after another device used up its own.
 */
describe('a phone on the LAN, over plain HTTP and through Caddy’s HTTPS', () => {
  let lan: Lan;
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  let caddy: CaddyProxy | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const shots = screenshotsDir('lan');
  let lero: { id: string; slug: string };
  let coordinator: { email: string; password: string };

  async function start(env: Record<string, string>): Promise<RunningHearth> {
    await hearth?.stop();
    hearth = undefined;
    hearth = await startStandalone(
      loadConfig(StandaloneEnv, {
        DATABASE_URL: db.ownerUrl,
        HEARTH_DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        HEARTH_ADMIN_EMAIL: ADMIN.email,
        HEARTH_ADMIN_PASSWORD: ADMIN.password,
        ...env,
      }),
      () => undefined,
    );
    return hearth;
  }

  /** A phone-sized tab; `insecureCertificates` for the HTTPS part (the Node client checks the chain instead). */
  async function phonePage(insecureCertificates = false): Promise<{ page: Page; problems: string[] }> {
    const context = await browser!.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      ignoreHTTPSErrors: insecureCertificates,
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    return { page, problems };
  }

  /** The sign-in page as the phone sees it: styled, its script and stylesheet loaded, nothing blocked. */
  async function expectStyledSignIn(page: Page, response: Response | null, problems: string[]) {
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Sign in to Hearth' }).isVisible()).resolves.toBe(true);
    const header = await page.evaluate<string>(
      "(() => { const el = document.querySelector('.hearth-header'); return el ? getComputedStyle(el).backgroundColor : 'no header'; })()",
    );
    expect(header).toBe(EMBER);
    expect(problems).toEqual([]);
  }

  const transportOf = (response: Response | null) => {
    const headers = response?.headers() ?? {};
    return {
      upgradesInsecureRequests: /upgrade-insecure-requests/.test(headers['content-security-policy'] ?? ''),
      hsts: headers['strict-transport-security'] !== undefined,
    };
  };

  /** Waits for the page a sign-in lands on; says where the browser is instead when it does not get there. */
  async function expectLanding(page: Page, url: string): Promise<void> {
    await page.waitForURL(url, { timeout: 15_000 }).catch(async (err: Error) => {
      const text = await page
        .locator('main')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(
        `${err.message.split('\n')[0]}: on ${page.url()} instead, showing: ${text.slice(0, 500)}`,
      );
    });
  }

  const sessionCookie = async (page: Page) =>
    (await page.context().cookies()).find((c) => c.name === 'hearth_session');

  beforeAll(async () => {
    // One at a time: the database's reachability check gives up after a second, which a starting browser can
    // take on a busy machine.
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-lan-data-'));
    lan = await Lan.create();
    browser = await lan.launchPhoneBrowser();
    await rm(shots, { recursive: true, force: true });
    await mkdir(shots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await caddy?.stop().catch(() => undefined);
    await hearth?.stop().catch(() => undefined);
    lan?.remove();
    await db?.drop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('signs in over plain HTTP to standalone on 0.0.0.0 with PUBLIC_URL and ALLOW_INSECURE_HTTP', async () => {
    const port = await freePort();
    const publicUrl = `http://${lan.hostAddress}:${port}`;
    const running = await start({
      HOST: '0.0.0.0',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      ALLOW_INSECURE_HTTP: 'true',
    });
    // The LERO and its coordinator, made on this machine over loopback.
    const given = new Given(new ApiClient(running.url.replace('0.0.0.0', '127.0.0.1')), ADMIN);
    const region = await given.region();
    const made = await given.lero(region.id);
    lero = made;
    const invited = await given.tenantUser(made.id, 'coordinator', made.adminToken);
    coordinator = { email: invited.email, password: PASSWORD };
    expect(given.authenticators.has(coordinator.email)).toBe(false); // no code needed: not an admin

    const { page, problems } = await phonePage();
    // The phone is another machine: this one's loopback is not reachable from it.
    const probe = await page.context().newPage();
    await expect(probe.goto(`http://127.0.0.1:${port}/sign-in`, { timeout: 5000 })).rejects.toThrow(
      /ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_ACCESS_DENIED/,
    );
    await probe.close();
    const response = await page.goto(`${publicUrl}/sign-in`);
    expect(transportOf(response)).toEqual({ upgradesInsecureRequests: false, hsts: false });
    await expectStyledSignIn(page, response, problems);
    await page.screenshot({ path: join(shots, '01-sign-in-over-http.png'), fullPage: true });

    await signInInBrowser(page, publicUrl, coordinator);
    await expectLanding(page, `${publicUrl}/leros/${made.id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(lero.slug);
    expect(await sessionCookie(page)).toMatchObject({ secure: false, httpOnly: true });
    await page.screenshot({ path: join(shots, '02-lero-home-over-http.png'), fullPage: true });

    // Links people copy are built on PUBLIC_URL, never on this server's own address.
    await page.goto(`${publicUrl}/leros/${made.slug}`);
    await expect(
      page.getByRole('link', { name: 'Download the calendar feed (.ics)' }).getAttribute('href'),
    ).resolves.toBe(`${publicUrl}/leros/${made.slug}/calendar.ics`);
    expect(problems).toEqual([]);
  }, 90_000);

  it('signs in over HTTPS through the example Caddyfile, with a rate limit of its own behind the proxy', async () => {
    expect(await validateCaddyfile(CADDYFILE)).toContain('Valid configuration');
    const port = await freePort('127.0.0.1');
    caddy = await CaddyProxy.start({ address: lan.hostAddress, upstream: `127.0.0.1:${port}` });
    const publicUrl = caddy.url;
    await start({
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      TRUST_PROXY: '127.0.0.1',
      AUTH_RATE_LIMIT: '3',
    });
    // A device that trusts Caddy's root certificate (and nothing else) reaches Hearth through it.
    const ca = await eventually(() => caddy!.rootCertificate(), { timeoutMs: 15_000 }).catch((err) => {
      throw new Error(`Caddy made no root certificate: ${String(err)}\n${caddy!.log}`);
    });
    await eventually(
      async () => expect((await httpsRequest(`${publicUrl}/health/live`, ca)).status).toBe(200),
      {
        timeoutMs: 15_000,
      },
    ).catch((err) => {
      throw new Error(`Hearth did not answer through Caddy: ${String(err)}\n${caddy!.log}`);
    });

    // Another device on the LAN (this machine, by its LAN address) uses up its sign-in attempts.
    const wrong = (n: number) =>
      httpsRequest(`${publicUrl}/api/v1/auth/login`, ca, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `nobody-${n}@example.org`, password: 'not the password' }),
      });
    const statuses = [];
    for (let n = 1; n <= 4; n++) statuses.push((await wrong(n)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    const { page, problems } = await phonePage(true);
    const response = await page.goto(`${publicUrl}/sign-in`);
    expect(transportOf(response)).toEqual({ upgradesInsecureRequests: true, hsts: true });
    await expectStyledSignIn(page, response, problems);
    await page.screenshot({ path: join(shots, '03-sign-in-over-https.png'), fullPage: true });

    // The phone's own address (X-Forwarded-For from Caddy, believed through TRUST_PROXY) has attempts left.
    await signInInBrowser(page, publicUrl, coordinator);
    await expectLanding(page, `${publicUrl}/leros/${lero.id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(lero.slug);
    expect(await sessionCookie(page)).toMatchObject({ secure: true, httpOnly: true });
    await page.screenshot({ path: join(shots, '04-lero-home-over-https.png'), fullPage: true });

    await page.goto(`${publicUrl}/leros/${lero.slug}`);
    await expect(
      page.getByRole('link', { name: 'Download the calendar feed (.ics)' }).getAttribute('href'),
    ).resolves.toBe(`${publicUrl}/leros/${lero.slug}/calendar.ics`);
    expect(problems).toEqual([]);
  }, 90_000);
});

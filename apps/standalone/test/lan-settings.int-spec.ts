import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { createTestDatabase, PageClient, textOf, type TestDatabase } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';

const ADMIN = { email: 'lan-admin@example.org', password: 'lan admin password' };

/** The headers that decide whether a browser on plain HTTP can use Hearth at all. */
function transport(res: Response) {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
  return {
    upgradesInsecureRequests: /upgrade-insecure-requests/.test(
      res.headers.get('content-security-policy') ?? '',
    ),
    hsts: res.headers.get('strict-transport-security'),
    coop: res.headers.get('cross-origin-opener-policy'),
    referrer: res.headers.get('referrer-policy'),
    secureCookie: cookie === undefined ? undefined : /;\s*secure\b/i.test(cookie),
  };
}

/**
 * Standalone's LAN and HTTPS settings (ADR 0028) on the headers and cookies it sends: nothing set (loopback, as
 * `npm start`), plain HTTP on a trusted LAN (ALLOW_INSECURE_HTTP), and behind a TLS proxy (TRUST_PROXY), where
 * each person keeps a sign-in rate limit of their own. The browser's view of the same: lan-and-https.heavy-spec.
 */
describe('standalone on a LAN and behind a TLS proxy', () => {
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  const said: string[] = [];

  async function start(env: Record<string, string>): Promise<RunningHearth> {
    await hearth?.stop();
    said.length = 0;
    hearth = await startStandalone(
      loadConfig(StandaloneEnv, {
        DATABASE_URL: db.ownerUrl,
        HEARTH_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'error',
        HEARTH_ADMIN_EMAIL: ADMIN.email,
        HEARTH_ADMIN_PASSWORD: ADMIN.password,
        ...env,
      }),
      (line) => said.push(line),
    );
    return hearth;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-lan-'));
  });

  afterAll(async () => {
    await hearth?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the strict headers with nothing set, with a cookie without Secure for loopback only', async () => {
    const { url } = await start({});
    expect(transport(await fetch(`${url}/sign-in`))).toEqual({
      upgradesInsecureRequests: true,
      hsts: expect.stringContaining('max-age='),
      coop: 'same-origin',
      referrer: 'no-referrer',
      secureCookie: false,
    });
    expect(said.join('\n')).toContain(`Hearth is running at ${url}`);
  });

  it('serves plain HTTP on a LAN with ALLOW_INSECURE_HTTP: no upgrade, no HSTS, cookies without Secure', async () => {
    const { url } = await start({ PUBLIC_URL: 'http://192.0.2.10:3000', ALLOW_INSECURE_HTTP: 'true' });
    // Asked for by another machine's name: the cookie is still sent without Secure over plain HTTP.
    for (const headers of [{}, { 'x-forwarded-host': 'hearth.lan' }]) {
      expect(transport(await fetch(`${url}/sign-in`, { headers }))).toEqual({
        upgradesInsecureRequests: false,
        hsts: null,
        coop: null,
        // Without Sec-Fetch-Site over plain HTTP, a form post's Origin is all that says it came from Hearth.
        referrer: 'same-origin',
        secureCookie: false,
      });
    }
    expect(transport(await fetch(`${url}/health/live`))).toMatchObject({ hsts: null });
    expect(said.join('\n')).toMatch(/Serving http:\/\/192\.0\.2\.10:3000 over plain HTTP/);
    expect(said.join('\n')).toContain(`Hearth is running at http://192.0.2.10:3000 (listening on 127.0.0.1:`);

    const browser = new PageClient(url);
    await browser.get('/sign-in');
    const signedIn = await browser.post('/sign-in', ADMIN);
    expect(signedIn.status).toBe(303);
    // The platform admin's first stop: setting up two-factor sign-in, a page for the signed-in only.
    expect(signedIn.location).toBe('/account/two-factor/set-up');
    expect((await browser.get('/account/two-factor/set-up')).status).toBe(200);
  });

  it('behind a TLS proxy believes TRUST_PROXY: HTTPS headers, Secure cookies, a rate limit per person', async () => {
    const { url } = await start({
      PUBLIC_URL: 'https://hearth.example.org',
      TRUST_PROXY: '127.0.0.1',
      AUTH_RATE_LIMIT: '2',
    });
    expect(said.join('\n')).not.toContain('TRUST_PROXY is empty');
    const via = (client: string) => ({
      'x-forwarded-for': client,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'hearth.example.org',
    });
    expect(transport(await fetch(`${url}/sign-in`, { headers: via('203.0.113.7') }))).toEqual({
      upgradesInsecureRequests: true,
      hsts: expect.stringContaining('max-age='),
      coop: 'same-origin',
      referrer: 'no-referrer',
      secureCookie: true,
    });

    let n = 0;
    const wrongSignIn = async (client: string) =>
      (
        await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { ...via(client), 'content-type': 'application/json' },
          body: JSON.stringify({ email: `nobody-${++n}@example.org`, password: 'not the password' }),
        })
      ).status;
    expect([await wrongSignIn('203.0.113.7'), await wrongSignIn('203.0.113.7')]).toEqual([401, 401]);
    expect(await wrongSignIn('203.0.113.7')).toBe(429);
    // Someone else behind the same proxy has a limit of their own.
    expect(await wrongSignIn('203.0.113.8')).toBe(401);

    // The web app's sign-in form counts against the person's address too (it passes it to the API in process).
    const origin = { origin: 'https://hearth.example.org' };
    const limited = new PageClient(url, via('203.0.113.7'));
    await limited.get('/sign-in');
    expect(textOf((await limited.post('/sign-in', ADMIN, limited.csrf, origin)).html)).toContain(
      'Too many attempts',
    );
    const other = new PageClient(url, via('203.0.113.9'));
    await other.get('/sign-in');
    const signedIn = await other.post('/sign-in', ADMIN, other.csrf, origin);
    expect({ status: signedIn.status, location: signedIn.location }).toEqual({
      status: 303,
      location: '/account/two-factor/set-up',
    });
  });

  it('warns when https:// has no TRUST_PROXY: everyone would share the proxy’s rate limit', async () => {
    await start({ PUBLIC_URL: 'https://hearth.example.org' });
    expect(said.join('\n')).toContain('TRUST_PROXY is empty');
  });
});

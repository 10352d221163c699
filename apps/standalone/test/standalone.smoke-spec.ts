import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { ApiClient, Given, eventually } from '@hearth/testing';
import { TENANT_ACCESS_TTL_MS } from '../../gateway/src';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { ReleaseService } from '../../reporting/src';

type Json = Record<string, unknown>;

/** Standalone mode on embedded PostgreSQL, as `npm start` runs it on a fresh machine (no DATABASE_URL, no NATS_URL). */
describe('standalone mode on embedded PostgreSQL', () => {
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  const printed: string[] = [];

  const start = async () => {
    const env = loadConfig(StandaloneEnv, { HEARTH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return write(chunk);
    });
    try {
      // As `npm start` says its lines: on stdout, so the order of what a start prints can be checked.
      hearth = await startStandalone(env, (line) => process.stdout.write(`[hearth] ${line}\n`));
    } finally {
      spy.mockRestore();
    }
    return new ApiClient(hearth.url);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-smoke-'));
  });

  afterAll(async () => {
    await hearth?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves /health/ready, onboards a LERO, keeps a member, and keeps everything across a restart', async () => {
    let api = await start();
    expect((await api.get<Json>('/health/ready')).body).toMatchObject({ status: 'ok' });
    // The web app is served at / by the same process.
    const signIn = await fetch(`${api.baseUrl}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('content-type')).toContain('text/html');
    expect(await signIn.text()).toContain('Sign in');

    const credentials = printed.join('').match(/email:\s+(\S+)\s+password:\s+(\S+)/);
    expect(credentials).not.toBeNull();
    // Printed last, below everything the start printed ("Hearth is running at …" too), where it is seen.
    expect(printed.join('')).toContain('[hearth] Hearth is running at');
    expect(printed.at(-1)).toContain('Keep it safe: it is not shown again.');
    const admin = { email: credentials![1], password: credentials![2] };
    const given = new Given(api, admin);
    const adminToken = await given.platformAdmin();
    const region = await given.region(adminToken);
    const lero = await given.lero(region.id, adminToken);
    expect((await api.as(lero.adminToken).get<Json>(`/api/v1/tenants/${lero.id}`)).body.status).toBe(
      'active',
    );
    // The membership service runs in the same process, over the in-process transport.
    const created = await api.as(lero.adminToken).post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Sam',
      communityRoles: ['volunteer'],
    });
    expect(created.status).toBe(201);
    const memberId = created.body.id as string;

    await hearth!.stop();
    printed.length = 0;
    api = await start();

    expect(printed.join('')).not.toContain('password:');
    // The signing key was kept: a token issued before the restart still works.
    const after = await api.as(lero.adminToken).get<Json>(`/api/v1/tenants/${lero.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: lero.id, status: 'active' });
    const member = await api.as(lero.adminToken).get<Json>(`/api/v1/tenants/${lero.id}/members/${memberId}`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ id: memberId, displayName: 'Sam', communityRoles: ['volunteer'] });
    const erase = await api
      .as(lero.adminToken)
      .request('DELETE', `/api/v1/tenants/${lero.id}/members/${memberId}`);
    expect(erase.status).toBe(204);
    expect((await api.as(lero.adminToken).get(`/api/v1/tenants/${lero.id}/members/${memberId}`)).status).toBe(
      404,
    );
    // A sign-in with a code from the app set up before the restart: the key of authenticator secrets was kept.
    const again = new Given(api, admin, given.authenticators);
    expect(await again.login(lero.adminEmail, 'correct horse battery staple')).toEqual(expect.any(String));

    // Reporting runs in the same process too: the projections heard of the region, the LERO and its member.
    const month = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).slice(0, 7);
    const query = `regionId=${region.id}&period=month&from=${month}&to=${month}`;
    const platformAdmin = await again.platformAdmin();
    await eventually(async () => {
      const own = await api
        .as(lero.adminToken)
        .get<Json>(`/api/v1/tenants/${lero.id}/reports/impact?period=month&from=${month}&to=${month}`);
      expect(own.body).toMatchObject({
        notForPublication: true,
        totals: { [month]: { values: { newMembers: { value: 1 } } } },
      });
    });
    // Commissioners see released periods only: this month is pending until its release sweep.
    const before = await api.as(platformAdmin).get<Json>(`/api/v1/reports/impact?${query}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ rows: [], totals: {}, pending: [{ period: month }] });
    const [y, m] = month.split('-').map(Number);
    await hearth!.app.get(ReleaseService, { strict: false }).sweep(new Date(Date.UTC(y, m, 8, 0, 1)));
    const report = await api.as(platformAdmin).get<Json>(`/api/v1/reports/impact?${query}`);
    expect(report.body).toMatchObject({
      disclosureControl: { suppressBelow: 8, roundTo: 5 },
      rows: [
        {
          period: month,
          lero: { id: lero.id },
          status: 'released',
          values: { newMembers: { suppressed: true } },
        },
      ],
      pending: [],
    });
    const csv = await api
      .as(platformAdmin)
      .request<string>('GET', `/api/v1/reports/impact?${query}`, undefined, {
        accept: 'text/csv',
      });
    expect(csv.headers.get('content-type')).toContain('text/csv');

    // Suspending the LERO closes it to its admin at once, whose access the gateway had checked and kept: the
    // in-process bus tells the gateway, as NATS does in a distributed Hearth.
    expect((await api.as(lero.adminToken).get(`/api/v1/tenants/${lero.id}/members`)).status).toBe(200);
    expect((await api.as(platformAdmin).post(`/api/v1/tenants/${lero.id}/suspend`)).status).toBe(200);
    const suspendedAt = Date.now();
    await eventually(
      async () =>
        expect((await api.as(lero.adminToken).get(`/api/v1/tenants/${lero.id}/members`)).status).toBe(403),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(Date.now() - suspendedAt).toBeLessThan(TENANT_ACCESS_TTL_MS);
  });

  it('still prints a first start’s admin when the start fails after making it (its port taken)', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const dir = await mkdtemp(join(tmpdir(), 'hearth-smoke-busy-'));
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      const env = loadConfig(StandaloneEnv, {
        HEARTH_DATA_DIR: dir,
        PORT: String(port),
        LOG_LEVEL: 'silent',
      });
      await expect(startStandalone(env, () => undefined)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      spy.mockRestore();
      busy.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect(out.join('')).toMatch(/email:\s+admin@hearth\.local\s+password:\s+\S{20,}/);
  });

  it('answers a browser’s unknown address with the web app’s 404 page, and the API’s with problem+json', async () => {
    const url = hearth ? hearth.url : (await start()).baseUrl;
    const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const page = await fetch(`${url}/nonexistent`, { headers: html });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const body = await page.text();
    expect(body).toContain('Page not found');
    expect(body).toContain('Go to your Hearth home page');

    for (const path of ['/api/v1/nonexistent', '/health/nonexistent', '/docs/nonexistent']) {
      const api = await fetch(`${url}${path}`, { headers: html });
      expect([path, api.status, api.headers.get('content-type')]).toEqual([
        path,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
    // A client that does not ask for HTML (curl, a script) still gets problem+json.
    const json = await fetch(`${url}/nonexistent`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect(await json.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { ApiClient, Given, createTestDatabase, eventually, type TestDatabase } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';

type Json = Record<string, unknown>;

/**
 * Standalone's in-process transport carries the tenants' and events' domain events to the directory as NATS does
 * (ADR 0042): a LERO that opts in has its weekly group in its region's feed, and pausing it takes it away.
 */
describe('a LERO’s public activities in the directory, in standalone mode', () => {
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth;
  const admin = { email: 'listings-admin@example.org', password: 'listings-admin-password' };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-lero-listings-'));
    hearth = await startStandalone(
      loadConfig(StandaloneEnv, {
        DATABASE_URL: db.ownerUrl,
        HEARTH_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        HEARTH_ADMIN_EMAIL: admin.email,
        HEARTH_ADMIN_PASSWORD: admin.password,
      }),
      () => undefined,
      Object.fromEntries(SERVICE_SCHEMAS.map((s) => [s.schema, db.urlFor(s.schema)])),
    );
  }, 120_000);

  afterAll(async () => {
    await hearth?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists a weekly walking group once its LERO opts in, and takes it away when it is paused', async () => {
    const api = new ApiClient(hearth.url);
    const given = new Given(api, admin);
    const region = await given.region(await given.platformAdmin());
    const lero = await given.lero(region.id);
    const as = api.as(lero.adminToken);
    expect((await as.patch(`/api/v1/tenants/${lero.id}`, { publishToDirectory: true })).status).toBe(200);
    const tuesday = new Date();
    tuesday.setUTCDate(tuesday.getUTCDate() + ((2 - tuesday.getUTCDay() + 7) % 7 || 7));
    const walk = await as.post<Json>(`/api/v1/tenants/${lero.id}/activities`, {
      title: 'Standalone walking group',
      category: 'walking',
      visibility: 'public',
      schedule: {
        startsAt: `${tuesday.toISOString().slice(0, 10)}T10:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
      },
    });
    expect(walk.status).toBe(201);
    const feed = `/api/v1/public/regions/${region.slug}/oruk/services?search=standalone`;
    const listed = await eventually(async () => {
      const page = await api.get<{ contents: Json[] }>(feed);
      expect(page.body.contents).toEqual([
        expect.objectContaining({ name: 'Standalone walking group', status: 'active' }),
      ]);
      return page.body.contents[0];
    });
    const full = await api.get<Json>(
      `/api/v1/public/regions/${region.slug}/oruk/services/${listed.id as string}`,
    );
    expect(full.body).toMatchObject({ schedules: [{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00' }] });
    await as.post(`/api/v1/tenants/${lero.id}/activities/${walk.body.id as string}/pause`);
    await eventually(async () =>
      expect((await api.get<{ contents: Json[] }>(feed)).body.contents).toEqual([]),
    );
  });
});

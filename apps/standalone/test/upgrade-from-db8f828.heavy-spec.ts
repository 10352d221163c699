// Time budget: under 2 minutes on a 2-core machine (measured 66 s alone): a restore and a start of Hearth
// on a data directory of its own, and sign-ins that may wait up to 30 s for an authenticator's next code.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationNames } from '@hearth/persistence';
import { loadConfig } from '@hearth/platform';
import { ApiClient, Given, withClient } from '@hearth/testing';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { runRestore } from '../src/backup/restore.command';

const FIXTURE_DIR = join(__dirname, 'test-data', 'db8f828');
interface Fixture {
  passphrase: string;
  platformAdmin: { email: string; password: string };
  leroAdmin: { email: string; password: string };
  tenantId: string;
  members: { robin: string; sam: string; alexErased: string };
  activityId: string;
  firstSessionId: string;
  sessions: number;
  month: string;
}
const BUDGET_MS = 120_000;

/**
 * The upgrade path: a data directory made by Hearth at commit db8f828 (the start of this wave; how the fixture was
 * made: test-data/db8f828/README.md) is restored and started by this Hearth, which migrates it on start.
 */
describe('a data directory made by Hearth at db8f828, upgraded', () => {
  let root: string;
  let hearth: RunningHearth | undefined;
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = JSON.parse(await readFile(join(FIXTURE_DIR, 'fixture.json'), 'utf8')) as Fixture;
    root = await mkdtemp(join(tmpdir(), 'hearth-upgrade-'));
    await chmod(root, 0o711); // as root, PostgreSQL runs as "postgres", which must reach the data directory in it
  });

  afterAll(async () => {
    await hearth?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it(
    'restores and starts on this version: every migration run, its people sign in, its data is all there',
    async () => {
      const dataDir = join(root, 'data');
      const ledger = join(root, 'erasures.ledger');
      const env = { HEARTH_DATA_DIR: dataDir, HEARTH_ERASURE_LEDGER: ledger };
      const said: string[] = [];
      // That Hearth kept no erasure ledger.
      const code = await runRestore(
        [join(FIXTURE_DIR, 'hearth-db8f828.backup'), '--no-erasure-ledger'],
        { ...env, BACKUP_PASSPHRASE: fixture.passphrase },
        { out: (line) => said.push(line) },
      );
      expect(code).toBe(0);
      expect(said.join('\n')).toMatch(/made 2026-12-03.*38 tables/);

      hearth = await startStandalone(
        loadConfig(StandaloneEnv, { ...env, PORT: '0', LOG_LEVEL: 'warn' }),
        () => undefined,
      );
      // Started on this version: every schema has every migration of this Hearth, in order.
      await withClient(hearth.ownerUrl, async (c) => {
        for (const def of SERVICE_SCHEMAS) {
          const { rows } = await c.query<{ name: string }>(
            `select name from ${def.schema}.mikro_orm_migrations order by id`,
          );
          expect(rows.map((r) => r.name)).toEqual(migrationNames(def));
        }
      });
      // The ledger begins with the tombstone that Hearth made (Alex, erased there).
      expect((await readFile(ledger, 'utf8')).trim().split('\n').at(-1)).toBe(
        `${fixture.tenantId} ${fixture.members.alexErased}`,
      );

      const api = new ApiClient(hearth.url);
      const given = new Given(api, fixture.platformAdmin);
      // Sign-in over HTTP; this version asks admins for a second factor, which they set up on the way.
      expect(
        (await api.as(await given.platformAdmin()).get<{ items: unknown[] }>('/api/v1/regions')).status,
      ).toBe(200);
      const staff = api.as(await given.login(fixture.leroAdmin.email, fixture.leroAdmin.password));
      const t = `/api/v1/tenants/${fixture.tenantId}`;

      const members = await staff.get<{ items: { id: string; displayName: string }[] }>(
        `${t}/members?limit=100`,
      );
      expect(members.status).toBe(200);
      expect(members.body.items.map((m) => m.displayName).sort()).toEqual(['Robin Fixture', 'Sam Fixture']);
      expect((await staff.get(`${t}/members/${fixture.members.robin}`)).body).toMatchObject({
        displayName: 'Robin Fixture',
        email: 'robin@fixture.example.org',
        communityRoles: ['volunteer'],
        pathway: 'peer support',
        status: 'active',
      });
      expect((await staff.get(`${t}/members/${fixture.members.alexErased}`)).status).toBe(404);

      expect((await staff.get(`${t}/activities/${fixture.activityId}`)).body).toMatchObject({
        title: 'Tuesday peer support',
        capacity: 12,
      });
      const sessions = await staff.get<{ items: { id: string }[] }>(
        `${t}/sessions?activityId=${fixture.activityId}&from=${fixture.month}-01&to=2027-03-01`,
      );
      expect(sessions.body.items).toHaveLength(fixture.sessions);
      const register = await staff.get<{
        members: { displayName: string }[];
        walkIns: number;
        total: number;
      }>(`${t}/sessions/${fixture.firstSessionId}/attendance`);
      expect(register.body.members.map((m) => m.displayName).sort()).toEqual([
        'Robin Fixture',
        'Sam Fixture',
      ]);
      expect(register.body).toMatchObject({ walkIns: 3, total: 5 });

      // Reporting's figures came through its own migrations (order-independent projections among them).
      const report = await staff.get<{ rows: { values: Record<string, { value: number }> }[] }>(
        `${t}/reports/impact?period=month&from=${fixture.month}&to=${fixture.month}`,
      );
      expect(report.status).toBe(200);
      expect(report.body.rows[0].values).toMatchObject({ attendances: { value: 5 } });

      // And it keeps working: a new member on the upgraded data.
      const added = await staff.post<{ id: string }>(`${t}/members`, {
        displayName: 'Nia New',
        communityRoles: [],
      });
      expect(added.status).toBe(201);
    },
    BUDGET_MS,
  );
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCredentials } from '@hearth/persistence';
import { loadConfig } from '@hearth/platform';
import {
  ApiClient,
  createTestDatabase,
  eventually,
  testServices,
  uniqueName,
  withClient,
  type TestDatabase,
} from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startEmbeddedPostgres } from '../src/embedded-database';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { TenantsDatabase } from '../../tenants/src';
import { MembershipDatabase } from '../../membership/src';
import { EventsDatabase } from '../../events/src';
import { ReportingDatabase } from '../../reporting/src';

const SCHEMAS = SERVICE_SCHEMAS.map((s) => s.schema);

/**
 * Standalone given only DATABASE_URL (a PostgreSQL of your own): that role owns the schemas, and each service
 * connects as a role of its own, never as the owner (ADR 0012).
 */
describe('standalone on your own PostgreSQL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  /** A role that may create schemas in the database but not roles, as a hosting provider might hand out. */
  const owner = uniqueName('hearth_test_owner');
  /** The services' roles, made by the operator (not by Hearth). */
  const serviceRoles = Object.fromEntries(SCHEMAS.map((s) => [s, uniqueName(`hearth_test_${s}`)]));
  let ownerUrl: string;
  const serviceUrls = () =>
    Object.fromEntries(SCHEMAS.map((s) => [s, withCredentials(db.ownerUrl, serviceRoles[s], 'service')]));

  /** What standalone said (its `[hearth]` lines). */
  const said: string[] = [];
  const start = (
    urls: Record<string, string> = {},
    env: Record<string, string> = {},
    early?: Parameters<typeof startStandalone>[4],
  ) =>
    startStandalone(
      loadConfig(StandaloneEnv, {
        DATABASE_URL: ownerUrl,
        HEARTH_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        ...env,
      }),
      (line) => said.push(line),
      urls,
      {},
      early,
    );

  beforeAll(async () => {
    db = await createTestDatabase({ dropAtOnce: true }); // its roles, dropped after it, own objects in it
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-own-pg-'));
    ownerUrl = withCredentials(db.ownerUrl, owner, 'owner');
    const { databaseUrl } = await testServices();
    await withClient(databaseUrl, async (c) => {
      const database = new URL(db.ownerUrl).pathname.slice(1);
      await c.query(`create role ${owner} login password 'owner'`);
      await c.query(`create database ${database}`);
      await c.query(`grant create on database ${database} to ${owner}`);
      for (const role of Object.values(serviceRoles))
        await c.query(`create role ${role} login password 'service'`);
    });
  });

  afterAll(async () => {
    await hearth?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
    const { databaseUrl } = await testServices();
    await withClient(databaseUrl, async (c) => {
      for (const role of [owner, ...Object.values(serviceRoles)])
        await c.query(`drop role if exists ${role}`);
    });
  });

  it('runs each service as its own role, while the role of DATABASE_URL owns the tables', async () => {
    hearth = await start(serviceUrls());
    const ready = await new ApiClient(hearth.url).get<{ status: string }>('/health/ready');
    expect(ready.body.status).toBe('ok');

    const owners = await withClient(db.ownerUrl, (c) =>
      c.query<{ tableowner: string }>(
        'select distinct tableowner from pg_tables where schemaname = any($1)',
        [SCHEMAS],
      ),
    );
    expect(owners.rows).toEqual([{ tableowner: owner }]);
    const roleOf = async (
      database: TenantsDatabase | MembershipDatabase | EventsDatabase | ReportingDatabase,
    ) =>
      (
        await database.transactPlatform((tx) =>
          tx.run<[{ role: string }[]]>({ sql: 'select current_user as role' }),
        )
      )[0][0].role;
    expect(await roleOf(hearth.app.get(TenantsDatabase))).toBe(serviceRoles.tenants);
    expect(await roleOf(hearth.app.get(MembershipDatabase))).toBe(serviceRoles.membership);
    expect(await roleOf(hearth.app.get(EventsDatabase))).toBe(serviceRoles.events);
    expect(await roleOf(hearth.app.get(ReportingDatabase))).toBe(serviceRoles.reporting);
    await hearth.stop();
    hearth = undefined;
  });

  it('vacuums the tables as their owner on a timer; a checkpoint, which that role may not make, is said', async () => {
    said.length = 0;
    hearth = await start(serviceUrls(), { MAINTENANCE_INTERVAL: '1s' });
    await eventually(
      () =>
        expect(said.filter((l) => l.startsWith('Maintenance')).slice(0, 2)).toEqual([
          expect.stringMatching(
            /^Maintenance done: \d+ table\(s\) vacuumed; no checkpoint \(not permitted\)\.$/,
          ),
          expect.stringMatching(/^Maintenance done: /),
        ]),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    await hearth.stop();
    hearth = undefined;
  });

  it('stops the embedded PostgreSQL main started early when the configuration names a DATABASE_URL', async () => {
    const earlyDir = await mkdtemp(join(tmpdir(), 'hearth-own-pg-early-'));
    try {
      const database = startEmbeddedPostgres(earlyDir, () => undefined);
      hearth = await start(serviceUrls(), {}, { dataDir: earlyDir, database });
      expect(hearth.ownerUrl).toBe(ownerUrl);
      await expect(withClient((await database).ownerUrl, (c) => c.query('select 1'))).rejects.toThrow();
      await hearth.stop();
      hearth = undefined;
    } finally {
      await rm(earlyDir, { recursive: true, force: true });
    }
  });

  it('says what to do when that role may not create the services’ roles', async () => {
    await expect(start()).rejects.toThrow(
      new RegExp(`The owner "${owner}" may not create or change the services' roles .*Give it CREATEROLE`),
    );
  });
});

import { Migration } from '@mikro-orm/migrations';
import type { Pool } from 'pg';
import {
  ServiceDatabase,
  asTenantId,
  isDatabaseUnavailable,
  migrateAll,
  type ServiceSchema,
} from '@hearth/persistence';
import {
  createTestDatabase,
  eventually,
  startTestPostgres,
  withClient,
  type TestDatabase,
  type TestPostgres,
} from '@hearth/testing';

class ProbeInit extends Migration {
  override name = 'probe-init';

  up(): void {
    this.addSql('create table probe.things (id int primary key)');
  }
}

const PROBE: ServiceSchema = { schema: 'probe', entities: [], migrations: [ProbeInit] };
const TENANT = asTenantId('01900000-0000-7000-8000-000000000001');

/** Fails the test unless `work` rejects with an error that says the database is unavailable (so: 503). */
async function expectUnavailable(work: Promise<unknown>): Promise<void> {
  const err = await work.then(
    () => new Error('expected the database to be unavailable, but the work succeeded'),
    (e: unknown) => e,
  );
  expect([isDatabaseUnavailable(err), String(err)]).toEqual([true, String(err)]);
}

/** A service's database connections when PostgreSQL goes away under them (a restart, a failover, a kill). */
describe('ServiceDatabase when its database goes away', () => {
  let pg: TestPostgres;
  let testDb: TestDatabase;
  let db: ServiceDatabase;

  const ormPool = async () =>
    (db.orm.em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient();
  /** Ends every connection of the service's role, as a restart does (57P01). */
  const terminateServiceConnections = () =>
    withClient(testDb.ownerUrl, (c) =>
      c.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = 'hearth_probe'`),
    );

  beforeAll(async () => {
    pg = await startTestPostgres();
    testDb = await createTestDatabase({ serverUrl: pg.url });
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 3 });
  });

  afterAll(async () => {
    await db?.close();
    await pg?.close();
  });

  it('fails only the request whose connection was cut (as unavailable), and serves the next', async () => {
    await expectUnavailable(
      db.transactPlatform(async (tx) => {
        await tx.run({ sql: 'select 1' });
        await terminateServiceConnections();
        await tx.run({ sql: 'select 2' });
      }),
    );
    expect(await db.readInTenant(TENANT, 'select 3 as n')).toEqual([{ n: 3 }]);
  });

  it('takes back an ORM connection whose transaction died with it, so the pool never shrinks', async () => {
    const pool = await ormPool();
    // More dead transactions than the pool has connections: without taking them back it would be empty.
    for (let i = 0; i < 4; i++) {
      await expectUnavailable(
        db.em().transactional(async (em) => {
          await em.execute('select 1');
          await terminateServiceConnections();
          await em.execute('select 2');
        }),
      );
    }
    await eventually(() => expect(pool.totalCount - pool.idleCount).toBe(0), { timeoutMs: 5000 });
    expect(await db.em().execute('select 4 as n')).toEqual([{ n: 4 }]);
  });

  it('is not ready while the server is down, and ready again by itself once it is back', async () => {
    expect(await db.isReady()).toEqual({ ready: true });
    await pg.stop({ mode: 'immediate' });
    try {
      expect(await db.isReady()).toMatchObject({ ready: false, details: { reason: expect.any(String) } });
      await expectUnavailable(db.readInTenant(TENANT, 'select 1'));
      await expectUnavailable(db.em().execute('select 1'));
    } finally {
      await pg.start();
    }
    await eventually(async () => expect(await db.isReady()).toEqual({ ready: true }));
    expect(await db.readInTenant(TENANT, 'select 5 as n')).toEqual([{ n: 5 }]);
  });
});

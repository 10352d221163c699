import { Migration } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { migrateAll, migrationStatus, type ServiceSchema } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase } from '@hearth/testing';

class WaitProbeOne extends Migration {
  override name = 'wait-probe-1';
  up(): void {
    this.addSql('create table waitprobe.one (id int primary key)');
  }
}
class WaitProbeTwo extends Migration {
  override name = 'wait-probe-2';
  up(): void {
    this.addSql('create table waitprobe.two (id int primary key)');
  }
}
class WaitProbeThree extends Migration {
  override name = 'wait-probe-3';
  up(): void {
    this.addSql('create table waitprobe.three (id int primary key)');
  }
}

/** This build knows two migrations; a later release knows a third. */
const BUILD: ServiceSchema = { schema: 'waitprobe', entities: [], migrations: [WaitProbeOne, WaitProbeTwo] };
const LATER: ServiceSchema = { ...BUILD, migrations: [WaitProbeOne, WaitProbeTwo, WaitProbeThree] };

/** What a service pod's init container waits for (ADR 0084), read as the service's own role. */
describe('migrationStatus', () => {
  let db: TestDatabase;
  const statusAsService = async (def: ServiceSchema) => {
    const client = new Client({ connectionString: db.urlFor(def.schema) });
    await client.connect();
    try {
      return await migrationStatus(client, def);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The role and database exist, the schema has not been migrated: as before a first migrate's Job has run.
    await migrateAll([{ ...BUILD, migrations: [] }], db.ownerUrl, db.urlFor);
  });

  afterAll(() => db?.drop());

  it('is not ready before migrate has run any migration', async () => {
    expect(await statusAsService(BUILD)).toEqual({ expected: 'wait-probe-2', found: null, ready: false });
  });

  it('is not ready while the schema is at an earlier migration than the build needs', async () => {
    await migrateAll([BUILD], db.ownerUrl, db.urlFor, { upTo: { waitprobe: 'wait-probe-1' } });
    expect(await statusAsService(BUILD)).toEqual({
      expected: 'wait-probe-2',
      found: 'wait-probe-1',
      ready: false,
    });
  });

  it('is ready once migrate has run the build’s last migration', async () => {
    await migrateAll([BUILD], db.ownerUrl, db.urlFor);
    expect(await statusAsService(BUILD)).toEqual({
      expected: 'wait-probe-2',
      found: 'wait-probe-2',
      ready: true,
    });
  });

  it('runs nothing again at the next start of the same build (ADR 0093: MikroORM is not even started)', async () => {
    expect(await migrateAll([BUILD], db.ownerUrl, db.urlFor)).toEqual({ waitprobe: [] });
    expect(await statusAsService(BUILD)).toMatchObject({ found: 'wait-probe-2', ready: true });
  });

  it('is ready for an older build once a later release has migrated further', async () => {
    expect(await migrateAll([LATER], db.ownerUrl, db.urlFor)).toEqual({ waitprobe: ['wait-probe-3'] });
    expect(await statusAsService(BUILD)).toEqual({
      expected: 'wait-probe-2',
      found: 'wait-probe-3',
      ready: true,
    });
    expect(await statusAsService(LATER)).toEqual({
      expected: 'wait-probe-3',
      found: 'wait-probe-3',
      ready: true,
    });
  });
});

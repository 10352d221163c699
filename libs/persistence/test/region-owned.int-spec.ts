import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { uuidv7 } from 'uuidv7';
import {
  RegionOwnedEntity,
  ServiceDatabase,
  migrateAll,
  regionRlsSql,
  type ServiceSchema,
} from '@hearth/persistence';
import { createTestDatabase, testRegionId, withClient, type TestDatabase } from '@hearth/testing';

@Entity({ tableName: 'listings' })
class Listing extends RegionOwnedEntity {
  @Property() name!: string;
}

class RegionProbeInit extends Migration {
  override name = 'region-probe-init';

  up(): void {
    this.addSql(
      'create table regionprobe.listings (id uuid primary key, region_id uuid not null, name text not null)',
    );
    for (const sql of regionRlsSql('regionprobe.listings')) this.addSql(sql);
  }
}

const SCHEMA: ServiceSchema = { schema: 'regionprobe', entities: [Listing], migrations: [RegionProbeInit] };

/** Region-owned data is isolated between regions as tenant-owned data is between LEROs (the directory's). */
describe('region-owned tables', () => {
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  const north = uuidv7();
  const south = uuidv7();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await migrateAll([SCHEMA], testDb.ownerUrl, testDb.urlFor);
    await withClient(testDb.ownerUrl, async (owner) => {
      for (const [region, name] of [
        [north, 'Debt advice north'],
        [north, 'Food bank north'],
        [south, 'Debt advice south'],
      ])
        await owner.query('insert into regionprobe.listings values ($1, $2, $3)', [uuidv7(), region, name]);
    });
    db = await ServiceDatabase.connect(SCHEMA, { url: testDb.urlFor(SCHEMA.schema) });
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('gives the ORM only the region’s rows, and refuses a query that names no region', async () => {
    const { em } = db.forRegion(testRegionId(north));
    expect((await em.find(Listing, {}, { orderBy: { name: 'asc' } })).map((l) => l.name)).toEqual([
      'Debt advice north',
      'Food bank north',
    ]);
    await expect(db.em().find(Listing, {})).rejects.toThrow(/region/);
  });

  it('shows a raw query that forgot its filter nothing of another region, and nothing at all without a region', async () => {
    expect(
      await db.readInRegion<{ name: string }>(testRegionId(south), 'select name from regionprobe.listings'),
    ).toEqual([{ name: 'Debt advice south' }]);
    const none = await withClient(testDb.urlFor(SCHEMA.schema), (c) =>
      c.query('select * from regionprobe.listings'),
    );
    expect(none.rows).toEqual([]);
  });

  it('refuses to write a row into another region, or to move one there', async () => {
    await expect(
      db.transactInRegion(testRegionId(north), (tx) =>
        tx.run({
          sql: 'insert into regionprobe.listings values ($1, $2, $3)',
          params: [uuidv7(), south, 'smuggled'],
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      db.transactInRegion(testRegionId(north), (tx) =>
        tx.run({ sql: 'update regionprobe.listings set region_id = $1', params: [south] }),
      ),
    ).rejects.toThrow(/row-level security/);
    const [rows] = await db.transactInRegion(testRegionId(north), (tx) =>
      tx.run<[{ n: string }[]]>({ sql: 'select count(*)::text as n from regionprobe.listings' }),
    );
    expect(rows).toEqual([{ n: '2' }]);
  });
});

import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, testRegionId, withClient, type TestDatabase } from '@hearth/testing';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { OrukRepository } from '../src/oruk/oruk.repository';
import { EVERY_REGION, FEED_TABLES_20261230 } from '../migrations/migration-20261230-directory-feed-versions';

/**
 * Tables of the directory schema that the public feed never reads, so a change to them moves no version. A new
 * table is in neither list until someone decides (and, if the feed reads it, gives it the `feed_changed` trigger).
 */
const NOT_READ_BY_THE_FEED = [
  'activity_sources',
  'dead_letter',
  'feed_versions',
  'imports',
  'inbox',
  'lero_sources',
  'mikro_orm_migrations',
  'outbox',
  'postcode_loads',
  'postcode_staging',
  'role_sources',
  'signposts',
  'suggestions',
];

/**
 * The feed's versions (ADR 0047): every committed change to what a region's feed shows moves that region's version
 * on, once per transaction, at commit; nothing else does.
 */
describe('the directory feed’s versions', () => {
  let db: TestDatabase;
  let service: DirectoryDatabase;
  let feed: OrukRepository;
  const north = uuidv7();
  const south = uuidv7();
  const org = uuidv7();
  const svc = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    service = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.urlFor(DIRECTORY_SCHEMA.schema) });
    feed = new OrukRepository(service);
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  /** The versions as the table has them (read as the owner: no region set). */
  const versions = () =>
    withClient(db.ownerUrl, async (c) => {
      const { rows } = await c.query<{ region_id: string; version: string }>(
        'select region_id, version from directory.feed_versions',
      );
      return Object.fromEntries(rows.map((r) => [r.region_id, Number(r.version)]));
    });

  /** `work` in one transaction of the directory's own role, in `region`; rolled back if `rollback`. */
  const inRegion = (region: string, work: (c: Client) => Promise<unknown>, rollback = false) =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      await work(c);
      await c.query(rollback ? 'rollback' : 'commit');
    });

  it('gives every table of the schema the trigger, or names it as one the feed does not read', async () => {
    const tables = await withClient(db.ownerUrl, async (c) => {
      // Each table the feed reads: the same row trigger, deferred to the commit (postcodes: one per statement).
      const { rows } = await c.query<{ table: string; triggered: boolean }>(
        `select c.relname as table, exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
           where t.tgrelid = c.oid and t.tgname = 'feed_changed' and (
             (p.proname = 'feed_row_changed' and t.tgdeferrable and t.tginitdeferred and t.tgtype & 1 = 1)
             or (c.relname = 'postcodes' and p.proname = 'feed_statement_changed'))) as triggered
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'directory' and c.relkind in ('r', 'p') order by 1`,
      );
      return rows;
    });
    const triggered = tables.filter((t) => t.triggered).map((t) => t.table);
    expect(triggered.sort()).toEqual([...FEED_TABLES_20261230, 'postcodes'].sort());
    expect(tables.filter((t) => !t.triggered).map((t) => t.table)).toEqual(NOT_READ_BY_THE_FEED);
  });

  it('moves the region’s version once per committed transaction, and no other region’s', async () => {
    await inRegion(north, async (c) => {
      await c.query(`insert into directory.organizations (id, region_id, name) values ($1, $2, 'Org')`, [
        org,
        north,
      ]);
      await c.query(
        `insert into directory.services (id, region_id, organization_id, name) values ($1, $2, $3, 'Debt advice')`,
        [svc, north, org],
      );
    });
    const first = await versions();
    expect(first[north]).toBe(1);
    expect(first[south]).toBeUndefined();
    await inRegion(north, (c) =>
      c.query(`update directory.services set name = 'Money advice' where id = $1`, [svc]),
    );
    expect((await versions())[north]).toBe(2);
    // A statement that changes no row changes nothing the feed shows.
    await inRegion(north, (c) =>
      c.query(`update directory.services set name = 'x' where id = $1`, [uuidv7()]),
    );
    expect((await versions())[north]).toBe(2);
  });

  it('moves nothing for a transaction rolled back, and nothing another session can see before the commit', async () => {
    const before = await versions();
    await inRegion(north, (c) => c.query(`delete from directory.services where id = $1`, [svc]), true);
    expect(await versions()).toEqual(before);
    await inRegion(north, async (c) => {
      await c.query(`update directory.services set description = 'Free' where id = $1`, [svc]);
      // The change is made but not committed: a reader still has the old version (and the old row).
      expect(await versions()).toEqual(before);
    });
    expect((await versions())[north]).toBe(before[north] + 1);
  });

  it('moves the version on at commit, so a writer never waits for another on it mid-transaction', async () => {
    const other = await withClient(db.urlFor(DIRECTORY_SCHEMA.schema), async (a) => {
      await a.query('begin');
      await a.query(`select set_config('app.region_id', $1, true)`, [north]);
      await a.query(`update directory.organizations set description = 'a' where id = $1`, [org]);
      // A second writer of the same region commits while the first is still open: it does not wait on the
      // version row (1 s lock timeout), which the first only takes at its own commit.
      await inRegion(north, async (b) => {
        await b.query(`set local lock_timeout = '1s'`);
        await b.query(`update directory.services set description = 'b' where id = $1`, [svc]);
      });
      const mid = (await versions())[north];
      await a.query('commit');
      return mid;
    });
    expect((await versions())[north]).toBe(other + 1);
  });

  it('moves every region’s version for Hearth’s own rows and for the postcode list', async () => {
    const before = await versions();
    await withClient(db.ownerUrl, async (c) => {
      await c.query(`update directory.taxonomy_terms set description = description where region_id is null`);
      await c.query(
        `insert into directory.postcodes (postcode, latitude, longitude) values ('LS1 4AP', 53.79, -1.55)`,
      );
    });
    const after = await versions();
    expect(after[EVERY_REGION]).toBe((before[EVERY_REGION] ?? 0) + 2);
    expect(after[north]).toBe(before[north]);
  });

  it('reads the version the feed’s answers are kept under: the day, the region’s and every region’s', async () => {
    const now = await versions();
    const version = await feed.versionOf(testRegionId(north));
    const today = await withClient(
      db.ownerUrl,
      async (c) => (await c.query('select current_date::text as d')).rows[0].d,
    );
    expect(version).toBe(`${today} ${EVERY_REGION}=${now[EVERY_REGION]} ${north}=${now[north]}`);
    const fresh = uuidv7();
    expect(await feed.versionOf(testRegionId(fresh))).toBe(`${today} ${EVERY_REGION}=${now[EVERY_REGION]}`);
  });
});

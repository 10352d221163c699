import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase, withClient } from '@hearth/testing';
import { DIRECTORY_SCHEMA } from '../src/directory-database';
import { loadPostcodes } from '../src/places/postcode-loader';

/** Real postcodes (test-data/postcodes/README.md says where from). */
const DATA = join(__dirname, 'test-data', 'postcodes');
const ONSPD = join(DATA, 'onspd-sample.csv');
const LEEDS = join(DATA, 'nspl-leeds-sample.csv');

/** The postcode list and its loader (ADR 0038), on a real PostgreSQL. */
describe('the postcode list and npm run directory:load-postcodes', () => {
  let db: TestDatabase;
  let owner: Client;
  let dir: string;
  const list = async () =>
    (
      await owner.query<{ postcode: string; latitude: number; longitude: number }>(
        'select postcode, latitude, longitude from directory.postcodes order by postcode',
      )
    ).rows;
  const asDirectoryRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), fn);

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    dir = mkdtempSync(join(tmpdir(), 'hearth-postcodes-'));
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the ONS Postcode Directory’s layout: live postcodes with a place; terminated and unplaced ones skipped', async () => {
    const report = await loadPostcodes(owner, ONSPD);
    expect(report.read).toEqual({ rows: 11, placed: 6, terminated: 4, withoutPlace: 1, notPostcode: 0 });
    expect(report).toMatchObject({ resumed: false, added: 6, moved: 0, unchanged: 0, removed: 0, total: 6 });
    expect(await list()).toEqual([
      { postcode: 'AB16 9WL', latitude: 57.153446, longitude: -2.147753 },
      { postcode: 'AB16 9WN', latitude: 57.153446, longitude: -2.147753 },
      { postcode: 'AB16 9ZZ', latitude: 57.153045, longitude: -2.159404 },
      { postcode: 'M1 1AD', latitude: 53.483784, longitude: -2.244866 },
      { postcode: 'M11 1AA', latitude: 53.473628, longitude: -2.172086 },
      { postcode: 'SE1P 5ZZ', latitude: 51.492762, longitude: -0.080152 },
    ]);
    // Loaded, the staging rows are gone and the load is recorded as finished.
    const { rows } = await owner.query(
      `select (select count(*)::int from directory.postcode_staging) as staged, finished_at is not null as finished
         from directory.postcode_loads`,
    );
    expect(rows).toEqual([{ staged: 0, finished: true }]);
  });

  it('reads a Postcode,lat,long file too, and changes nothing when the same file is loaded again', async () => {
    const first = await loadPostcodes(owner, LEEDS);
    expect(first.read).toEqual({ rows: 16, placed: 15, terminated: 0, withoutPlace: 1, notPostcode: 0 });
    expect(first).toMatchObject({ added: 15, total: 21 });
    const again = await loadPostcodes(owner, LEEDS);
    expect(again).toMatchObject({ resumed: false, added: 0, moved: 0, unchanged: 15, removed: 0, total: 21 });
    expect((await list()).find((p) => p.postcode === 'LS1 4AP')).toEqual({
      postcode: 'LS1 4AP',
      latitude: 53.79547,
      longitude: -1.55572,
    });
  });

  it('takes out a postcode that a newer release terminates, and moves one whose centroid moved', async () => {
    const newer = join(dir, 'newer.csv');
    writeFileSync(
      newer,
      'pcds,doterm,lat,long\r\n"LS1 4AQ","202501",53.79729,-1.55489\r\n"ls11ur","",53.80300,-1.54800\r\nnot a postcode,,1,1\r\n',
    );
    const report = await loadPostcodes(owner, newer);
    expect(report.read).toEqual({ rows: 3, placed: 1, terminated: 1, withoutPlace: 0, notPostcode: 1 });
    expect(report).toMatchObject({ added: 0, moved: 1, removed: 1, total: 20 });
    const after = await list();
    expect(after.map((p) => p.postcode)).not.toContain('LS1 4AQ');
    expect(after.find((p) => p.postcode === 'LS1 1UR')).toMatchObject({
      latitude: 53.803,
      longitude: -1.548,
    });
  });

  it('carries on a load that stopped part of the way, and finishes it without duplicates', async () => {
    await owner.query('truncate directory.postcodes');
    const stop = new Error('the machine went down');
    await expect(
      loadPostcodes(owner, LEEDS, {
        batchSize: 4,
        afterBatch: (appliedTo) => {
          if (appliedTo === 8) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect((await list()).length).toBe(8);
    // The directory's role sees neither the staged rows nor the load's progress.
    await asDirectoryRole(async (c) => {
      expect((await c.query('select * from directory.postcode_staging')).rows).toEqual([]);
      expect((await c.query('select * from directory.postcode_loads')).rows).toEqual([]);
    });
    expect((await owner.query('select count(*)::int as n from directory.postcode_staging')).rows).toEqual([
      { n: 15 },
    ]);

    const lines: string[] = [];
    const carried = await loadPostcodes(owner, LEEDS, { batchSize: 4, out: (l) => lines.push(l) });
    expect(lines[0]).toMatch(
      /Carrying on the load of nspl-leeds-sample\.csv that stopped after 8 of 15 rows/,
    );
    expect(carried).toMatchObject({ resumed: true, added: 15, unchanged: 0, total: 15 });
    const postcodes = (await list()).map((p) => p.postcode);
    expect(new Set(postcodes).size).toBe(15);
    expect(postcodes).toContain('LS1 4AP');
  });

  it('lets the directory’s role read the list, whatever its region, and change nothing in it', async () => {
    await asDirectoryRole(async (c) => {
      const { rows } = await c.query(`select latitude from directory.postcodes where postcode = 'LS1 4AP'`);
      expect(rows).toEqual([{ latitude: 53.79547 }]);
      await expect(
        c.query(
          `insert into directory.postcodes (postcode, latitude, longitude) values ('LS1 9ZZ', 53, -1.5)`,
        ),
      ).rejects.toThrow(/row-level security/);
      expect((await c.query(`update directory.postcodes set latitude = 0`)).rowCount).toBe(0);
      expect((await c.query(`delete from directory.postcodes`)).rowCount).toBe(0);
      await expect(c.query('truncate directory.postcodes')).rejects.toThrow(/permission denied/);
      await expect(loadPostcodes(c, LEEDS)).rejects.toThrow(/cannot write the postcode list/);
    });
    expect((await list()).length).toBe(15);
  });

  it('refuses a file without the columns it needs, and loads nothing of it', async () => {
    const codePoint = join(dir, 'codepoint.csv');
    // Code-Point Open's layout: no header, eastings and northings rather than latitude and longitude.
    writeFileSync(codePoint, '"LS1 4AP",10,429767,433439,"E92000001","E19000003"\n');
    await expect(loadPostcodes(owner, codePoint)).rejects.toThrow(
      /has no column for a postcode \(pcds\), a latitude \(lat\), a longitude \(long\)/,
    );
    expect((await list()).length).toBe(15);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { createMigratedDatabase, withClient } from '@hearth/testing';
import { DIRECTORY_SCHEMA } from '../src/directory-database';
import { loadEsdTaxonomy, type EsdLoadReport } from '../src/taxonomy/esd-loader';
import { HEARTH_TERMS } from '../migrations/migration-20261211-directory-taxonomy';
import { HEARTH_ESD_SERVICE_TYPES } from '../migrations/migration-20261224-directory-esd';

/** Real rows of the LGA's esd Services List (test-data/esd/README.md says where from). */
const SERVICES = join(__dirname, 'test-data/esd/services.csv');
const rows = parse(readFileSync(SERVICES), { columns: true, bom: true }) as Record<string, string>[];
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';

describe('the LGA esd lists: Hearth’s codes, and a region’s own copy of a list', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let dir: string;
  const north = uuidv7();
  const south = uuidv7();
  /** The loader as the directory service's own role: bound by the region's row-level security. */
  const load = (file: string, regionId: string, batchSize?: number): Promise<EsdLoadReport> =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), (c: Client) =>
      loadEsdTaxonomy(c, file, { regionId, vocabulary: 'esdServiceType', batchSize }),
    );
  const inRegion = <T>(region: string, sql: string, params: unknown[] = []) =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      const { rows: found } = await c.query(sql, params);
      await c.query('rollback');
      return found as T[];
    });

  beforeAll(async () => {
    db = await createMigratedDatabase([DIRECTORY_SCHEMA]);
    dir = mkdtempSync(join(tmpdir(), 'hearth-esd-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('ships only CURIEs that are rows of the esd Services List, with the labels the list gives them', async () => {
    for (const { term, types } of HEARTH_ESD_SERVICE_TYPES) {
      expect(HEARTH_TERMS.map(([id]) => id)).toContain(term);
      for (const [identifier, label] of types)
        expect([identifier, rows.find((r) => r.Identifier === identifier)?.Label]).toEqual([
          identifier,
          label,
        ]);
    }
    const { rows: codes } = await db.owner.query<{ id: string; code: string | null }>(
      `select id, code from directory.taxonomy_terms where region_id is null and code is not null order by id`,
    );
    expect(codes).toHaveLength(14);
    for (const { id, code } of codes) {
      const shipped = HEARTH_ESD_SERVICE_TYPES.find((t) => t.term === id);
      expect(code).toBe(`esdServiceType:${shipped?.types[0][0]}`);
    }
    expect(codes.find((c) => c.id === FOOD)).toBeUndefined();
  });

  it('loads a list into one region’s own taxonomy, in batches, under its row-level security', async () => {
    const report = await load(SERVICES, north, 10);
    expect(report).toMatchObject({
      created: true,
      added: 35,
      changed: 0,
      unchanged: 0,
      reparented: 0,
      notInFile: 0,
      total: 35,
      read: { rows: 35, skipped: [], duplicates: 0, latestModified: '2015-02-05' },
      mapped: HEARTH_ESD_SERVICE_TYPES.flatMap((t) => t.types).length,
    });
    const [taxonomy] = await inRegion<Record<string, unknown>>(
      north,
      `select name, uri, version, source, source_id from directory.taxonomies where id = $1`,
      [report.taxonomyId],
    );
    expect(taxonomy).toEqual({
      name: 'esdServiceType',
      uri: 'http://id.esd.org.uk/list/services',
      version: '2015-02-05',
      source: 'esd',
      source_id: 'esdServiceType',
    });
    const [debt] = await inRegion<Record<string, unknown>>(
      north,
      `select code, name, term_uri, description from directory.taxonomy_terms where taxonomy_id = $1 and source_id = 'esdServiceType:651'`,
      [report.taxonomyId],
    );
    expect(debt).toMatchObject({
      code: 'esdServiceType:651',
      name: 'Debt counselling',
      term_uri: 'http://id.esd.org.uk/service/651',
      description: expect.stringContaining('free confidential debt counselling'),
    });
    // A description spanning lines inside quotes is read whole.
    const [maintenance] = await inRegion<{ description: string }>(
      north,
      `select description from directory.taxonomy_terms where taxonomy_id = $1 and source_id = 'esdServiceType:923'`,
      [report.taxonomyId],
    );
    expect(maintenance.description).toMatch(
      /non-resident parent for the child\. \nIn the UK the Child Support/,
    );
    const mapped = await inRegion<{ code: string }>(
      north,
      `select t.code from directory.taxonomy_term_mappings m join directory.taxonomy_terms t on t.id = m.mapped_term_id
        where m.taxonomy_term_id = $1`,
      [DEBT],
    );
    expect(mapped).toEqual([{ code: 'esdServiceType:651' }]);
    expect(await inRegion(south, `select * from directory.taxonomies where source = 'esd'`)).toEqual([]);
  });

  it('changes no row when the same file is loaded again', async () => {
    const before = await inRegion<{ id: string; xmin: string }>(
      north,
      `select id, xmin::text from directory.taxonomy_terms where region_id is not null
       union all select id, xmin::text from directory.taxonomies where region_id is not null
       union all select id, xmin::text from directory.taxonomy_term_mappings order by id`,
    );
    const again = await load(SERVICES, north);
    expect(again).toMatchObject({
      created: false,
      added: 0,
      changed: 0,
      unchanged: 35,
      reparented: 0,
      mapped: 0,
    });
    expect(
      await inRegion(
        north,
        `select id, xmin::text from directory.taxonomy_terms where region_id is not null
         union all select id, xmin::text from directory.taxonomies where region_id is not null
         union all select id, xmin::text from directory.taxonomy_term_mappings order by id`,
      ),
    ).toEqual(before);
  });

  it('takes a newer edition with the current download’s columns: labels changed, broader terms, terms it lacks kept', async () => {
    // The same real rows under the column names of the current download (no Modified, a Broader column),
    // one label as a newer edition might word it, one row left out, and a broader term made up for the test.
    const kept = rows.filter((r) => r.Identifier !== '1512');
    const csv = [
      'Identifier,Label,Description,Broader',
      ...kept.map((r) =>
        [
          r.Identifier,
          r.Identifier === '651' ? 'Debt advice and counselling' : r.Label,
          r.Description,
          r.Identifier === '1747' ? '199' : '',
        ]
          .map((f) => `"${f.replaceAll('"', '""')}"`)
          .join(','),
      ),
    ].join('\r\n');
    const file = join(dir, 'services-newer.csv');
    writeFileSync(file, `\uFEFF${csv}\r\n`);
    const report = await load(file, north);
    expect(report).toMatchObject({
      added: 0,
      changed: 1,
      unchanged: 33,
      reparented: 1,
      notInFile: 1,
      total: 35,
    });
    const [checks] = await inRegion<{ name: string; parent: string }>(
      north,
      `select t.name, p.code as parent from directory.taxonomy_terms t join directory.taxonomy_terms p on p.id = t.parent_id
        where t.taxonomy_id = $1 and t.source_id = 'esdServiceType:1747'`,
      [report.taxonomyId],
    );
    expect(checks).toEqual({ name: 'Health checks', parent: 'esdServiceType:199' });
    const [debt] = await inRegion<{ name: string }>(
      north,
      `select name from directory.taxonomy_terms where taxonomy_id = $1 and source_id = 'esdServiceType:651'`,
      [report.taxonomyId],
    );
    expect(debt.name).toBe('Debt advice and counselling');
  });

  it('refuses a file that is not an esd list, writing nothing, and skips rows it cannot take', async () => {
    const notEsd = join(dir, 'not-esd.csv');
    writeFileSync(notEsd, 'pcds,lat,long\nLS1 4AP,53.8,-1.5\n');
    await expect(load(notEsd, south)).rejects.toThrow(/names no Identifier column/);
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, 'Identifier,Label\n');
    await expect(load(headerOnly, south)).rejects.toThrow(/has no terms/);
    expect(await inRegion(south, `select * from directory.taxonomies where source = 'esd'`)).toEqual([]);

    const rough = join(dir, 'rough.csv');
    writeFileSync(
      rough,
      'Identifier,Label\n651,Debt counselling\n,No identifier\nnot one!,Bad\n163,\n651,Again\n',
    );
    const report = await load(rough, south);
    expect(report.read).toMatchObject({
      rows: 5,
      duplicates: 1,
      skipped: [
        { line: 3, reason: 'no identifier' },
        { line: 4, reason: '"not one!" is not an esd identifier' },
        { line: 5, reason: 'no label' },
      ],
    });
    expect(report).toMatchObject({ added: 1, total: 1, mapped: 1 });
  });
});

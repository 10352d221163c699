import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { createMigratedDatabase } from '@hearth/testing';
import { DIRECTORY_SCHEMA } from '../../directory/src';
import { TENANTS_SCHEMA } from '../../tenants/src';
import { runLoadTaxonomy } from '../src/load-taxonomy.command';

/** Real rows of the esd Services List (apps/directory/test/test-data/esd/README.md says where from). */
const DATA = join(__dirname, '../../directory/test/test-data/esd');

/** `npm run directory:load-taxonomy -- <file.csv> [--region <slug>]` as an operator runs it (ADR 0043). */
describe('npm run directory:load-taxonomy', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  const printed: string[] = [];
  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    printed.length = 0;
    const code = await runLoadTaxonomy(argv, env, { out: (l) => printed.push(l) });
    return { code, output: printed.join('\n') };
  };
  const addRegion = (slug: string) =>
    db.owner.query(`insert into tenants.regions (id, name, slug) values ($1, $2, $2)`, [uuidv7(), slug]);

  beforeAll(async () => {
    db = await createMigratedDatabase([TENANTS_SCHEMA, DIRECTORY_SCHEMA]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loads the only region’s list from a file named relative to where npm was run, and says what it did', async () => {
    await addRegion('leeds');
    const env = { MIGRATION_DATABASE_URL: db.ownerUrl, INIT_CWD: DATA };
    const { code, output } = await run(['services.csv'], env);
    expect(code).toBe(0);
    expect(output).toContain('Loading esdServiceType into region leeds');
    expect(output).toMatch(
      /Loaded services\.csv as the region's esdServiceType list \(taxonomy [0-9a-f-]{36}, new\)/,
    );
    expect(output).toContain(
      'Terms: 35 added, 0 changed, 0 unchanged, 0 moved under another; 35 in the list',
    );
    expect(output).toContain("Hearth's terms mapped to 24 of its terms, as Hearth ships them.");
    const again = await run(['services.csv', '--region', 'leeds'], env);
    expect(again.output).toContain('Terms: 0 added, 0 changed, 35 unchanged');
  });

  it('needs --region when there are several, and refuses what it cannot do', async () => {
    await addRegion('york');
    const env = { MIGRATION_DATABASE_URL: db.ownerUrl, INIT_CWD: DATA };
    await expect(run(['services.csv'], env)).rejects.toThrow(
      /Name the region with --region: one of leeds, york/,
    );
    await expect(run(['services.csv', '--region', 'hull'], env)).rejects.toThrow(/There is no region "hull"/);
    // The services file stands in for a Needs List: only the vocabulary (the CURIEs' prefix, the URIs) differs.
    // Both lists of one region hold "651", each as its own CURIE.
    const needs = await run(['services.csv', '--region', 'leeds', '--vocabulary', 'esdNeed'], env);
    expect(needs.output).toContain("as the region's esdNeed list");
    const { rows } = await db.owner.query(
      `select t.code, t.term_uri from directory.taxonomy_terms t where t.region_id is not null and t.code like '%:651'
        order by t.code`,
    );
    expect(rows).toEqual([
      { code: 'esdNeed:651', term_uri: 'http://id.esd.org.uk/need/651' },
      { code: 'esdServiceType:651', term_uri: 'http://id.esd.org.uk/service/651' },
    ]);
    expect(await run(['--help'], {})).toMatchObject({ code: 0, output: expect.stringContaining('Usage:') });
    expect(await run([], {})).toMatchObject({ code: 2, output: expect.stringContaining('Name the file') });
    expect(await run(['a.csv', '--vocabulary', 'esdThings'], {})).toMatchObject({
      code: 2,
      output: expect.stringContaining('esdServiceType or esdNeed'),
    });
    expect(await run(['a.csv', '--region'], {})).toMatchObject({ code: 2 });
    await expect(run(['nowhere.csv'], { INIT_CWD: DATA })).rejects.toThrow(/nowhere\.csv does not exist/);
    await expect(
      run(['services.csv', '--region', 'york'], {
        DATABASE_URL: db.urlFor(DIRECTORY_SCHEMA.schema),
        INIT_CWD: DATA,
      }),
    ).rejects.toThrow(/connect as the owner of the schemas/);
  });
});

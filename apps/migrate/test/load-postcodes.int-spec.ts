import { join } from 'node:path';
import { createMigratedDatabase } from '@hearth/testing';
import { DIRECTORY_SCHEMA } from '../../directory/src';
import { runLoadPostcodes } from '../src/load-postcodes.command';

/** Real ONSPD rows (apps/directory/test/test-data/postcodes/README.md says where from). */
const DATA = join(__dirname, '../../directory/test/test-data/postcodes');

/** `npm run directory:load-postcodes -- <file.csv>` as an operator runs it (ADR 0038, docs/operating.md). */
describe('npm run directory:load-postcodes', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  const printed: string[] = [];
  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    printed.length = 0;
    const code = await runLoadPostcodes(argv, env, { out: (l) => printed.push(l) });
    return { code, output: printed.join('\n') };
  };

  beforeAll(async () => {
    db = await createMigratedDatabase([DIRECTORY_SCHEMA]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loads a file named relative to where npm was run, as the owner, and reports what it did', async () => {
    const { code, output } = await run(['onspd-sample.csv'], {
      MIGRATION_DATABASE_URL: db.ownerUrl,
      INIT_CWD: DATA,
    });
    expect(code).toBe(0);
    expect(output).toMatch(/Loaded onspd-sample\.csv in [\d.]+ s \([\d,]+ rows\/s\)\./);
    expect(output).toContain(
      'Rows: 11 read; 6 live with a place, 4 terminated, 1 live without a place (skipped), 0 not a postcode (skipped).',
    );
    expect(output).toContain(
      'Postcodes: 6 added, 0 moved, 0 unchanged, 0 terminated taken out; 6 in Hearth’s postcode list.',
    );
    const { rows } = await db.owner.query('select count(*)::int as n from directory.postcodes');
    expect(rows).toEqual([{ n: 6 }]);
  });

  it('says how to use it, and refuses the directory’s own role and a file that is not there', async () => {
    expect(await run(['--help'], {})).toMatchObject({ code: 0, output: expect.stringContaining('Usage:') });
    expect(await run([], {})).toMatchObject({ code: 2, output: expect.stringContaining('Name the file') });
    await expect(run(['nowhere.csv'], { INIT_CWD: DATA })).rejects.toThrow(/nowhere\.csv does not exist/);
    await expect(
      run(['onspd-sample.csv'], { DATABASE_URL: db.urlFor(DIRECTORY_SCHEMA.schema), INIT_CWD: DATA }),
    ).rejects.toThrow(/connect as the owner of the directory schema \(MIGRATION_DATABASE_URL\)/);
  });
});

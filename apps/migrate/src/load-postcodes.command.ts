import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { redactUrl } from '@hearth/persistence';
import { describePostcodeLoad, loadPostcodes } from '../../directory/src';
import { standaloneOwnerDatabase } from './standalone-database';

export const LOAD_POSTCODES_USAGE = `Usage: npm run directory:load-postcodes -- <file.csv>

Loads UK postcode centroids into the directory's postcode list, which the Open Referral UK feed's postcode and
proximity filters measure from: the ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL)
CSV, whose header names pcds, lat, long and doterm (terminated postcodes are skipped, and taken out of the list
if a previous release had them). About 2.6 million rows take a few minutes. Stopped part of the way, it carries
on where it stopped when run again on the same file; run on a new release, it adds, moves and removes what
changed. See docs/operating.md.

Distributed: MIGRATION_DATABASE_URL, the owner of the schemas (as for npm run migrate). Standalone on your
PostgreSQL: DATABASE_URL (its owner). Standalone: nothing; the embedded database in HEARTH_DATA_DIR (default
./.hearth), whether Hearth is running or not.`;

/** `npm run directory:load-postcodes -- <file>`; returns the exit code (0 loaded, 2 usage). */
export async function runLoadPostcodes(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: { out(line: string): void },
): Promise<number> {
  if (argv.includes('--help') || argv.length !== 1 || argv[0].startsWith('-')) {
    io.out(
      argv.includes('--help') ? LOAD_POSTCODES_USAGE : `Name the file to load.\n\n${LOAD_POSTCODES_USAGE}`,
    );
    return argv.includes('--help') ? 0 : 2;
  }
  const file = resolve(env.INIT_CWD ?? process.cwd(), argv[0]);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  const given = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  const database = given ? { url: given } : await standaloneOwnerDatabase(env, io.out);
  const client = new Client({ connectionString: database.url });
  client.on('error', () => undefined);
  try {
    await client.connect().catch((err: unknown) => {
      throw new Error(`Could not connect to ${redactUrl(database.url)}: ${(err as Error).message}`);
    });
    io.out(`Loading postcodes into ${redactUrl(database.url)}`);
    const report = await loadPostcodes(client, file, { out: io.out });
    for (const line of describePostcodeLoad(report)) io.out(line);
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await database.stop?.();
  }
}

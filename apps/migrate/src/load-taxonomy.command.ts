import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { redactUrl } from '@hearth/persistence';
import { describeEsdLoad, isEsdVocabulary, loadEsdTaxonomy } from '../../directory/src';
import { standaloneOwnerDatabase } from './standalone-database';

export const LOAD_TAXONOMY_USAGE = `Usage: npm run directory:load-taxonomy -- <file.csv> [--region <slug>] [--vocabulary esdServiceType|esdNeed]

Loads one of the Local Government Association's esd lists from its CSV download into a region's directory as
that region's own taxonomy: the Services List (esdServiceType, the default) or the Needs List (esdNeed). The
header names Identifier and Label (and Description, Modified, Broader or Parent when the file has them). Its
terms appear in the region's Open Referral UK feed (/taxonomies, /taxonomy_terms) with their CURIEs
(esdServiceType:651), curators can give listings those terms, and region admins can map Hearth's own terms to
them. The first load of the Services List maps Hearth's terms as Hearth ships them. Loading the same file again
changes nothing; a newer edition adds and changes terms and keeps those it no longer has. See
docs/operating.md.

--region      the region's short name (as in its feed's address); needed when there is more than one region.
--vocabulary  esdServiceType (default) or esdNeed.

Distributed: MIGRATION_DATABASE_URL, the owner of the schemas (as for npm run migrate). Standalone on your
PostgreSQL: DATABASE_URL (its owner). Standalone: nothing; the embedded database in HEARTH_DATA_DIR (default
./.hearth), whether Hearth is running or not.`;

interface Args {
  file: string;
  region?: string;
  vocabulary: string;
}

/** The arguments, or what is wrong with them. */
function argsOf(argv: string[]): Args | string {
  const args: Partial<Args> = { vocabulary: 'esdServiceType' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--region' || arg === '--vocabulary') {
      const value = argv[++i];
      if (!value || value.startsWith('-')) return `Give ${arg} a value.`;
      args[arg === '--region' ? 'region' : 'vocabulary'] = value;
    } else if (arg.startsWith('-')) return `Unknown option "${arg}".`;
    else if (args.file) return `Name one file ("${arg}" is a second).`;
    else args.file = arg;
  }
  if (!args.file) return 'Name the file to load.';
  if (!isEsdVocabulary(args.vocabulary!))
    return `--vocabulary is esdServiceType or esdNeed, not "${args.vocabulary}".`;
  return args as Args;
}

/**
 * The region named by its slug, or the only one when none is named. The regions are the tenants service's:
 * read here, by the operator's owner connection, because the command runs beside no service to ask.
 */
async function regionOf(client: Client, slug: string | undefined): Promise<{ id: string; slug: string }> {
  if (slug) {
    const { rows } = await client.query<{ id: string; slug: string }>(
      'select id, slug from tenants.regions where slug = $1',
      [slug],
    );
    if (!rows[0]) throw new Error(`There is no region "${slug}".`);
    return rows[0];
  }
  const { rows } = await client.query<{ id: string; slug: string }>(
    'select id, slug from tenants.regions order by slug limit 21',
  );
  if (rows.length === 1) return rows[0];
  if (rows.length === 0) throw new Error('There is no region yet: a platform admin makes one first.');
  throw new Error(
    `Name the region with --region: one of ${rows
      .slice(0, 20)
      .map((r) => r.slug)
      .join(', ')}${rows.length > 20 ? ', …' : ''}.`,
  );
}

/** `npm run directory:load-taxonomy -- <file> [--region <slug>] [--vocabulary …]`; the exit code (0 loaded, 2 usage). */
export async function runLoadTaxonomy(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: { out(line: string): void },
): Promise<number> {
  if (argv.includes('--help')) {
    io.out(LOAD_TAXONOMY_USAGE);
    return 0;
  }
  const args = argsOf(argv);
  if (typeof args === 'string') {
    io.out(`${args}\n\n${LOAD_TAXONOMY_USAGE}`);
    return 2;
  }
  const file = resolve(env.INIT_CWD ?? process.cwd(), args.file);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  const given = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  const database = given ? { url: given } : await standaloneOwnerDatabase(env, io.out);
  const client = new Client({ connectionString: database.url });
  client.on('error', () => undefined);
  try {
    await client.connect().catch((err: unknown) => {
      throw new Error(`Could not connect to ${redactUrl(database.url)}: ${(err as Error).message}`);
    });
    const region = await regionOf(client, args.region).catch((err: unknown) => {
      if ((err as { code?: string }).code === '42501')
        throw new Error(
          'This role cannot read the regions: connect as the owner of the schemas (MIGRATION_DATABASE_URL), ' +
            'not as a service’s role.',
        );
      throw err;
    });
    io.out(`Loading ${args.vocabulary} into region ${region.slug} of ${redactUrl(database.url)}`);
    const report = await loadEsdTaxonomy(client, file, {
      regionId: region.id,
      vocabulary: args.vocabulary as 'esdServiceType' | 'esdNeed',
      out: io.out,
    });
    for (const line of describeEsdLoad(report)) io.out(line);
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await database.stop?.();
  }
}

import { Client } from 'pg';
import { maintainDatabase, redactUrl } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from './service-schemas';
import { standaloneOwnerDatabase } from './standalone-database';

export const MAINTENANCE_USAGE = `Usage: npm run maintenance

Rewrites every table of Hearth's schemas (VACUUM FULL, ANALYZE), so values an erasure removed no longer linger
in dead row versions, then switches the WAL and makes a checkpoint so the WAL segments that held them can be
recycled. Run it after erasures, or on a schedule (standalone runs it by itself: MAINTENANCE_INTERVAL).

Distributed: MIGRATION_DATABASE_URL, the owner of the schemas (as for npm run migrate); the services' roles own
nothing and cannot vacuum. Standalone: nothing; the embedded database in HEARTH_DATA_DIR (default ./.hearth),
whether Hearth is running or not.`;

/** `npm run maintenance`; returns the exit code (0 done, 1 something was not done, 2 usage). */
export async function runMaintenance(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: { out(line: string): void },
): Promise<number> {
  if (argv.length) {
    io.out(`${argv.includes('--help') ? '' : `Unknown argument "${argv[0]}".\n\n`}${MAINTENANCE_USAGE}`);
    return argv.includes('--help') ? 0 : 2;
  }
  const database = env.MIGRATION_DATABASE_URL
    ? { url: env.MIGRATION_DATABASE_URL }
    : await standaloneOwnerDatabase(env, io.out);
  const client = new Client({ connectionString: database.url });
  client.on('error', () => undefined);
  try {
    await client.connect().catch((err: unknown) => {
      throw new Error(`Could not connect to ${redactUrl(database.url)}: ${(err as Error).message}`);
    });
    io.out(`Maintenance of ${redactUrl(database.url)}`);
    const report = await maintainDatabase(
      client,
      SERVICE_SCHEMAS.map((s) => s.schema),
      io.out,
    );
    return report.ok ? 0 : 1;
  } finally {
    await client.end().catch(() => undefined);
    await database.stop?.();
  }
}

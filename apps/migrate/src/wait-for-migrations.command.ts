import { Client } from 'pg';
import { migrationStatus, redactUrl, type MigrationStatus } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from './service-schemas';

export interface WaitForMigrationsIo {
  out: (line: string) => void;
  /** Between two looks (default 2 s). */
  intervalMs?: number;
  /** Gives up after this long (default: never; a Kubernetes init container waits as long as the rollout does). */
  timeoutMs?: number;
}

/** One look, as the service's own role: a database that is away (not up yet) is a status too. */
async function look(url: string, schema: (typeof SERVICE_SCHEMAS)[number]): Promise<MigrationStatus | Error> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await migrationStatus(client, schema);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `node dist/apps/migrate/src/wait-for-migrations.js <service>`: waits until `migrate` has brought the service's
 * schema to the last migration this build knows (or later), connecting as the service (`DATABASE_URL`). The init
 * container of each service's pod on Kubernetes (ADR 0084), so a new release's pods start only after its migrate
 * Job has run. Returns the exit code: 0 once migrated, 1 when given up, 2 for a wrong call.
 */
export async function runWaitForMigrations(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: WaitForMigrationsIo,
): Promise<number> {
  const schema = SERVICE_SCHEMAS.find((s) => s.schema === args[0]);
  const url = env.DATABASE_URL;
  if (!schema || !url) {
    io.out(
      `Usage: DATABASE_URL=<the service's own role> wait-for-migrations <service>, one of ` +
        `${SERVICE_SCHEMAS.map((s) => s.schema).join(', ')}`,
    );
    return 2;
  }
  const interval = io.intervalMs ?? 2000;
  const deadline = io.timeoutMs === undefined ? Infinity : Date.now() + io.timeoutMs;
  let said = '';
  for (;;) {
    const status = await look(url, schema);
    if (!(status instanceof Error) && status.ready) {
      io.out(`${schema.schema} is migrated to ${status.found} (this build needs ${status.expected}).`);
      return 0;
    }
    const now =
      status instanceof Error
        ? `Waiting for ${redactUrl(url)}: ${status.message}`
        : `Waiting for migrate: ${schema.schema} is at ${status.found ?? 'no migration yet'}, this build needs ${status.expected}.`;
    if (now !== said) io.out(now);
    said = now;
    if (Date.now() + interval > deadline) return 1;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

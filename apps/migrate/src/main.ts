import 'reflect-metadata';
import { migrateAll, redactUrl } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from './service-schemas';

/*
 * `npm run migrate`: a deploy step, never part of a replica's start. Connects as the owner
 * (MIGRATION_DATABASE_URL), creates the database and the unprivileged role of DATABASE_URL, and runs every
 * service's migrations.
 */

async function main(): Promise<void> {
  const appUrl = process.env.DATABASE_URL ?? 'postgres://hearth_app:hearth_app@127.0.0.1:5432/hearth';
  const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hearth';
  const applied = await migrateAll(SERVICE_SCHEMAS, ownerUrl, appUrl);
  for (const [schema, names] of Object.entries(applied)) {
    process.stdout.write(`${schema}: ${names.length ? names.join(', ') : 'up to date'}\n`);
  }
  process.stdout.write(`Migrated ${redactUrl(ownerUrl)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

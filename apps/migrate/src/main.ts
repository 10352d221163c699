import 'reflect-metadata';
import {
  migrateAll,
  redactUrl,
  serviceRoleName,
  serviceUrlVariable,
  serviceUrlsFromEnv,
} from '@hearth/persistence';
import { SERVICE_SCHEMAS } from './service-schemas';
import { provisionNatsFromEnv } from './provision-nats';

/*
 * `npm run migrate`: a deploy step, never part of a replica's start. Connects as the owner
 * (MIGRATION_DATABASE_URL), creates the database and each service's own role (`<SERVICE>_DATABASE_URL`, e.g.
 * REPORTING_DATABASE_URL), runs every service's migrations and grants each role its own schema only; then, with
 * NATS_URL, creates the events stream and every durable consumer as the `migrate` NATS user.
 */

async function main(): Promise<void> {
  const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hearth';
  const urls = serviceUrlsFromEnv(SERVICE_SCHEMAS);
  const missing = SERVICE_SCHEMAS.map((s) => s.schema).filter((schema) => !urls[schema]);
  if (missing.length) {
    const legacy = process.env.DATABASE_URL
      ? ' DATABASE_URL (one role for every service) is no longer read by migrate.'
      : '';
    throw new Error(
      `Set ${missing.map(serviceUrlVariable).join(', ')}: each service's own role, e.g. ` +
        `${serviceUrlVariable(missing[0])}=postgres://${serviceRoleName(missing[0])}:<password>@db:5432/hearth ` +
        `(migrate creates a role that does not exist yet, with that password).${legacy}`,
    );
  }
  const applied = await migrateAll(SERVICE_SCHEMAS, ownerUrl, (schema) => urls[schema], {
    log: (line) => process.stdout.write(`${line}\n`),
  });
  for (const [schema, names] of Object.entries(applied)) {
    process.stdout.write(`${schema}: ${names.length ? names.join(', ') : 'up to date'}\n`);
  }
  process.stdout.write(`Migrated ${redactUrl(ownerUrl)}\n`);
  await provisionNatsFromEnv(process.env, (line) => process.stdout.write(`${line}\n`));
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { describeUrl, withDatabase } from './database-url.util';
import { ormConfig, type ServiceSchema } from './service-database';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database when missing and the application role (login, no superuser, no BYPASSRLS, owns
 * nothing). Serialised with an advisory lock because roles are cluster-wide and replicas may race.
 */
export async function ensureDatabaseAndRole(ownerUrl: string, appUrl: string): Promise<void> {
  const { database } = describeUrl(ownerUrl);
  const app = describeUrl(appUrl);
  await withClient(withDatabase(ownerUrl, 'postgres'), async (c) => {
    await c.query(`select pg_advisory_lock(hashtext('hearth-provision'))`);
    try {
      const db = await c.query('select 1 from pg_database where datname = $1', [database]);
      if (db.rowCount === 0) await c.query(`create database ${quoteIdent(database)}`);
      const role = await c.query('select 1 from pg_roles where rolname = $1', [app.user]);
      const password = app.password ? ` password ${quoteLiteral(app.password)}` : '';
      if (role.rowCount === 0) {
        await c.query(
          `create role ${quoteIdent(app.user)} login nosuperuser nobypassrls nocreatedb nocreaterole${password}`,
        );
      } else {
        await c.query(`alter role ${quoteIdent(app.user)} login nosuperuser nobypassrls${password}`);
      }
    } finally {
      await c.query(`select pg_advisory_unlock(hashtext('hearth-provision'))`);
    }
  });
}

/** Runs one service's pending migrations as the owner, then grants the application role what it needs. */
export async function migrateService(
  def: ServiceSchema,
  ownerUrl: string,
  appRole: string,
): Promise<string[]> {
  // One connection holds the advisory lock for the whole run, so two replicas never migrate at once.
  return withClient(ownerUrl, async (c) => {
    await c.query(`select pg_advisory_lock(hashtext($1))`, [`hearth-migrate-${def.schema}`]);
    const s = quoteIdent(def.schema);
    const r = quoteIdent(appRole);
    await c.query(`create schema if not exists ${s}`);
    const orm = await MikroORM.init({ ...ormConfig(def, ownerUrl, 2) });
    let applied: string[];
    try {
      applied = (await orm.migrator.up()).map((m) => m.name);
    } finally {
      await orm.close(true);
    }
    await c.query(`grant usage on schema ${s} to ${r}`);
    await c.query(`grant select, insert, update, delete on all tables in schema ${s} to ${r}`);
    await c.query(`revoke all on ${s}.mikro_orm_migrations from ${r}`);
    await c.query(`grant usage, select on all sequences in schema ${s} to ${r}`);
    return applied;
  });
}

/** The `npm run migrate` step for any set of services: provision, then migrate each schema. */
export async function migrateAll(
  services: ServiceSchema[],
  ownerUrl: string,
  appUrl: string,
): Promise<Record<string, string[]>> {
  await ensureDatabaseAndRole(ownerUrl, appUrl);
  const appRole = describeUrl(appUrl).user;
  const result: Record<string, string[]> = {};
  for (const def of services) result[def.schema] = await migrateService(def, ownerUrl, appRole);
  return result;
}

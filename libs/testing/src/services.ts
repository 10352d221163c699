import { createHash, randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Client } from 'pg';
import {
  describeUrl,
  migrateAll,
  serviceRoleName,
  withCredentials,
  withDatabase,
  type ServiceSchema,
} from '@hearth/persistence';

/**
 * Where PostgreSQL is: DATABASE_URL (a role that can create databases), by default the local server. When it
 * does not answer: with CI=true that is a failure; otherwise, where Docker runs, testcontainers starts one.
 * NATS is not shared: every test file starts its own server with Hearth's config (`startTestNats`).
 */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, host);
  });
}

let resolved: Promise<{ databaseUrl: string }> | undefined;

export async function resolveServices(): Promise<{ databaseUrl: string }> {
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const db = new URL(databaseUrl);
  if (await reachable(db.hostname, Number(db.port || 5432))) return { databaseUrl };
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL at ${db.host} not answering; in CI that is a failure, not a skip.`);
  // Fallback for a developer machine with Docker but without PostgreSQL.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const pg = await new PostgreSqlContainer('postgres:17')
    .withUsername('postgres')
    .withPassword('postgres')
    .start();
  return { databaseUrl: pg.getConnectionUri().replace(/\/[^/]*$/, '/postgres') };
}

export function testServices(): Promise<{ databaseUrl: string }> {
  resolved ??= resolveServices();
  return resolved;
}

/** This jest run's name (`HEARTH_TEST_RUN`, set by scripts/jest/global-setup.mjs), or undefined outside one. */
export function testRun(): string | undefined {
  const run = process.env.HEARTH_TEST_RUN;
  return run !== undefined && /^[0-9a-f]+$/.test(run) ? run : undefined;
}

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

export interface TestDatabase {
  /** The owner (migrations, inspection). */
  ownerUrl: string;
  /**
   * A service's own role (`hearth_<schema>`, password the same), as `migrateAll` wants it and the service connects.
   * Roles are cluster-wide: every test database shares them, and migrate grants each its own schema per database.
   */
  urlFor(schema: string): string;
  drop(): Promise<void>;
}

/**
 * One database per test file; on the shared test PostgreSQL, or on `serverUrl` (a server of the file's own,
 * `startTestPostgres`, that a test may restart). Under jest (`HEARTH_TEST_RUN`, set by scripts/jest) a database on
 * the shared server is named for the run and `drop` leaves it to the run's end, which drops them all at once: each
 * DROP DATABASE waits for a checkpoint, 1–2 s a file on two busy cores. Elsewhere, and on a server of the file's
 * own, `drop` drops it at once — and with `dropAtOnce`, for a file that then drops roles owning objects in it.
 */
export async function createTestDatabase(
  opts: { serverUrl?: string; dropAtOnce?: boolean } = {},
): Promise<TestDatabase> {
  const databaseUrl = opts.serverUrl ?? (await testServices()).databaseUrl;
  const run = opts.serverUrl || opts.dropAtOnce ? undefined : testRun();
  const deferDrop = run !== undefined;
  const name = uniqueName(deferDrop ? `hearth_test_${run}` : 'hearth_test');
  const admin = new URL(databaseUrl);
  const ownerUrl = new URL(databaseUrl);
  ownerUrl.pathname = `/${name}`;
  return {
    ownerUrl: ownerUrl.toString(),
    urlFor: (schema) => {
      const role = serviceRoleName(schema);
      return withCredentials(ownerUrl.toString(), role, role);
    },
    drop: async () => {
      if (deferDrop) return;
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A test database with `schemas` migrated. Under jest on the shared server it is a copy of this run's template of
 * the same schemas (`CREATE DATABASE … TEMPLATE`, ~0.3 s), which the first file to ask migrates (1–2 s, and every
 * file paid it before); the template is dropped with the run's other databases. Elsewhere it is migrated here.
 */
export async function createSchemaDatabase(
  schemas: ServiceSchema[],
  opts: { serverUrl?: string } = {},
): Promise<TestDatabase> {
  const db = await createTestDatabase(opts);
  const run = opts.serverUrl ? undefined : testRun();
  if (run === undefined) {
    await migrateAll(schemas, db.ownerUrl, db.urlFor);
    return db;
  }
  const key = createHash('sha256')
    .update(schemas.map((s) => s.schema).join(','))
    .digest('hex')
    .slice(0, 10);
  const template = `hearth_test_${run}_tpl_${key}`;
  const adminUrl = withDatabase(db.ownerUrl, 'postgres');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One file migrates the template; the others wait for it, then copy it (copies may run side by side).
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (!found.rowCount) {
        const templateUrl = withDatabase(db.ownerUrl, template);
        await migrateAll(schemas, templateUrl, (schema) => {
          const role = serviceRoleName(schema);
          return withCredentials(templateUrl, role, role);
        });
        // No one may connect to it again: a copy needs it without sessions.
        await admin.query(`alter database "${template}" with is_template true allow_connections false`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
    await admin.query(`create database "${describeUrl(db.ownerUrl).database}" template "${template}"`);
  } finally {
    await admin.end();
  }
  return db;
}

/** A test database with `schemas` migrated, and a connection as its owner (closed by `drop`). */
export async function createMigratedDatabase(
  schemas: ServiceSchema[],
): Promise<TestDatabase & { owner: Client }> {
  const db = await createSchemaDatabase(schemas);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  return {
    ...db,
    owner,
    drop: async () => {
      await owner.end();
      await db.drop();
    },
  };
}

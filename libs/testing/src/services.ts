import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Client } from 'pg';
import { serviceRoleName, withCredentials } from '@hearth/persistence';

/**
 * Where the real services are. DATABASE_URL (a role that can create databases) and NATS_URL default to the
 * local services. When one does not answer: with CI=true that is a failure; otherwise, where Docker runs,
 * testcontainers starts it.
 */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

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

let resolved: Promise<{ databaseUrl: string; natsUrl: string }> | undefined;

export async function resolveServices(): Promise<{ databaseUrl: string; natsUrl: string }> {
  let databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let natsUrl = process.env.NATS_URL ?? DEFAULT_NATS_URL;
  const db = new URL(databaseUrl);
  const nats = new URL(natsUrl);
  const dbUp = await reachable(db.hostname, Number(db.port || 5432));
  const natsUp = await reachable(nats.hostname, Number(nats.port || 4222));
  if (dbUp && natsUp) return { databaseUrl, natsUrl };
  const missing = [!dbUp && `PostgreSQL at ${db.host}`, !natsUp && `NATS at ${nats.host}`]
    .filter(Boolean)
    .join(' and ');
  if (process.env.CI === 'true')
    throw new Error(`${missing} not answering; in CI that is a failure, not a skip.`);
  // Fallback for a developer machine with Docker but without the services.
  const { GenericContainer } = await import('testcontainers');
  if (!dbUp) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:17')
      .withUsername('postgres')
      .withPassword('postgres')
      .start();
    databaseUrl = pg.getConnectionUri().replace(/\/[^/]*$/, '/postgres');
  }
  if (!natsUp) {
    const container = await new GenericContainer('nats:2')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .start();
    natsUrl = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  }
  return { databaseUrl, natsUrl };
}

export function testServices(): Promise<{ databaseUrl: string; natsUrl: string }> {
  resolved ??= resolveServices();
  return resolved;
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

/** One database per test file, dropped at the end. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl } = await testServices();
  const name = uniqueName('hearth_test');
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

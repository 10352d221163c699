import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiClient, Given } from '../../libs/testing/src/api-client';
import { ROOT, freePort, startApp, waitFor, type AppProcess } from './processes';

export const ADMIN = { email: 'bench-admin@example.org', password: 'bench-admin-password' };

export interface BenchDatabase {
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
}

/** A fresh `hearth_bench` database on the configured server, migrated by the real migrate step. */
export async function freshDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('drop database if exists hearth_bench with (force)');
  await c.end();
  const owner = new URL(adminUrl);
  owner.pathname = '/hearth_bench';
  const app = new URL(owner);
  app.username = 'hearth_app';
  app.password = 'hearth_app';
  const migrate = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'migrate', 'src', 'main.js')], {
    env: { ...process.env, MIGRATION_DATABASE_URL: owner.toString(), DATABASE_URL: app.toString() },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  return { adminUrl, ownerUrl: owner.toString(), appUrl: app.toString() };
}

export interface DistributedProcesses {
  api: ApiClient;
  given: Given;
  apps: AppProcess[];
  /** The signing key, so standalone on the same database accepts the same tokens. */
  privatePem: string;
  natsUrl: string;
  stop(): Promise<void>;
}

export const PARTICIPANT_KEY_SECRET = 'bench-participant-key-secret-0123456789abcdef';

/** Hearth in distributed mode: every app its own process, over NATS, as in production. */
export async function startDistributed(db: BenchDatabase): Promise<DistributedProcesses> {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const gatewayPort = await freePort();
  const healthPorts = [await freePort(), await freePort(), await freePort(), await freePort()];
  const services = [
    startApp('tenants', {
      DATABASE_URL: db.appUrl,
      NATS_URL: natsUrl,
      JWT_PRIVATE_KEY: privatePem,
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
      HEALTH_PORT: String(healthPorts[0]),
    }),
    startApp('membership', {
      DATABASE_URL: db.appUrl,
      NATS_URL: natsUrl,
      HEALTH_PORT: String(healthPorts[1]),
    }),
    startApp('events', {
      DATABASE_URL: db.appUrl,
      NATS_URL: natsUrl,
      HEALTH_PORT: String(healthPorts[2]),
      EVENTS_PARTICIPANT_KEY_SECRET: PARTICIPANT_KEY_SECRET,
    }),
    startApp('reporting', {
      DATABASE_URL: db.appUrl,
      NATS_URL: natsUrl,
      HEALTH_PORT: String(healthPorts[3]),
      REPORTING_MEMBER_KEY_SECRET: `${PARTICIPANT_KEY_SECRET}-reporting`,
      // Periods are released by the sweep only: often enough that the regional report's year is out soon.
      RELEASE_SWEEP_INTERVAL_MS: '2000',
    }),
  ];
  const gateway = startApp('gateway', {
    NATS_URL: natsUrl,
    JWT_PUBLIC_KEY: publicPem,
    // The bench signs in as every seeded LERO's admin from one address: more than a user's 10 a minute.
    AUTH_RATE_LIMIT: '100000',
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
  });
  const apps = [...services, gateway];
  const url = `http://127.0.0.1:${gatewayPort}`;
  try {
    await waitFor(`${url}/health/ready`);
    for (const port of healthPorts) await waitFor(`http://127.0.0.1:${port}/health/ready`);
    const api = new ApiClient(url);
    // The tenants service creates the admin at bootstrap; wait until sign-in works.
    const given = new Given(api, ADMIN);
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await given.platformAdmin();
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return {
      api,
      given,
      apps,
      privatePem,
      natsUrl,
      stop: async () => void (await Promise.all(apps.map((a) => a.stop()))),
    };
  } catch (err) {
    await Promise.all(apps.map((a) => a.stop()));
    throw new Error(`${String(err)}\n${apps.map((a) => a.output()).join('\n')}`, { cause: err });
  }
}

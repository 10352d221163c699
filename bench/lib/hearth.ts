import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { NatsUser } from '../../libs/contracts/src/permissions';
import { ApiClient, Given } from '../../libs/testing/src/api-client';
import { startTestNats } from '../../libs/testing/src/nats-server';
import { withCredentials } from '../../libs/persistence/src/database-url.util';
import { serviceRoleName, serviceUrlVariable } from '../../libs/persistence/src/service-role.util';
import { SERVICE_SCHEMAS } from '../../apps/migrate/src';
import { ROOT, freePort, startApp, waitFor, type AppProcess } from './processes';

export const ADMIN = { email: 'bench-admin@example.org', password: 'bench-admin-password' };

export interface BenchDatabase {
  adminUrl: string;
  ownerUrl: string;
  /** Each service's own role (`hearth_<schema>`, password the same, as in the tests), by schema. */
  serviceUrls: Record<string, string>;
  /** The same as `<SERVICE>_DATABASE_URL` variables, for migrate and standalone. */
  serviceUrlEnv: Record<string, string>;
}

/**
 * A fresh database on the configured server, migrated by the real migrate step: `hearth_bench`, or the name in
 * `BENCH_DATABASE` (so that two runs on one server do not drop each other's database).
 */
export async function freshDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = process.env.BENCH_DATABASE ?? 'hearth_bench';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`BENCH_DATABASE ${name} is not a plain database name`);
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
  const owner = new URL(adminUrl);
  owner.pathname = `/${name}`;
  const ownerUrl = owner.toString();
  const schemas = SERVICE_SCHEMAS.map((s) => s.schema);
  const serviceUrls = Object.fromEntries(
    schemas.map((s) => [s, withCredentials(ownerUrl, serviceRoleName(s), serviceRoleName(s))]),
  );
  const serviceUrlEnv = Object.fromEntries(schemas.map((s) => [serviceUrlVariable(s), serviceUrls[s]]));
  const migrate = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'migrate', 'src', 'main.js')], {
    env: { ...process.env, MIGRATION_DATABASE_URL: ownerUrl, ...serviceUrlEnv },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  return { adminUrl, ownerUrl, serviceUrls, serviceUrlEnv };
}

export interface DistributedProcesses {
  api: ApiClient;
  given: Given;
  apps: AppProcess[];
  /** The signing key, so standalone on the same database accepts the same tokens. */
  privatePem: string;
  /** The key of authenticator secrets, so standalone on the same database reads the same ones. */
  totpKey: string;
  /** A plain NATS without accounts (NATS_URL, or the local one), for the bare floor of a broker hop. */
  natsUrl: string;
  /**
   * Stops one service and starts it again with `env` over what it had (e.g. a setting the scenario compares),
   * ready again when this resolves.
   */
  restart(app: string, env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export const PARTICIPANT_KEY_SECRET = 'bench-participant-key-secret-0123456789abcdef';
export const ADVOCACY_RESPONDENT_KEY = 'bench-advocacy-respondent-key-0123456789abcdef';

/** The services `startDistributed` runs, in the order of `apps` (the gateway last). */
const SERVICES = ['tenants', 'membership', 'events', 'reporting', 'directory', 'volunteering', 'advocacy'];

/** Hearth in distributed mode: every app its own process, over NATS, as in production. */
export async function startDistributed(db: BenchDatabase): Promise<DistributedProcesses> {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  // Hearth runs on a NATS of its own with the shipped accounts and permissions, every app as its own user.
  const nats = await startTestNats();
  const natsAs = (user: NatsUser) => ({
    NATS_URL: nats.url,
    NATS_PASSWORD: nats.credentials(user).password!,
  });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const gatewayKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const totpKey = randomBytes(32).toString('base64');
  // Every service verifies every message's token itself.
  const trust = {
    JWT_PUBLIC_KEY: publicPem,
    GATEWAY_PUBLIC_KEY: gatewayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const gatewayPort = await freePort();
  const healthPorts = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const envOf = new Map<string, Record<string, string>>();
  const launch = (app: string, env: Record<string, string>) => {
    envOf.set(app, env);
    return startApp(app, env);
  };
  const services = [
    launch('tenants', {
      DATABASE_URL: db.serviceUrls.tenants,
      ...natsAs('tenants'),
      JWT_PRIVATE_KEY: privatePem,
      TOTP_ENCRYPTION_KEY: totpKey,
      GATEWAY_PUBLIC_KEY: trust.GATEWAY_PUBLIC_KEY,
      // The load runs for minutes on the tokens of one sign-in.
      ACCESS_TOKEN_TTL: '900',
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
      HEALTH_PORT: String(healthPorts[0]),
    }),
    launch('membership', {
      DATABASE_URL: db.serviceUrls.membership,
      ...natsAs('membership'),
      HEALTH_PORT: String(healthPorts[1]),
      ...trust,
    }),
    launch('events', {
      DATABASE_URL: db.serviceUrls.events,
      ...natsAs('events'),
      HEALTH_PORT: String(healthPorts[2]),
      ...trust,
      EVENTS_PARTICIPANT_KEY_SECRET: PARTICIPANT_KEY_SECRET,
    }),
    launch('reporting', {
      DATABASE_URL: db.serviceUrls.reporting,
      ...natsAs('reporting'),
      HEALTH_PORT: String(healthPorts[3]),
      ...trust,
      REPORTING_MEMBER_KEY_SECRET: `${PARTICIPANT_KEY_SECRET}-reporting`,
      // Periods are released by the sweep only: often enough that the regional report's year is out soon.
      RELEASE_SWEEP_INTERVAL_MS: '2000',
    }),
    launch('directory', {
      DATABASE_URL: db.serviceUrls.directory,
      ...natsAs('directory'),
      HEALTH_PORT: String(healthPorts[4]),
      ...trust,
    }),
    launch('volunteering', {
      DATABASE_URL: db.serviceUrls.volunteering,
      ...natsAs('volunteering'),
      HEALTH_PORT: String(healthPorts[5]),
      ...trust,
      // Volunteer passports are signed with a key of their own (ADR 0056); the service will not start without it.
      PASSPORT_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      PASSPORT_ISSUER_URL: `http://127.0.0.1:${gatewayPort}`,
    }),
    launch('advocacy', {
      DATABASE_URL: db.serviceUrls.advocacy,
      ...natsAs('advocacy'),
      HEALTH_PORT: String(healthPorts[6]),
      ...trust,
      // The one-response-per-member hash's key (ADR 0062); the service will not start without it.
      ADVOCACY_RESPONDENT_KEY,
    }),
  ];
  const gateway = startApp('gateway', {
    ...natsAs('gateway'),
    JWT_PUBLIC_KEY: publicPem,
    GATEWAY_PRIVATE_KEY: gatewayKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    // The bench signs in as every seeded LERO's admin from one address: more than a user's 10 a minute.
    AUTH_RATE_LIMIT: '100000',
    // The directory's feed is read at 10 connections from one address: more than a harvester's 600 a minute.
    PUBLIC_RATE_LIMIT: '1000000',
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
  });
  const apps = [...services, gateway];
  const url = `http://127.0.0.1:${gatewayPort}`;
  try {
    // 90 s: on a machine other work keeps busy (load 20 on 2 cores), nine processes start in over 30.
    await waitFor(`${url}/health/ready`, 90_000);
    for (const port of healthPorts) await waitFor(`http://127.0.0.1:${port}/health/ready`, 90_000);
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
      totpKey,
      natsUrl,
      restart: async (app, env) => {
        const i = SERVICES.indexOf(app);
        if (i < 0) throw new Error(`${app} is not a service this bench can restart`);
        await apps[i].stop();
        apps[i] = launch(app, { ...envOf.get(app), ...env });
        await waitFor(`http://127.0.0.1:${healthPorts[i]}/health/ready`);
      },
      stop: async () => {
        await Promise.all(apps.map((a) => a.stop()));
        await nats.stop();
      },
    };
  } catch (err) {
    await Promise.all(apps.map((a) => a.stop()));
    await nats.stop();
    throw new Error(`${String(err)}\n${apps.map((a) => a.output()).join('\n')}`, { cause: err });
  }
}

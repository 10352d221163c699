import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { NATS_SERVICES, type NatsUser } from '../../libs/contracts/src/permissions';
import { withCredentials, withDatabase } from '../../libs/persistence/src/database-url.util';
import { serviceRoleName, serviceUrlVariable } from '../../libs/persistence/src/service-role.util';
import type { TestNatsCluster } from '../../libs/testing/src/nats-cluster';
import { SERVICE_SCHEMAS } from '../../apps/migrate/src';
import { ROOT, freePort, startApp, waitFor, type AppProcess } from '../../bench/lib/processes';

export const ADMIN = { email: 'rehearsal-admin@example.org', password: 'rehearsal-admin-password' };

/** The services behind the gateway, each with its database schema and NATS user of the same name. */
export const SERVICES = NATS_SERVICES;
export type Service = (typeof SERVICES)[number];

/** One running process of an app: `events#2` is the second replica of events. */
export interface Replica {
  app: Service | 'gateway';
  /** 1-based slot; a restarted replica keeps its slot and health port but gets a new `generation`. */
  slot: number;
  generation: number;
  healthPort: number;
  process: AppProcess;
  readonly id: string;
}

export interface RehearsalHearth {
  gatewayUrl: string;
  replicas: Replica[];
  /** Every process that ever ran (killed ones too), for the per-process figures. */
  everyReplica: Replica[];
  /** SIGKILLs one replica (no drain, no goodbye). */
  kill(replica: Replica): Promise<void>;
  /** Starts the replica's slot again as a new process; resolves when it is ready. */
  restart(replica: Replica): Promise<Replica>;
  stop(): Promise<void>;
}

/** The database: every schema migrated by the real migrate step, which also provisions JetStream on the cluster. */
export async function migrate(
  serverUrl: string,
  nats: TestNatsCluster,
  streamReplicas: number,
): Promise<{ ownerUrl: string; serviceUrls: Record<string, string>; log: string }> {
  const name = 'hearth_rehearsal';
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const ownerUrl = withDatabase(serverUrl, name);
  const schemas = SERVICE_SCHEMAS.map((s) => s.schema);
  const serviceUrls = Object.fromEntries(
    schemas.map((s) => [s, withCredentials(ownerUrl, serviceRoleName(s), serviceRoleName(s))]),
  );
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'migrate', 'src', 'main.js')], {
    env: {
      ...process.env,
      MIGRATION_DATABASE_URL: ownerUrl,
      ...Object.fromEntries(schemas.map((s) => [serviceUrlVariable(s), serviceUrls[s]])),
      NATS_URL: nats.url,
      NATS_PASSWORD: nats.credentials('migrate').password!,
      NATS_STREAM_REPLICAS: String(streamReplicas),
    },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`migrate failed: ${run.stderr}\n${run.stdout}`);
  return { ownerUrl, serviceUrls, log: `${run.stdout}${run.stderr}` };
}

/** Waits for a replica's readiness; fails at once when its process has exited. */
async function ready(r: Replica, timeoutMs: number): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(`${r.id} exited before it was ready:\n${r.process.output()}`));
    if (r.process.child.exitCode !== null) fail();
    r.process.child.once('exit', fail);
  });
  exited.catch(() => undefined);
  await Promise.race([waitFor(`http://127.0.0.1:${r.healthPort}/health/ready`, timeoutMs, 200), exited]);
}

const secret = () => randomBytes(32).toString('base64');

/**
 * Hearth as separate OS processes from dist/, as on a cluster: `replicasOf(service)` processes of each service
 * (each its own health port) and one gateway, every one connected to the NATS cluster with all its URLs.
 */
export async function startHearth(
  db: { serviceUrls: Record<string, string> },
  nats: TestNatsCluster,
  replicasOf: (service: Service) => number,
): Promise<RehearsalHearth> {
  const jwt = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const gatewayKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = (k: typeof jwt.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = (k: typeof jwt.publicKey) => k.export({ type: 'spki', format: 'pem' }).toString();
  const trust = {
    JWT_PUBLIC_KEY: publicPem(jwt.publicKey),
    GATEWAY_PUBLIC_KEY: publicPem(gatewayKeys.publicKey),
  };
  const natsAs = (user: NatsUser) => ({
    NATS_URL: nats.url,
    NATS_PASSWORD: nats.credentials(user).password!,
  });
  // Short backoff, so that consumers come back within the rehearsal (the policy is configuration).
  const delivery = { EVENT_RETRY_FIRST_DELAY: '100ms', EVENT_RETRY_MAX_DELAY: '2s' };
  // What each service needs beyond the shared settings (a service made by `npm run new:service` needs nothing more).
  const own: Partial<Record<Service, Record<string, string>>> = {
    tenants: {
      JWT_PRIVATE_KEY: pem(jwt.privateKey),
      TOTP_ENCRYPTION_KEY: secret(),
      // The write stream runs for minutes on the tokens of one sign-in.
      ACCESS_TOKEN_TTL: '900',
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
    },
    membership: {},
    events: { EVENTS_PARTICIPANT_KEY_SECRET: secret() },
    reporting: { REPORTING_MEMBER_KEY_SECRET: secret() },
    directory: {},
    volunteering: {
      PASSPORT_PRIVATE_KEY: pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
      PASSPORT_ISSUER_URL: 'http://127.0.0.1:3000',
    },
    advocacy: { ADVOCACY_RESPONDENT_KEY: secret() },
    webhooks: { WEBHOOKS_SECRET_KEYS: `k1:${secret()}` },
  };
  const envOf = (service: Service, healthPort: number) => ({
    DATABASE_URL: db.serviceUrls[service],
    ...natsAs(service),
    ...trust,
    ...delivery,
    ...own[service],
    HEALTH_PORT: String(healthPort),
  });
  const gatewayPort = await freePort();
  const gatewayEnv = {
    ...natsAs('gateway'),
    JWT_PUBLIC_KEY: trust.JWT_PUBLIC_KEY,
    GATEWAY_PRIVATE_KEY: pem(gatewayKeys.privateKey),
    // Every sign-in comes from one address.
    AUTH_RATE_LIMIT: '100000',
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
  };

  const replicas: Replica[] = [];
  const everyReplica: Replica[] = [];
  const launch = (app: Replica['app'], slot: number, generation: number, healthPort: number): Replica => {
    const process = startApp(app, app === 'gateway' ? gatewayEnv : envOf(app, healthPort));
    const replica: Replica = {
      app,
      slot,
      generation,
      healthPort,
      process,
      get id() {
        return `${app}#${slot}${generation > 1 ? `.${generation}` : ''}`;
      },
    };
    everyReplica.push(replica);
    return replica;
  };
  const stopAll = () => Promise.all(everyReplica.map((r) => r.process.stop()));
  try {
    // The first replica of each service, then the second, in waves:
    // two cores start a dozen or more Node processes: minutes, not seconds, when the machine is busy.
    const slots = Math.max(...SERVICES.map(replicasOf));
    for (let slot = 1; slot <= slots; slot++) {
      const wave: Replica[] = [];
      for (const service of SERVICES)
        if (slot <= replicasOf(service)) wave.push(launch(service, slot, 1, await freePort()));
      if (slot === 1) wave.push(launch('gateway', 1, 1, gatewayPort));
      replicas.push(...wave);
      for (const r of wave) await ready(r, 240_000);
    }
  } catch (err) {
    await stopAll();
    throw new Error(`${String(err)}\n${replicas.map((r) => `${r.id}: ${r.process.output()}`).join('\n')}`, {
      cause: err,
    });
  }
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    replicas,
    everyReplica,
    async kill(replica) {
      const child = replica.process.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGKILL');
      });
    },
    async restart(replica) {
      const next = launch(replica.app, replica.slot, replica.generation + 1, replica.healthPort);
      replicas[replicas.indexOf(replica)] = next;
      await ready(next, 120_000);
      return next;
    },
    stop: async () => void (await stopAll()),
  };
}

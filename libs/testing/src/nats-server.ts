import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_USERS, natsPasswordVariable, type NatsUser } from '@hearth/contracts';
import {
  natsConnectionOptions,
  provisionJetStream,
  type MessagingOptions,
  type NatsCredentials,
} from '@hearth/messaging';

/** Hearth's shipped NATS config for CI: the generated accounts and permissions, on nats-server 2.9. */
export const CI_NATS_CONFIG = findUp(join('deploy', 'nats', 'ci.conf'));

/** From the sources (jest) and from `dist/` (the bench) alike: the nearest ancestor holding the file. */
function findUp(relative: string, from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${relative} was not found above ${from}.`);
  }
}
const START_TIMEOUT_MS = 10_000;

/** The nats-server to run: NATS_SERVER_BIN, or where Debian and others install it. */
export function natsServerBinary(): string {
  const configured = process.env.NATS_SERVER_BIN;
  if (configured) return configured;
  for (const candidate of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'nats-server was not found: install it (Debian: apt-get install nats-server) or set NATS_SERVER_BIN.',
  );
}

export interface TestNats {
  url: string;
  /** Messaging options of one Hearth app: this server, and the app's own NATS user and password. */
  as(user: NatsUser): Pick<MessagingOptions, 'natsUrl' | 'nats'>;
  credentials(user: NatsUser): NatsCredentials;
  /** A raw connection as one of Hearth's users, or with no credentials at all (an outsider). */
  connect(user?: NatsUser): Promise<NatsConnection>;
  /** Stops the server for good (its store goes too). */
  stop(): Promise<void>;
  /**
   * Kills the server and starts it again on the same port and store (tests of outages), after `downMs` with
   * nothing listening (default: at once).
   */
  restart(opts?: { downMs?: number }): Promise<void>;
}

/**
 * A nats-server of this test file's own, started with the config Hearth ships (`deploy/nats/ci.conf`):
 * every app must sign in as its own user and may use only its own subjects, exactly as in production. The
 * events stream and every durable consumer are created as the `migrate` user, as the deploy step does.
 */
export async function startTestNats(opts: { provision?: boolean } = {}): Promise<TestNats> {
  const store = await mkdtemp(join(tmpdir(), 'hearth-nats-'));
  const { passwords, env } = natsUserPasswords();
  let port = -1;
  let child: ChildProcess;
  const start = async () => {
    const started = launch(env, store, port);
    child = started.child;
    port = await started.port;
  };
  await start();
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = () => `nats://127.0.0.1:${port}`;
  const credentials = (user: NatsUser): NatsCredentials => ({ user, password: passwords[user] });
  const nats: TestNats = {
    get url() {
      return url();
    },
    as: (user) => ({ natsUrl: url(), nats: credentials(user) }),
    credentials,
    connect: (user) =>
      connect(
        user
          ? natsConnectionOptions({ natsUrl: url(), nats: credentials(user) }, `test-${user}`)
          : { servers: url(), noAsyncTraces: true, name: 'outsider' },
      ),
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
      await rm(store, { recursive: true, force: true });
    },
    async restart({ downMs = 0 } = {}) {
      await stopChild(child, 'SIGKILL');
      if (downMs > 0) await new Promise((done) => setTimeout(done, downMs));
      await start();
    },
  };
  if (opts.provision !== false) {
    const admin = await nats.connect('migrate');
    try {
      await provisionJetStream(await jetstreamManager(admin));
    } finally {
      await admin.close();
    }
  }
  return nats;
}

/**
 * A fresh password for each of Hearth's NATS users, and the server's environment that sets them
 * (`HEARTH_NATS_<USER>_PASSWORD`, as deploy/nats/accounts.conf reads them).
 */
export function natsUserPasswords(): { passwords: Record<NatsUser, string>; env: NodeJS.ProcessEnv } {
  const passwords = Object.fromEntries(
    // nats-server reads a variable as a config value: a password must not start with a digit.
    NATS_USERS.map((u) => [u, `p${randomBytes(16).toString('hex')}`]),
  ) as Record<NatsUser, string>;
  const env = {
    ...process.env,
    ...Object.fromEntries(NATS_USERS.map((u) => [natsPasswordVariable(u), passwords[u]])),
  };
  return { passwords, env };
}

function launch(env: NodeJS.ProcessEnv, store: string, port: number) {
  const child = spawn(
    natsServerBinary(),
    ['-c', CI_NATS_CONFIG, '-a', '127.0.0.1', '-p', String(port), '-sd', store],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port$ = new Promise<number>((resolvePort, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening for client connections on [^\s]+:(\d+)/.exec(output);
      if (listening && output.includes('Server is ready')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolvePort(Number(listening[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, port: port$ };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}

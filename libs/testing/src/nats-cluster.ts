import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { NatsUser } from '@hearth/contracts';
import { natsConnectionOptions, type NatsCredentials } from '@hearth/messaging';
import { eventually } from './eventually';
import { CI_NATS_CONFIG, natsServerBinary, natsUserPasswords } from './nats-server';
import { freePort } from './postgres-server';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;

export interface TestNatsNode {
  /** `hearth-1`…: the node's server name, as stream and consumer info name their leader and replicas. */
  readonly name: string;
  readonly url: string;
  /** The node's monitoring endpoint (`/varz`, `/connz`, `/jsz`). */
  readonly monitorUrl: string;
  /** The running server's process id, or undefined while it is down. */
  readonly pid: number | undefined;
}

export interface TestNatsCluster {
  readonly nodes: TestNatsNode[];
  /** Every node's URL, comma-separated, as `NATS_URL` takes a cluster. */
  readonly url: string;
  credentials(user: NatsUser): NatsCredentials;
  /** A raw connection to the cluster as one of Hearth's users. */
  connect(user: NatsUser): Promise<NatsConnection>;
  /** Kills one node (SIGKILL: no goodbye to its peers), its store kept. */
  kill(name: string): Promise<void>;
  /** Starts a killed node again on its ports and store; resolves when it is ready and JetStream has a leader. */
  start(name: string): Promise<void>;
  /** Stops every node for good (their stores go too). */
  stop(): Promise<void>;
}

interface NodeState {
  name: string;
  port: number;
  clusterPort: number;
  monitorPort: number;
  config: string;
  child?: ChildProcess;
}

/**
 * A NATS cluster of this process's own on loopback (`nodes` servers, three by default): each its own ports and
 * JetStream store, routes to all the others, and Hearth's shipped accounts and permissions (the accounts.conf
 * beside deploy/nats/ci.conf, with fresh passwords), as deploy/nats/cluster-2.10.conf sets up a production
 * cluster. nats-server 2.9 knows no `sync_interval`, so unlike that file this cluster does not fsync each write.
 */
export async function startTestNatsCluster(opts: { nodes?: number } = {}): Promise<TestNatsCluster> {
  const count = opts.nodes ?? 3;
  const root = await mkdtemp(join(tmpdir(), 'hearth-nats-cluster-'));
  await copyFile(join(dirname(CI_NATS_CONFIG), 'accounts.conf'), join(root, 'accounts.conf'));
  const { passwords, env } = natsUserPasswords();
  const states: NodeState[] = [];
  for (let i = 1; i <= count; i++)
    states.push({
      name: `hearth-${i}`,
      port: await freePort(),
      clusterPort: await freePort(),
      monitorPort: await freePort(),
      config: join(root, `hearth-${i}.conf`),
    });
  const routes = states.map((s) => `nats-route://${HOST}:${s.clusterPort}`);
  for (const s of states) {
    const store = join(root, s.name);
    await mkdir(store);
    await writeFile(
      s.config,
      [
        `server_name: ${s.name}`,
        `listen: "${HOST}:${s.port}"`,
        `http: "${HOST}:${s.monitorPort}"`,
        `jetstream: { store_dir: "${store}", max_memory_store: 64MB, max_file_store: 1GB }`,
        `cluster: { name: hearth, listen: "${HOST}:${s.clusterPort}", routes: [${routes.join(', ')}] }`,
        'include ./accounts.conf',
        '',
      ].join('\n'),
    );
  }
  const byName = (name: string) => {
    const s = states.find((n) => n.name === name);
    if (!s) throw new Error(`No NATS node ${name}`);
    return s;
  };
  const killAll = () => states.forEach((s) => s.child?.kill('SIGKILL'));
  process.once('exit', killAll);

  const launch = (s: NodeState) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(natsServerBinary(), ['-c', s.config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      s.child = child;
      let output = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${s.name} did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
      }, START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        if (output.includes('Server is ready')) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          child.stdout?.resume();
          child.stderr?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        if (s.child === child) s.child = undefined;
        clearTimeout(timer);
        reject(new Error(`${s.name} exited (${code}) before it was ready:\n${output}`));
      });
    });

  /** Every running node sees a JetStream meta leader and the whole cluster. */
  const settled = () =>
    eventually(
      async () => {
        for (const s of states.filter((n) => n.child)) {
          const jsz = (await (await fetch(`http://${HOST}:${s.monitorPort}/jsz`)).json()) as {
            meta_cluster?: { leader?: string; cluster_size?: number };
          };
          if (!jsz.meta_cluster?.leader) throw new Error(`${s.name}: no JetStream meta leader yet`);
        }
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );

  try {
    await Promise.all(states.map(launch));
    await settled();
  } catch (err) {
    killAll();
    throw err;
  }
  const credentials = (user: NatsUser): NatsCredentials => ({ user, password: passwords[user] });
  const url = states.map((s) => `nats://${HOST}:${s.port}`).join(',');
  return {
    nodes: states.map((s) => ({
      name: s.name,
      url: `nats://${HOST}:${s.port}`,
      monitorUrl: `http://${HOST}:${s.monitorPort}`,
      get pid() {
        return s.child?.pid;
      },
    })),
    url,
    credentials,
    connect: (user) =>
      connect(natsConnectionOptions({ natsUrl: url, nats: credentials(user) }, `test-${user}`)),
    async kill(name) {
      const s = byName(name);
      const child = s.child;
      if (!child) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGKILL');
      });
    },
    async start(name) {
      const s = byName(name);
      if (s.child) return;
      await launch(s);
      await settled();
    },
    async stop() {
      process.removeListener('exit', killAll);
      await Promise.all(
        states.map(
          (s) =>
            new Promise<void>((done) => {
              const child = s.child;
              if (!child) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        ),
      );
      await rm(root, { recursive: true, force: true });
    },
  };
}

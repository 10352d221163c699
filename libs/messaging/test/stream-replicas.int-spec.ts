import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { EVENT_CONSUMERS, EVENTS_STREAM } from '@hearth/contracts';
import { eventually } from '@hearth/testing';
import { isMissingResource, provisionJetStream } from '../src/jetstream';
import { awaitReplicasCurrent, laggingReplicas } from '../src/jetstream-replicas';

/*
 * The events stream on a three-node JetStream cluster (docs/adr/0085): migrate run again with
 * NATS_STREAM_REPLICAS=3 brings a one-replica stream to three, and every durable consumer follows it (they are
 * created without a replica count of their own, so they inherit the stream's). A stream and consumers made with
 * three, once migrate has seen every replica current, answer with any one node gone. Whether the new replicas of
 * an in-place scale-up catch up and take over is not asserted: on nats-server 2.9.10 they did not always
 * (ADR 0085), which is why migrate waits for them and names those that are behind. Three plain nats-servers on loopback, without Hearth's accounts (the permissions are tested elsewhere).
 */
const NODES = 3;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Node {
  child: ChildProcess;
  exited: Promise<void>;
}

function startNode(config: string): Promise<Node> {
  const child = spawn(process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server', ['-c', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) {
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`nats-server exited before it was ready:\n${output}`)));
  });
}

describe('the events stream on a three-node cluster', () => {
  let dir: string;
  const nodes: Node[] = [];
  let clientPorts: number[];
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-nats-cluster-'));
    clientPorts = await Promise.all(Array.from({ length: NODES }, freePort));
    const routePorts = await Promise.all(Array.from({ length: NODES }, freePort));
    const routes = routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ');
    for (let i = 0; i < NODES; i++) {
      const config = join(dir, `n${i}.conf`);
      await writeFile(
        config,
        `server_name: n${i}\nlisten: 127.0.0.1:${clientPorts[i]}\n` +
          `jetstream: { store_dir: "${join(dir, `store${i}`)}" }\n` +
          `cluster: { name: hearth, listen: 127.0.0.1:${routePorts[i]}, routes: [${routes}] }\n`,
      );
      nodes.push(await startNode(config));
    }
    nc = await connect({ servers: clientPorts.map((p) => `nats://127.0.0.1:${p}`), noAsyncTraces: true });
    jsm = await jetstreamManager(nc, { checkAPI: false });
    // The cluster answers JetStream requests once it has elected its meta leader.
    await eventually(() => jsm.getAccountInfo(), { timeoutMs: 20_000, intervalMs: 200 });
  });

  afterAll(async () => {
    await nc?.close();
    for (const node of nodes) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const consumers = Object.values(EVENT_CONSUMERS);
  const ignoreMissing = (err: unknown) => {
    if (!isMissingResource(err)) throw err;
  };
  const peersOf = (info: { cluster?: { leader?: string; replicas?: unknown[] } }) =>
    info.cluster?.leader ? 1 + (info.cluster.replicas?.length ?? 0) : 0;

  it('brings the stream from one replica to three, and every durable consumer with it', async () => {
    await eventually(() => provisionJetStream(jsm, { stream: { replicas: 1 } }), { timeoutMs: 20_000 });
    expect(peersOf(await jsm.streams.info(EVENTS_STREAM))).toBe(1);
    expect(await laggingReplicas(jsm, 1)).toEqual([]);

    // migrate run again with NATS_STREAM_REPLICAS=3 (again if a request timed out during the change).
    await eventually(() => provisionJetStream(jsm, { stream: { replicas: 3 } }), { timeoutMs: 30_000 });
    await eventually(
      async () => {
        const stream = await jsm.streams.info(EVENTS_STREAM);
        expect([stream.config.num_replicas, peersOf(stream)]).toEqual([3, 3]);
        for (const c of consumers) {
          const info = await jsm.consumers.info(EVENTS_STREAM, c.durable);
          // No count of their own: they follow the stream's.
          expect([c.durable, info.config.num_replicas ?? 0, peersOf(info)]).toEqual([c.durable, 0, 3]);
        }
      },
      { timeoutMs: 40_000, intervalMs: 250 },
    );

    // A later run without NATS_STREAM_REPLICAS leaves the cluster's three alone.
    await provisionJetStream(jsm);
    expect((await jsm.streams.info(EVENTS_STREAM)).config.num_replicas).toBe(3);
  }, 120_000);

  it('keeps a stream made with three replicas, and every consumer, answering with its leader’s node gone', async () => {
    // A new cluster's first migrate (NATS_STREAM_REPLICAS=3): the stream and consumers are made with three.
    await eventually(() => jsm.streams.delete(EVENTS_STREAM).catch(ignoreMissing), { timeoutMs: 30_000 });
    await eventually(() => provisionJetStream(jsm, { stream: { replicas: 3 } }), { timeoutMs: 30_000 });
    expect(await awaitReplicasCurrent(jsm, 3, { timeoutMs: 40_000, intervalMs: 250 })).toEqual([]);
    const before = (await jsm.streams.info(EVENTS_STREAM)).cluster!.leader!;
    const gone = nodes[Number(before.slice(1))];
    gone.child.kill('SIGKILL');
    await gone.exited;
    await eventually(
      async () => {
        const stream = await jsm.streams.info(EVENTS_STREAM);
        expect(stream.cluster?.leader).not.toBe(before);
        for (const c of consumers) await jsm.consumers.info(EVENTS_STREAM, c.durable);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    // What migrate would say now: a replica of each is offline. (A leader calls a peer offline only after not
    // hearing from it for a while, consumer by consumer: on a loaded machine some still called it current here.)
    await eventually(
      async () =>
        expect(await laggingReplicas(jsm, 3)).toEqual([EVENTS_STREAM, ...consumers.map((c) => c.durable)]),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  }, 120_000);
});

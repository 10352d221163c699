import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM } from '../../libs/contracts/src/events';
import { EVENT_CONSUMERS } from '../../libs/contracts/src/permissions';
import type { TestNatsCluster } from '../../libs/testing/src/nats-cluster';

interface ClusterInfo {
  leader?: string;
  replicas?: { name: string; current: boolean; offline?: boolean; lag?: number }[];
}

/** Where one replicated asset stands: its configured replicas, leader and peers (current or not). */
export interface AssetState {
  name: string;
  configuredReplicas: number;
  leader?: string;
  peers: { name: string; current: boolean }[];
}

const state = (name: string, replicas: number, cluster?: ClusterInfo): AssetState => ({
  name,
  configuredReplicas: replicas,
  ...(cluster?.leader ? { leader: cluster.leader } : {}),
  peers: (cluster?.replicas ?? []).map((r) => ({ name: r.name, current: r.current && !r.offline })),
});

/** Healthy at `replicas`: a leader, and every other peer current. */
export const isWhole = (s: AssetState, replicas: number) =>
  !!s.leader && s.peers.length === replicas - 1 && s.peers.every((p) => p.current);

/** The events stream and every durable consumer, as the cluster reports them (as the `migrate` user). */
export class JetStreamState {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
  ) {}

  static async open(nats: TestNatsCluster): Promise<JetStreamState> {
    const nc = await nats.connect('migrate');
    return new JetStreamState(nc, await jetstreamManager(nc, { timeout: 5_000 }));
  }

  async stream(): Promise<AssetState> {
    const info = await this.jsm.streams.info(EVENTS_STREAM);
    return state(EVENTS_STREAM, info.config.num_replicas, info.cluster as ClusterInfo);
  }

  async consumers(): Promise<AssetState[]> {
    const stream = await this.jsm.streams.info(EVENTS_STREAM);
    return Promise.all(
      Object.values(EVENT_CONSUMERS).map(async (c) => {
        const info = await this.jsm.consumers.info(EVENTS_STREAM, c.durable);
        // 0: the consumer takes the stream's replicas.
        return state(
          c.durable,
          info.config.num_replicas || stream.config.num_replicas,
          info.cluster as ClusterInfo,
        );
      }),
    );
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

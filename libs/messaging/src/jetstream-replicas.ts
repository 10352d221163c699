import type { ClusterInfo, JetStreamManager } from '@nats-io/jetstream';
import { EVENT_CONSUMERS, EVENTS_STREAM, type EventConsumerContract } from '@hearth/contracts';

/*
 * On a NATS cluster a stream brought from one replica to three (NATS_STREAM_REPLICAS=3 on a running system) and
 * its durable consumers, which follow it, get two new replicas each that must first copy the state of the one
 * they had. Until they have, that one node still holds the only copy: lose it, and the consumers stop until it
 * returns (a three-node test on nats-server 2.9.10 showed consumers stuck for a minute). migrate therefore waits
 * for every replica to be current before it says the stream is in place, and names what is not (docs/adr/0085).
 */

/** What is behind: the stream or a consumer with fewer replicas than asked, or one not caught up (or offline). */
const behind = (cluster: ClusterInfo | undefined, replicas: number) =>
  !cluster?.leader ||
  (cluster.replicas?.length ?? 0) < replicas - 1 ||
  (cluster.replicas ?? []).some((peer) => !peer.current || peer.offline);

/** The names (`HEARTH_EVENTS`, or a durable) whose replicas are not all current; an unanswered request counts. */
export async function laggingReplicas(
  jsm: JetStreamManager,
  replicas: number,
  consumers: readonly EventConsumerContract[] = Object.values(EVENT_CONSUMERS),
): Promise<string[]> {
  if (replicas <= 1) return [];
  const lagging: string[] = [];
  const check = async (name: string, info: () => Promise<{ cluster?: ClusterInfo }>) => {
    try {
      if (behind((await info()).cluster, replicas)) lagging.push(name);
    } catch {
      lagging.push(name);
    }
  };
  await check(EVENTS_STREAM, () => jsm.streams.info(EVENTS_STREAM));
  for (const c of consumers) await check(c.durable, () => jsm.consumers.info(EVENTS_STREAM, c.durable));
  return lagging;
}

/**
 * Waits until the stream and every consumer have all their replicas current, or `timeoutMs` passes (a node down:
 * then what is behind stays behind until it returns). Returns what is still behind; empty when all caught up.
 */
export async function awaitReplicasCurrent(
  jsm: JetStreamManager,
  replicas: number,
  {
    consumers,
    timeoutMs = 60_000,
    intervalMs = 500,
  }: {
    consumers?: readonly EventConsumerContract[];
    timeoutMs?: number;
    intervalMs?: number;
  } = {},
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lagging = await laggingReplicas(jsm, replicas, consumers);
    if (lagging.length === 0 || Date.now() >= deadline) return lagging;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

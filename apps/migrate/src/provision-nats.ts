import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DeliveryEnv, formatDuration, loadConfig } from '@hearth/platform';
import {
  awaitReplicasCurrent,
  natsConnectionOptions,
  provisionJetStream,
  streamSettingsFromEnv,
} from '@hearth/messaging';

/**
 * The deploy step's part on NATS, when NATS_URL is set: as the `migrate` user (NATS_PASSWORD), create the
 * events stream, or bring it to the configured limits (NATS_STREAM_REPLICAS on a cluster, NATS_STREAM_MAX_AGE,
 * NATS_STREAM_MAX_BYTES), and every service's durable consumer. Services may only bind to them. Run again, it
 * re-creates whatever went missing; running services bind again by themselves.
 */
export async function provisionNatsFromEnv(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  if (!env.NATS_URL) {
    log('NATS: NATS_URL is not set; the events stream and consumers were not provisioned.');
    return;
  }
  const stream = streamSettingsFromEnv(loadConfig(DeliveryEnv, env));
  const nc = await connect({
    ...natsConnectionOptions(
      { natsUrl: env.NATS_URL, nats: { user: 'migrate', password: env.NATS_PASSWORD } },
      'hearth-migrate',
    ),
    // A deploy step fails rather than waits for ever.
    maxReconnectAttempts: 10,
  });
  try {
    const jsm = await jetstreamManager(nc);
    const { consumers, settings } = await provisionJetStream(jsm, { stream });
    log(
      `NATS: stream HEARTH_EVENTS (${settings.replicas} replica(s), max age ${formatDuration(settings.maxAgeMs)}, ` +
        `max ${settings.maxBytes} bytes, refusing publishes when full) and consumers ${consumers.join(', ')} are in place.`,
    );
    // On a cluster, new replicas copy the state first: until then one node holds the only copy (ADR 0085).
    if (settings.replicas > 1) {
      const lagging = await awaitReplicasCurrent(jsm, settings.replicas);
      log(
        lagging.length === 0
          ? `NATS: every replica of the stream and its consumers is current (${settings.replicas} nodes).`
          : `NATS: not every replica is current after a minute (${lagging.join(', ')}): a node is down or still ` +
              'catching up, and losing another node before it has would stop these until that node returns.',
      );
    }
  } finally {
    await nc.close();
  }
}

import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { natsConnectionOptions, provisionJetStream } from '@hearth/messaging';

/**
 * The deploy step's part on NATS, when NATS_URL is set: as the `migrate` user (NATS_PASSWORD), create the
 * events stream (NATS_STREAM_REPLICAS on a cluster) and every service's durable consumer. Services may only
 * bind to them.
 */
export async function provisionNatsFromEnv(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  if (!env.NATS_URL) {
    log('NATS: NATS_URL is not set; the events stream and consumers were not provisioned.');
    return;
  }
  const replicas = env.NATS_STREAM_REPLICAS ? Number(env.NATS_STREAM_REPLICAS) : undefined;
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1 && replicas <= 5))
    throw new Error('NATS_STREAM_REPLICAS must be a whole number from 1 to 5.');
  const nc = await connect({
    ...natsConnectionOptions(
      { natsUrl: env.NATS_URL, nats: { user: 'migrate', password: env.NATS_PASSWORD } },
      'hearth-migrate',
    ),
    // A deploy step fails rather than waits for ever.
    maxReconnectAttempts: 10,
  });
  try {
    const { stream, consumers } = await provisionJetStream(await jetstreamManager(nc), { replicas });
    log(`NATS: stream ${stream} and consumers ${consumers.join(', ')} are in place.`);
  } finally {
    await nc.close();
  }
}

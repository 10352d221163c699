import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DeliveryEnv, formatDuration, loadConfig } from '@hearth/platform';
import { natsConnectionOptions, provisionJetStream, streamSettingsFromEnv } from '@hearth/messaging';

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
    const { consumers, settings } = await provisionJetStream(await jetstreamManager(nc), { stream });
    log(
      `NATS: stream HEARTH_EVENTS (${settings.replicas} replica(s), max age ${formatDuration(settings.maxAgeMs)}, ` +
        `max ${settings.maxBytes} bytes, refusing publishes when full) and consumers ${consumers.join(', ')} are in place.`,
    );
  } finally {
    await nc.close();
  }
}

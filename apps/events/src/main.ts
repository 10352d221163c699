import 'reflect-metadata';
import { loadConfigOrExit } from '@hearth/platform';
import { serviceMessagingFromEnv } from '@hearth/messaging';
import { EventsEnv } from './config/env.schema';
import { createEventsApp } from './events.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(EventsEnv);
  const app = await createEventsApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      participantKeySecret: env.EVENTS_PARTICIPANT_KEY_SECRET,
      heldSweepIntervalMs: env.HELD_SWEEP_INTERVAL_MS,
      idempotencyKeyTtlMs: env.IDEMPOTENCY_KEY_TTL,
    },
    serviceMessagingFromEnv(env, 'events'),
    env.LOG_LEVEL,
  );
  await app.listen(env.HEALTH_PORT, '0.0.0.0');
}

void main();

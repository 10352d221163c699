import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { EventsEnv } from './config/env.schema';
import { createEventsApp } from './events.app';

bootstrapService(EventsEnv, async (env) => {
  return createEventsApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      participantKeySecret: env.EVENTS_PARTICIPANT_KEY_SECRET,
      heldSweepIntervalMs: env.HELD_SWEEP_INTERVAL_MS,
      idempotencyKeyTtlMs: env.IDEMPOTENCY_KEY_TTL,
      reminderLeadMs: env.REMINDER_LEAD,
      reminderSweepIntervalMs: env.REMINDER_SWEEP_INTERVAL,
    },
    serviceMessagingFromEnv(env, 'events'),
    env.LOG_LEVEL,
  );
});

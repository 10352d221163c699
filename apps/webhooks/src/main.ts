import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { WebhooksEnv } from './config/env.schema';
import { createWebhooksApp } from './webhooks.app';
import { secretKeysFromEnv } from './deliveries/secret-cipher';

bootstrapService(WebhooksEnv, (env) =>
  createWebhooksApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      secretKeys: secretKeysFromEnv(env.WEBHOOKS_SECRET_KEYS),
      dispatchIntervalMs: env.WEBHOOKS_DISPATCH_INTERVAL_MS,
      retry: {
        baseMs: env.WEBHOOKS_RETRY_BASE_MS,
        maxDelayMs: env.WEBHOOKS_RETRY_MAX_DELAY_MS,
        horizonMs: env.WEBHOOKS_RETRY_HORIZON_MS,
      },
      rotationGraceMs: env.WEBHOOKS_ROTATION_GRACE_MS,
      deliveryTimeoutMs: env.WEBHOOKS_TIMEOUT_MS,
      insecureHosts: (env.WEBHOOKS_INSECURE_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    },
    serviceMessagingFromEnv(env, 'webhooks'),
    env.LOG_LEVEL,
  ),
);

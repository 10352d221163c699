import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { WebhooksEnv } from './config/env.schema';
import { createWebhooksApp } from './webhooks.app';

bootstrapService(WebhooksEnv, (env) =>
  createWebhooksApp(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, 'webhooks'),
    env.LOG_LEVEL,
  ),
);

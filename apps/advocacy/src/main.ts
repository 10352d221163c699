import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { AdvocacyEnv } from './config/env.schema';
import { createAdvocacyApp } from './advocacy.app';

bootstrapService(AdvocacyEnv, (env) =>
  createAdvocacyApp(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, 'advocacy'),
    env.LOG_LEVEL,
  ),
);

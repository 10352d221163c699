import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { VolunteeringEnv } from './config/env.schema';
import { createVolunteeringApp } from './volunteering.app';

bootstrapService(VolunteeringEnv, (env) =>
  createVolunteeringApp(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, 'volunteering'),
    env.LOG_LEVEL,
  ),
);

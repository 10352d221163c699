import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { MembershipEnv } from './config/env.schema';
import { createMembershipApp } from './membership.app';

bootstrapService(MembershipEnv, (env) =>
  createMembershipApp(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, 'membership'),
    env.LOG_LEVEL,
  ),
);

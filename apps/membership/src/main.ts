import 'reflect-metadata';
import { loadConfigOrExit } from '@hearth/platform';
import { serviceMessagingFromEnv } from '@hearth/messaging';
import { MembershipEnv } from './config/env.schema';
import { createMembershipApp } from './membership.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(MembershipEnv);
  const app = await createMembershipApp(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, 'membership'),
    env.LOG_LEVEL,
  );
  await app.listen(env.HEALTH_PORT, '0.0.0.0');
}

void main();

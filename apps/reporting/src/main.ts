import 'reflect-metadata';
import { loadConfigOrExit } from '@hearth/platform';
import { serviceMessagingFromEnv } from '@hearth/messaging';
import { ReportingEnv } from './config/env.schema';
import { createReportingApp } from './reporting.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(ReportingEnv);
  const app = await createReportingApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      memberKeySecret: env.REPORTING_MEMBER_KEY_SECRET,
      releaseGraceDays: env.REPORT_RELEASE_GRACE_DAYS,
      releaseSweepIntervalMs: env.RELEASE_SWEEP_INTERVAL_MS,
    },
    serviceMessagingFromEnv(env, 'reporting'),
    env.LOG_LEVEL,
  );
  await app.listen(env.HEALTH_PORT, '0.0.0.0');
}

void main();

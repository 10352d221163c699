import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { ReportingEnv } from './config/env.schema';
import { createReportingApp } from './reporting.app';

bootstrapService(ReportingEnv, async (env) => {
  return createReportingApp(
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
});

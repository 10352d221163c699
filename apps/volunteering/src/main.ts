import 'reflect-metadata';
import { readKeyPems } from '@hearth/auth';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { ConfigError, orExitOnConfigError } from '@hearth/platform';
import { VolunteeringEnv } from './config/env.schema';
import { passportOptionsFromEnv } from './config/passport-env';
import { createVolunteeringApp } from './volunteering.app';

bootstrapService(VolunteeringEnv, (env) => {
  const passports = orExitOnConfigError(() => {
    const { PASSPORT_PRIVATE_KEY } = readKeyPems(env, ['PASSPORT_PRIVATE_KEY']);
    if (!env.PASSPORT_ISSUER_URL)
      throw new ConfigError(['PASSPORT_ISSUER_URL: is required (passports are issued on it)']);
    return passportOptionsFromEnv(env, PASSPORT_PRIVATE_KEY, env.PASSPORT_ISSUER_URL);
  });
  return createVolunteeringApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      passports,
      reminderLeadMs: env.REMINDER_LEAD,
      reminderSweepIntervalMs: env.REMINDER_SWEEP_INTERVAL,
    },
    serviceMessagingFromEnv(env, 'volunteering'),
    env.LOG_LEVEL,
  );
});

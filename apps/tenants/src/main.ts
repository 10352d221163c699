import 'reflect-metadata';
import { keysFromPrivatePem, readKeyPems } from '@hearth/auth';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { orExitOnConfigError } from '@hearth/platform';
import { mailSenderConfigOf } from '@hearth/mail';
import { TenantsEnv } from './config/env.schema';
import { createTenantsApp } from './tenants.app';
import { totpKeyFromEnv } from './two-factor/totp-secret-cipher';

bootstrapService(TenantsEnv, async (env) => {
  const { JWT_PRIVATE_KEY } = orExitOnConfigError(() => readKeyPems(env, ['JWT_PRIVATE_KEY']));
  const keys = keysFromPrivatePem(JWT_PRIVATE_KEY);
  const totpEncryptionKey = orExitOnConfigError(() => totpKeyFromEnv(env));
  const mail = mailSenderConfigOf(env);
  return createTenantsApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      signingKey: keys.privateKey,
      totpEncryptionKey,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      adminEmail: env.HEARTH_ADMIN_EMAIL,
      adminPassword: env.HEARTH_ADMIN_PASSWORD,
      smtpUrl: mail.smtpUrl,
      smtpFrom: mail.smtpFrom,
      mail: mail.queue,
      forgotPasswordTtlMs: env.FORGOT_PASSWORD_LINK_TTL,
      digest: {
        weekday: env.DIGEST_WEEKDAY,
        time: env.DIGEST_TIME,
        timezone: env.DIGEST_TIMEZONE,
        intervalMs: env.DIGEST_INTERVAL,
        pollMs: env.DIGEST_POLL_INTERVAL,
      },
      publicUrl: env.PUBLIC_URL,
    },
    serviceMessagingFromEnv(env, 'tenants', keys.publicKeyPem),
    env.LOG_LEVEL,
  );
});

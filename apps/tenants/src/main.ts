import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { keysFromPrivatePem } from '@hearth/auth';
import { loadConfigOrExit } from '@hearth/platform';
import { TenantsEnv } from './config/env.schema';
import { createTenantsApp } from './tenants.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(TenantsEnv);
  const pem =
    env.JWT_PRIVATE_KEY ??
    (env.JWT_PRIVATE_KEY_FILE ? readFileSync(env.JWT_PRIVATE_KEY_FILE, 'utf8') : undefined);
  if (!pem) {
    process.stderr.write(
      'Configuration is not valid:\n  - JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE must be set\n',
    );
    process.exit(1);
  }
  const app = await createTenantsApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      signingKey: keysFromPrivatePem(pem).privateKey,
      adminEmail: env.HEARTH_ADMIN_EMAIL,
      adminPassword: env.HEARTH_ADMIN_PASSWORD,
      smtpUrl: env.SMTP_URL,
      smtpFrom: env.SMTP_FROM,
      publicUrl: env.PUBLIC_URL,
    },
    { natsUrl: env.NATS_URL },
    env.LOG_LEVEL,
  );
  await app.listen(env.HEALTH_PORT, '0.0.0.0');
}

void main();

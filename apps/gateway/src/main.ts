import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfigOrExit } from '@hearth/platform';
import { GatewayEnv } from './config/env.schema';
import { createGatewayApp } from './gateway.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(GatewayEnv);
  const publicKeyPem =
    env.JWT_PUBLIC_KEY ??
    (env.JWT_PUBLIC_KEY_FILE ? readFileSync(env.JWT_PUBLIC_KEY_FILE, 'utf8') : undefined);
  if (!publicKeyPem) {
    process.stderr.write(
      'Configuration is not valid:\n  - JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE must be set\n',
    );
    process.exit(1);
  }
  const app = await createGatewayApp(
    { publicKeyPem, trustProxy: env.TRUST_PROXY, authRateLimit: env.AUTH_RATE_LIMIT },
    { natsUrl: env.NATS_URL, requestTimeoutMs: env.REQUEST_TIMEOUT_MS },
    env.LOG_LEVEL,
  );
  await app.listen(env.PORT, env.HOST);
}

void main();

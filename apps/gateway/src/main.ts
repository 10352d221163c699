import 'reflect-metadata';
import { keysFromPrivatePem, readKeyPems } from '@hearth/auth';
import { natsCredentialsFromEnv } from '@hearth/messaging';
import { loadConfigOrExit, orExitOnConfigError, startTracing } from '@hearth/platform';
import { GatewayEnv } from './config/env.schema';
import { createGatewayApp } from './gateway.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(GatewayEnv);
  startTracing('gateway', env);
  const keys = orExitOnConfigError(() => readKeyPems(env, ['JWT_PUBLIC_KEY', 'GATEWAY_PRIVATE_KEY']));
  const app = await createGatewayApp(
    {
      publicKeyPem: keys.JWT_PUBLIC_KEY,
      gatewayKey: keysFromPrivatePem(keys.GATEWAY_PRIVATE_KEY).privateKey,
      trustProxy: env.TRUST_PROXY,
      authRateLimit: env.AUTH_RATE_LIMIT,
      publicRateLimit: env.PUBLIC_RATE_LIMIT,
      publicResponseRateLimit: env.PUBLIC_RESPONSE_RATE_LIMIT,
    },
    {
      natsUrl: env.NATS_URL,
      nats: natsCredentialsFromEnv(env, 'gateway'),
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    },
    env.LOG_LEVEL,
  );
  await app.listen(env.PORT, env.HOST);
}

void main();

import { readFileSync } from 'node:fs';
import { trustKeysFromEnv } from '@hearth/auth';
import type { NatsUser } from '@hearth/contracts';
import { orExitOnConfigError, type NatsCredentialsEnv, type ServiceEnv } from '@hearth/platform';
import type { MessagingOptions, NatsCredentials } from './messaging.options';

/** This app's NATS identity from its variables: its own user, its password (or `_FILE`), TLS files. */
export function natsCredentialsFromEnv(env: NatsCredentialsEnv, user: NatsUser): NatsCredentials {
  const password =
    env.NATS_PASSWORD ??
    (env.NATS_PASSWORD_FILE ? readFileSync(env.NATS_PASSWORD_FILE, 'utf8').trim() : undefined);
  const tls =
    env.NATS_TLS_CA_FILE || env.NATS_TLS_CERT_FILE
      ? {
          ...(env.NATS_TLS_CA_FILE ? { caFile: env.NATS_TLS_CA_FILE } : {}),
          ...(env.NATS_TLS_CERT_FILE ? { certFile: env.NATS_TLS_CERT_FILE } : {}),
          ...(env.NATS_TLS_KEY_FILE ? { keyFile: env.NATS_TLS_KEY_FILE } : {}),
        }
      : undefined;
  return { user, ...(password !== undefined ? { password } : {}), ...(tls ? { tls } : {}) };
}

/**
 * A service process's messaging, from its variables: NATS as the service's own user, and the keys that
 * verify every caller (a missing key stops the process with the list of what is wrong). The tenants service
 * passes its own public key.
 */
export function serviceMessagingFromEnv(
  env: ServiceEnv,
  user: NatsUser,
  accessTokenPublicKeyPem?: string,
): MessagingOptions {
  return {
    natsUrl: env.NATS_URL,
    nats: natsCredentialsFromEnv(env, user),
    trust: orExitOnConfigError(() => trustKeysFromEnv(env, accessTokenPublicKeyPem)),
  };
}

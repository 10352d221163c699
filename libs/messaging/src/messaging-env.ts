import { trustKeysFromEnv } from '@hearth/auth';
import { orExitOnConfigError, type ServiceEnv } from '@hearth/platform';
import type { MessagingOptions } from './messaging.options';

/**
 * A service process's messaging, from its variables: NATS, and the keys that verify every caller (a missing
 * key stops the process with the list of what is wrong). The tenants service passes its own public key.
 */
export function serviceMessagingFromEnv(env: ServiceEnv, accessTokenPublicKeyPem?: string): MessagingOptions {
  return {
    natsUrl: env.NATS_URL,
    trust: orExitOnConfigError(() => trustKeysFromEnv(env, accessTokenPublicKeyPem)),
  };
}

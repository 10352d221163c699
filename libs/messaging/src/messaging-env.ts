import { readFileSync } from 'node:fs';
import { trustKeysFromEnv } from '@hearth/auth';
import type { NatsUser } from '@hearth/contracts';
import {
  ConfigError,
  orExitOnConfigError,
  type DeliveryEnv,
  type NatsCredentialsEnv,
  type ServiceEnv,
} from '@hearth/platform';
import type { MessagingOptions, NatsCredentials } from './messaging.options';
import { RETENTION_MARGIN_MS, retryPolicyProblems, streamMaxAgeFor, type RetryPolicy } from './retry-policy';
import type { RetentionOptions } from './retention';
import { DEFAULT_STREAM_SETTINGS, streamSettingsProblems, type StreamSettings } from './jetstream';

/** The retry policy and the messaging retention from the delivery variables; a ConfigError lists what is wrong. */
export function deliveryFromEnv(env: DeliveryEnv): { retry: RetryPolicy; retention: RetentionOptions } {
  const retry: RetryPolicy = {
    firstDelayMs: env.EVENT_RETRY_FIRST_DELAY,
    maxDelayMs: env.EVENT_RETRY_MAX_DELAY,
    horizonMs: env.EVENT_RETRY_HORIZON,
  };
  const problems = retryPolicyProblems(retry).map((p) => `EVENT_RETRY_*: ${p}`);
  if (env.INBOX_RETENTION < retry.horizonMs + RETENTION_MARGIN_MS)
    problems.push(
      'INBOX_RETENTION: must be at least EVENT_RETRY_HORIZON plus a day (an event must not outlive its inbox row)',
    );
  if (problems.length) throw new ConfigError(problems);
  return {
    retry,
    retention: {
      intervalMs: env.PRUNE_INTERVAL,
      outboxMs: env.OUTBOX_RETENTION,
      inboxMs: env.INBOX_RETENTION,
      leftMembersMs: env.RETENTION_LEFT_MEMBERS,
      auditMs: env.RETENTION_AUDIT,
      invitationsMs: env.RETENTION_INVITATIONS,
      refreshTokensMs: env.RETENTION_REFRESH_TOKENS,
      passwordResetsMs: env.RETENTION_PASSWORD_RESETS,
    },
  };
}

/**
 * The events stream's settings for whoever creates it (migrate, standalone): replicas only when set (a default
 * must not shrink a cluster's stream), `max_age` by default the retry horizon plus a day.
 */
export function streamSettingsFromEnv(
  env: DeliveryEnv,
): Partial<StreamSettings> & Omit<StreamSettings, 'replicas'> {
  const { retry } = deliveryFromEnv(env);
  const settings = {
    ...(env.NATS_STREAM_REPLICAS !== undefined ? { replicas: env.NATS_STREAM_REPLICAS } : {}),
    maxAgeMs: env.NATS_STREAM_MAX_AGE ?? streamMaxAgeFor(retry),
    maxBytes: env.NATS_STREAM_MAX_BYTES ?? DEFAULT_STREAM_SETTINGS.maxBytes,
  };
  const problems = streamSettingsProblems({ replicas: 1, ...settings }, retry).map(
    (p) => `NATS_STREAM_*: ${p}`,
  );
  if (problems.length) throw new ConfigError(problems);
  return settings;
}

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
 * A service process's messaging, from its variables: NATS as the service's own user, how its events are retried
 * and kept, and the keys that verify every caller (a missing key stops the process with the list of what is wrong). The tenants service
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
    ...orExitOnConfigError(() => deliveryFromEnv(env)),
  };
}

import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  EVENT_CONSUMERS,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  type EventConsumerContract,
} from '@hearth/contracts';
import { DEFAULT_RETRY_POLICY, RETENTION_MARGIN_MS, streamMaxAgeFor, type RetryPolicy } from './retry-policy';

const DUPLICATE_WINDOW_MS = 2 * 60_000;
export const ACK_WAIT_MS = 30_000;
const GIB = 1024 ** 3;

export const isApiError = (err: unknown, code: number) =>
  err instanceof JetStreamApiError && err.code === code;

/** The stream or the durable consumer is not there (deleted, never provisioned, or a store that was lost). */
export const isMissingResource = (err: unknown): boolean =>
  isApiError(err, JetStreamApiCodes.StreamNotFound) ||
  isApiError(err, JetStreamApiCodes.ConsumerNotFound) ||
  (err instanceof Error && /consumer (is )?deleted|consumer not found|stream not found/i.test(err.message));

/** How durable the events stream is (ADR 0016). */
export interface StreamSettings {
  /** 1 on one NATS server (standalone, dev), 3 on a cluster. */
  replicas: number;
  /** How long an event stays in the stream: the retry horizon plus a day, at least. */
  maxAgeMs: number;
  /** The most the stream may hold; when full it refuses publishes (`discard: new`) and the outbox keeps them. */
  maxBytes: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  replicas: 1,
  maxAgeMs: streamMaxAgeFor(DEFAULT_RETRY_POLICY),
  maxBytes: GIB,
};

/** Checks settings read from configuration against the retry policy; every problem at once. */
export function streamSettingsProblems(
  settings: StreamSettings,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(settings.replicas) && settings.replicas >= 1 && settings.replicas <= 5))
    problems.push('the stream replicas must be a whole number from 1 to 5');
  if (settings.maxAgeMs < policy.horizonMs + RETENTION_MARGIN_MS)
    problems.push(
      'the stream max age must be at least the retry horizon plus a day (an event must outlive its retries)',
    );
  if (!(settings.maxBytes >= 1024 ** 2)) problems.push('the stream max bytes must be at least 1 MiB');
  return problems;
}

export interface ProvisionOptions {
  /**
   * Settings for the stream. `replicas` is applied to an existing stream only when given (a default must not
   * shrink a cluster's stream); the age and size limits always are.
   */
  stream?: Partial<StreamSettings>;
  /** The durable consumers to create; default: every one of the contract. */
  consumers?: readonly EventConsumerContract[];
}

/** The stream's config for the settings: file storage, limits, and refusing publishes when full. */
function streamConfig(settings: StreamSettings): Partial<StreamConfig> {
  return {
    retention: RetentionPolicy.Limits,
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(Math.min(DUPLICATE_WINDOW_MS, settings.maxAgeMs)),
  };
}

/**
 * The deploy step's part on NATS, run as the `migrate` user: creates the events stream (or brings an existing
 * one to our subjects, limits and dedup window) and every service's durable consumer with its contract filter.
 * Services only bind to what exists: they may not create, change or purge.
 */
export async function provisionJetStream(
  jsm: JetStreamManager,
  opts: ProvisionOptions = {},
): Promise<{ stream: string; consumers: string[]; settings: StreamSettings }> {
  const settings = { ...DEFAULT_STREAM_SETTINGS, ...opts.stream };
  const wanted = streamConfig(settings);
  try {
    const { config } = await jsm.streams.info(EVENTS_STREAM);
    const replicas = opts.stream?.replicas ?? config.num_replicas;
    const current = {
      subjects: config.subjects?.includes(EVENTS_SUBJECTS),
      limits: (Object.keys(wanted) as (keyof StreamConfig)[]).every((k) => config[k] === wanted[k]),
      replicas: config.num_replicas === replicas,
    };
    if (!current.subjects || !current.limits || !current.replicas) {
      await jsm.streams.update(EVENTS_STREAM, {
        ...wanted,
        subjects: [...new Set([...(config.subjects ?? []), EVENTS_SUBJECTS])],
        num_replicas: replicas,
      });
    }
    settings.replicas = replicas;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
    await jsm.streams.add({
      ...wanted,
      name: EVENTS_STREAM,
      subjects: [EVENTS_SUBJECTS],
      storage: StorageType.File,
      num_replicas: settings.replicas,
    });
  }
  const consumers = opts.consumers ?? Object.values(EVENT_CONSUMERS);
  for (const c of consumers) await ensureConsumer(jsm, c);
  return { stream: EVENTS_STREAM, consumers: consumers.map((c) => c.durable), settings };
}

async function ensureConsumer(jsm: JetStreamManager, c: EventConsumerContract): Promise<void> {
  const config = {
    filter_subject: c.subject,
    ack_wait: nanos(ACK_WAIT_MS),
    // Unlimited on the server: the consumer never gives up on an event that may yet succeed, and one whose
    // dead-letter write failed (database down) must come back rather than be dropped.
    max_deliver: -1,
  };
  try {
    const info = await jsm.consumers.info(EVENTS_STREAM, c.durable);
    if (
      info.config.filter_subject !== c.subject ||
      info.config.ack_wait !== config.ack_wait ||
      info.config.max_deliver !== config.max_deliver
    ) {
      await jsm.consumers.update(EVENTS_STREAM, c.durable, config);
    }
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    await jsm.consumers.add(EVENTS_STREAM, {
      ...config,
      durable_name: c.durable,
      ack_policy: AckPolicy.Explicit,
    });
  }
}

export {
  JetStreamPublisher,
  PUBLISH_TIMEOUT_MS,
  type JetStreamPublisherOptions,
} from './jetstream-publisher';

import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsRegistry, ReadinessRegistry, type ReadinessReport } from '@hearth/platform';
import type { TrustKeys } from '@hearth/auth';
import { EVENTS_STREAM, inboxPrefixOf, type NatsUser } from '@hearth/contracts';
import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { millis } from '@nats-io/nats-core';
import { jetstreamManager, type StreamInfo } from '@nats-io/jetstream';
import type { InProcessBus } from './in-process.transport';
import type { InProcessEventBus } from './in-process-event-bus';
import { isMissingResource, provisionJetStream, type ProvisionOptions } from './jetstream';
import type { RetryPolicy } from './retry-policy';
import type { RetentionOptions } from './retention';

/** How this process connects to NATS: as its own user, over TLS where NATS is off-host. */
export interface NatsCredentials {
  /** The app's NATS user (`deploy/nats/accounts.conf`); its reply inboxes are private to it. */
  user: NatsUser;
  password?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** How this process talks: NATS when `natsUrl` is set, otherwise in process (standalone). */
export interface MessagingOptions {
  natsUrl?: string;
  /** Who this process is on NATS. Without it the connection is anonymous (only a server without auth takes it). */
  nats?: NatsCredentials;
  requestTimeoutMs?: number;
  /** In-process transport: shared by every module of the one process. */
  bus?: InProcessBus;
  eventBus?: InProcessEventBus;
  /** The keys that verify the tokens of incoming messages; a process that answers messages needs them. */
  trust?: TrustKeys;
  /** Backoff of failed domain events and how long they are tried at least (default: 1 s to 1 h, 7 days). */
  retry?: RetryPolicy;
  /**
   * Set where this process may create the stream and consumers (standalone on NATS, as its all-in-one user):
   * it re-creates them, with these settings, when they go missing. Services may not, and say so instead.
   */
  provision?: ProvisionOptions;
  /** How often a service looks for replays an operator asked for (`npm run dead-letters -- replay`). */
  replayPollMs?: number;
  /** How long published outbox rows, inbox rows and the services' own records are kept (the pruning job). */
  retention?: Partial<RetentionOptions>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** `nats://a:4222,nats://b:4222`: each address of a comma-separated `NATS_URL`. */
export function natsServers(natsUrl: string | undefined): string[] | undefined {
  return natsUrl
    ?.split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

/**
 * The options of every NATS connection of this process: credentials, TLS, a private inbox prefix, no async
 * stack traces (nats.js builds an Error per request otherwise, ~20% of CPU), and reconnecting for ever (a
 * service outlives NATS restarts).
 */
export function natsConnectionOptions(options: MessagingOptions, name: string): ConnectionOptions {
  const creds = options.nats;
  return {
    // A cluster's nodes as one comma-separated NATS_URL: nats.js would read the whole string as one address.
    servers: natsServers(options.natsUrl),
    name,
    noAsyncTraces: true,
    maxReconnectAttempts: -1,
    ...(creds ? { user: creds.user, inboxPrefix: inboxPrefixOf(creds.user) } : {}),
    ...(creds?.password !== undefined ? { pass: creds.password } : {}),
    ...(creds?.tls ? { tls: creds.tls } : {}),
  };
}

/** One NATS connection per process for JetStream (publishing and consuming domain events) and gathering. */
@Injectable()
export class NatsConnectionProvider implements OnApplicationShutdown {
  private connection?: Promise<NatsConnection>;
  private provisioning?: Promise<unknown>;
  private watchingStream = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly readiness?: ReadinessRegistry,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {
    if (options.natsUrl) readiness?.register('nats', { isReady: () => this.ping() });
  }

  /**
   * Re-creates the stream and consumers where this process may (standalone); one at a time however many
   * consumers found them missing. Undefined where it may not (a service): migrate does it.
   */
  get provision(): (() => Promise<unknown>) | undefined {
    const settings = this.options.provision;
    if (!settings) return undefined;
    return () =>
      (this.provisioning ??= (async () =>
        provisionJetStream(await jetstreamManager(await this.get()), settings))().finally(
        () => (this.provisioning = undefined),
      ));
  }

  /**
   * A process that publishes domain events is ready only while the events stream exists (events wait in the
   * outbox meanwhile); the details say how full it is. Registered once, by the first outbox relay.
   */
  watchStream(): void {
    if (!this.options.natsUrl || this.watchingStream) return;
    this.watchingStream = true;
    this.readiness?.register('events-stream', { isReady: () => this.streamReadiness() });
    const sample = async (pick: (i: StreamInfo) => number) => [
      { labels: { stream: EVENTS_STREAM }, value: pick(await this.streamInfo()) },
    ];
    this.metrics?.gauge('hearth_event_stream_messages', 'Events held by the stream.', ['stream'], () =>
      sample((i) => i.state.messages),
    );
    this.metrics?.gauge('hearth_event_stream_bytes', 'Bytes held by the stream.', ['stream'], () =>
      sample((i) => i.state.bytes),
    );
    this.metrics?.gauge(
      'hearth_event_stream_max_bytes',
      'The most the stream may hold; when full it refuses publishes and events wait in the outboxes.',
      ['stream'],
      () => sample((i) => i.config.max_bytes),
    );
  }

  /** The stream's `max_age` in ms (0: none); undefined in process, where there is no stream. */
  async streamMaxAgeMs(): Promise<number | undefined> {
    if (!this.options.natsUrl) return undefined;
    return millis((await this.streamInfo()).config.max_age);
  }

  private async streamInfo(): Promise<StreamInfo> {
    // No API check per call: readiness and each scrape ask this often.
    return (await jetstreamManager(await this.get(), { checkAPI: false })).streams.info(EVENTS_STREAM);
  }

  private async streamReadiness(): Promise<ReadinessReport> {
    try {
      const info = await this.streamInfo();
      return {
        ready: true,
        details: { messages: info.state.messages, bytes: info.state.bytes, maxBytes: info.config.max_bytes },
      };
    } catch (err) {
      if (!isMissingResource(err)) throw err;
      if (this.provision) {
        await this.provision();
        return {
          ready: false,
          details: { reason: `the stream ${EVENTS_STREAM} was missing: re-created it` },
        };
      }
      return {
        ready: false,
        details: {
          reason: `the stream ${EVENTS_STREAM} is missing: events wait in the outbox; run the migrate step to create it`,
        },
      };
    }
  }

  /** Ready when a round trip to the NATS server succeeds. */
  async ping(): Promise<boolean> {
    await (await this.get()).rtt();
    return true;
  }

  get(): Promise<NatsConnection> {
    if (!this.options.natsUrl) throw new Error('NATS is not configured in this process.');
    this.connection ??= connect(natsConnectionOptions(this.options, 'hearth-events'));
    return this.connection;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection) await (await this.connection).drain().catch(() => undefined);
  }
}

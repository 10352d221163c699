import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@hearth/platform';
import type { TrustKeys } from '@hearth/auth';
import { inboxPrefixOf, type NatsUser } from '@hearth/contracts';
import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import type { InProcessBus } from './in-process.transport';
import type { InProcessEventBus } from './in-process-event-bus';

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
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * The options of every NATS connection of this process: credentials, TLS, a private inbox prefix, no async
 * stack traces (nats.js builds an Error per request otherwise, ~20% of CPU), and reconnecting for ever (a
 * service outlives NATS restarts).
 */
export function natsConnectionOptions(options: MessagingOptions, name: string): ConnectionOptions {
  const creds = options.nats;
  return {
    servers: options.natsUrl,
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

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() readiness?: ReadinessRegistry,
  ) {
    if (options.natsUrl) readiness?.register('nats', { isReady: () => this.ping() });
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

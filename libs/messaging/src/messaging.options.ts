import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@hearth/platform';
import type { TrustKeys } from '@hearth/auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { InProcessBus } from './in-process.transport';
import type { InProcessEventBus } from './in-process-event-bus';

/** How this process talks: NATS when `natsUrl` is set, otherwise in process (standalone). */
export interface MessagingOptions {
  natsUrl?: string;
  /** Test isolation only: prefixes every subject and stream. Empty in production. */
  prefix?: string;
  requestTimeoutMs?: number;
  /** In-process transport: shared by every module of the one process. */
  bus?: InProcessBus;
  eventBus?: InProcessEventBus;
  /** The keys that verify the tokens of incoming messages; a process that answers messages needs them. */
  trust?: TrustKeys;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** One NATS connection per process for JetStream (publishing and consuming domain events). */
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
    this.connection ??= connect({
      servers: this.options.natsUrl,
      noAsyncTraces: true,
      name: 'hearth-events',
      // A service outlives NATS restarts: keep reconnecting rather than giving up after ten tries.
      maxReconnectAttempts: -1,
    });
    return this.connection;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection) await (await this.connection).drain().catch(() => undefined);
  }
}

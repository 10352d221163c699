import { ClientNats, ServerNats } from '@nestjs/microservices';
import { prefixed } from './subject.util';

/** nats.js builds an Error for an async stack trace on every request unless told not to (~20% of CPU). */
const natsOptions = (url: string) => ({
  servers: url,
  noAsyncTraces: true,
  name: 'hearth',
  maxReconnectAttempts: -1,
});

/**
 * NATS server strategy. Every subject is answered in the queue group of the service that owns it (its
 * first token), so replicas share the load, and one process can host several services (standalone on NATS).
 */
export class HearthNatsServer extends ServerNats {
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super({ ...natsOptions(url), gracefulShutdown: true, gracePeriod: 2000 } as ConstructorParameters<
      typeof ServerNats
    >[0]);
  }

  /** Our subjects are plain strings: skip Nest's JSON.parse attempt, which throws on every message (~3% CPU). */
  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    const handlers = [...this.messageHandlers.entries()];
    this.messageHandlers.clear();
    for (const [pattern, handler] of handlers) {
      handler.extras = { ...handler.extras, queue: handler.extras?.queue ?? pattern.split('.')[0] };
      this.messageHandlers.set(prefixed(this.prefix, pattern), handler);
    }
    super.bindEvents(client);
  }
}

export function createNatsClient(url: string): ClientNats {
  return new ClientNats(natsOptions(url) as ConstructorParameters<typeof ClientNats>[0]);
}

import { ClientNats, ServerNats } from '@nestjs/microservices';
import { natsConnectionOptions, type MessagingOptions } from './messaging.options';

/**
 * NATS server strategy. Every subject is answered in the queue group of the service that owns it (its
 * first token), so replicas share the load, and one process can host several services (standalone on NATS).
 */
export class HearthNatsServer extends ServerNats {
  constructor(options: MessagingOptions) {
    super({
      ...natsConnectionOptions(options, 'hearth'),
      gracefulShutdown: true,
      gracePeriod: 2000,
    } as ConstructorParameters<typeof ServerNats>[0]);
  }

  /** Our subjects are plain strings: skip Nest's JSON.parse attempt, which throws on every message (~3% CPU). */
  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    for (const [pattern, handler] of this.messageHandlers) {
      handler.extras = { ...handler.extras, queue: handler.extras?.queue ?? pattern.split('.')[0] };
    }
    super.bindEvents(client);
  }
}

export function createNatsClient(options: MessagingOptions): ClientNats {
  return new ClientNats(
    natsConnectionOptions(options, 'hearth') as ConstructorParameters<typeof ClientNats>[0],
  );
}

import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventProcessor } from './event-consumer';
import { JetStreamConsumerRunner } from './jetstream';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';

/**
 * Runs a service's domain-event consumers on whichever transport this process uses: a durable JetStream
 * consumer with NATS, the in-process bus in standalone mode. Register from `onModuleInit`: every consumer is
 * then listening before any outbox relay starts (relays start at application bootstrap).
 */
@Injectable()
export class EventConsumerHost implements BeforeApplicationShutdown {
  private readonly runners: JetStreamConsumerRunner[] = [];
  private readonly subscribed: EventProcessor[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionProvider,
  ) {}

  async register(consumer: EventProcessor): Promise<void> {
    if (!this.options.natsUrl) {
      if (!this.options.eventBus) throw new Error('The in-process transport needs an event bus.');
      this.options.eventBus.subscribe(consumer);
      this.subscribed.push(consumer);
      return;
    }
    const runner = new JetStreamConsumerRunner(await this.nats.get(), consumer);
    await runner.start();
    this.runners.push(runner);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.splice(0).map((r) => r.stop()));
    for (const c of this.subscribed.splice(0)) this.options.eventBus?.unsubscribe(c);
  }
}

import { Global, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { DiscoveryModule } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { MetricsRegistry, RequestScope } from '@hearth/platform';
import { InProcessBus, InProcessClient, InProcessServer } from './in-process.transport';
import { HearthNatsServer, createNatsClient } from './nats.transport';
import { MessageClient } from './message-client';
import { MessageContextInterceptor } from './message-context.interceptor';
import { measuredProxy } from './messaging-metrics';
import { EnvelopeVerifier } from './envelope-verifier';
import { RpcErrorFilter } from './rpc-error.filter';
import { InProcessEventBus } from './in-process-event-bus';
import { JetStreamPublisher } from './jetstream';
import type { EventPublisher } from './event-publisher';
import type { AnswerRoutes } from './answer-routes';
import { Gather } from './gather';
import { EventConsumerHost } from './event-consumer-host';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';

export { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');

@Injectable()
class MessageClientLifecycle implements OnApplicationShutdown {
  constructor(private readonly client: MessageClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/** A server strategy that answers `@Answer` handlers itself, given their answerers (ADR 0092). */
export type AnsweringStrategy = CustomTransportStrategy & { useAnswers(routes: AnswerRoutes): void };

/** The server strategy matching the options, for `app.connectMicroservice({ strategy })`. */
export function createServerStrategy(options: MessagingOptions): AnsweringStrategy {
  // Fail at start, not at the first message: a service that cannot verify callers must not listen.
  if (!options.trust) throw new Error('A service that answers messages needs the keys to verify callers.');
  if (options.natsUrl) return new HearthNatsServer(options);
  if (!options.bus) throw new Error('The in-process transport needs a bus.');
  return new InProcessServer(options.bus);
}

export function inProcessMessaging(): Required<Pick<MessagingOptions, 'bus' | 'eventBus'>> {
  return { bus: new InProcessBus(), eventBus: new InProcessEventBus() };
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [ClsModule.forRoot({ global: true }), DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: MessageClient,
          inject: [{ token: MetricsRegistry, optional: true }],
          useFactory: (metrics?: MetricsRegistry) =>
            new MessageClient(
              measuredProxy(
                options.natsUrl
                  ? createNatsClient(options)
                  : new InProcessClient(options.bus ?? new InProcessBus()),
                metrics,
              ),
              options.requestTimeoutMs,
            ),
        },
        MessageClientLifecycle,
        NatsConnectionProvider,
        {
          provide: EVENT_PUBLISHER,
          inject: [NatsConnectionProvider],
          useFactory: async (nats: NatsConnectionProvider): Promise<EventPublisher> => {
            if (options.natsUrl) return new JetStreamPublisher(await nats.get());
            if (!options.eventBus) throw new Error('The in-process transport needs an event bus.');
            return options.eventBus;
          },
        },
        Gather,
        EventConsumerHost,
        RequestScope,
        EnvelopeVerifier,
        MessageContextInterceptor,
        RpcErrorFilter,
      ],
      exports: [
        EnvelopeVerifier,
        MESSAGING_OPTIONS,
        MessageClient,
        NatsConnectionProvider,
        EVENT_PUBLISHER,
        Gather,
        EventConsumerHost,
        RequestScope,
        MessageContextInterceptor,
        RpcErrorFilter,
      ],
    };
  }
}

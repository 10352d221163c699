import { Module, type DynamicModule } from '@nestjs/common';
import { TenantsClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { WEBHOOKS_SCHEMA, WebhooksDatabase } from './webhooks-database';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks.options';
import { WebhooksController } from './subscriptions/webhooks.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { WebhookRoutes } from './subscriptions/webhook-routes.service';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { WebhookConsumers } from './deliveries/deliveries.consumer';
import { DispatchRepository } from './deliveries/dispatch.repository';
import { Dispatcher } from './deliveries/dispatcher.service';
import { RegionLeros } from './subscriptions/region-leros.service';
import { WebhookSecretCipher } from './deliveries/secret-cipher';
import { SecretsAtRest } from './deliveries/secrets-at-rest.service';

/**
 * The webhooks service (ADR 0079): subscriptions and their delivery log (NATS handlers), the consumers that queue
 * deliveries from domain events, and the dispatcher that sends them.
 */
@Module({})
export class WebhooksModule {
  static register(options: WebhooksOptions): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: WEBHOOKS_OPTIONS, useValue: options },
        SubscriptionsService,
        WebhookRoutes,
        SubscriptionsRepository,
        WebhookConsumers,
        RegionLeros,
        { provide: WebhookSecretCipher, useFactory: () => new WebhookSecretCipher(options.secretKeys) },
        SecretsAtRest,
        clientProvider(TenantsClient),
        DispatchRepository,
        Dispatcher,
        ...serviceDataProviders(WebhooksDatabase, WEBHOOKS_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [WebhooksDatabase],
    };
  }
}

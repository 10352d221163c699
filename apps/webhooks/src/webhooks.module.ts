import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { WEBHOOKS_SCHEMA, WebhooksDatabase } from './webhooks-database';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks.options';

/**
 * The webhooks service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class WebhooksModule {
  static register(options: WebhooksOptions): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [],
      providers: [
        { provide: WEBHOOKS_OPTIONS, useValue: options },
        ...serviceDataProviders(WebhooksDatabase, WEBHOOKS_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [WebhooksDatabase],
    };
  }
}

import { serviceAppFactory } from '@hearth/messaging';
import { WebhooksModule } from './webhooks.module';
import type { WebhooksOptions } from './webhooks.options';

/** The webhooks service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const createWebhooksApp = serviceAppFactory((options: WebhooksOptions) =>
  WebhooksModule.register(options),
);

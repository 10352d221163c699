import type { INestApplication } from '@nestjs/common';
import { createServerStrategy, type MessagingOptions } from './messaging.module';

/** Connects the app's message handlers (see `@MessageController`) to the transport. */
export async function attachMessageHandlers(app: INestApplication, options: MessagingOptions): Promise<void> {
  app.connectMicroservice({ strategy: createServerStrategy(options) }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}

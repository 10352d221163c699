import type { INestApplication } from '@nestjs/common';
import { createServerStrategy, type MessagingOptions } from './messaging.module';
import { answerRoutes } from './answer-routes';

/**
 * Connects the app's message handlers (see `@MessageController`) to the transport: every `@Answer` handler is
 * answered through Hearth's own dispatch (`answerRoutes`, ADR 0092).
 */
export async function attachMessageHandlers(app: INestApplication, options: MessagingOptions): Promise<void> {
  const strategy = createServerStrategy(options);
  app.connectMicroservice({ strategy }, { inheritAppConfig: false });
  strategy.useAnswers(answerRoutes(app));
  await app.startAllMicroservices();
}

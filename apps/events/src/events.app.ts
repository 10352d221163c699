import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, type MessagingOptions } from '@hearth/messaging';
import type { LogSettings } from '@hearth/platform';
import { EventsModule } from './events.module';
import type { EventsOptions } from './events.options';

/** The events service as its own process: NATS handlers, plus HTTP for /health only. */
export function createEventsApp(
  options: EventsOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  return createServiceApp(EventsModule.register(options), messaging, logging);
}

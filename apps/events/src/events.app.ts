import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import { HealthModule, loggingModule, type LogSettings } from '@hearth/platform';
import { EventsModule } from './events.module';
import type { EventsOptions } from './events.options';

/** The events service as its own process: NATS handlers, plus HTTP for /health only. */
export async function createEventsApp(
  options: EventsOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(logging, false),
      HealthModule,
      MessagingModule.forRoot(messaging),
      EventsModule.register(options),
    ],
  })
  class EventsApp {}

  const app = await NestFactory.create<NestFastifyApplication>(EventsApp, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await attachMessageHandlers(app, messaging);
  return app;
}

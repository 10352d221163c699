import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import { HealthModule, loggingModule, type LogSettings } from '@hearth/platform';
import { ReportingModule } from './reporting.module';
import type { ReportingOptions } from './reporting.options';

/** The reporting service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export async function createReportingApp(
  options: ReportingOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(logging, false),
      HealthModule,
      MessagingModule.forRoot(messaging),
      ReportingModule.register(options),
    ],
  })
  class ReportingApp {}

  const app = await NestFactory.create<NestFastifyApplication>(ReportingApp, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await attachMessageHandlers(app, messaging);
  return app;
}

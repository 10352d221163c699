import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import { HealthModule, loggingModule, type LogSettings } from '@hearth/platform';
import { TenantsModule } from './tenants.module';
import type { TenantsOptions } from './tenants.options';

/** The tenants service as its own process: NATS handlers, plus HTTP for /health only. */
export async function createTenantsApp(
  options: TenantsOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(logging, false),
      HealthModule,
      MessagingModule.forRoot(messaging),
      TenantsModule.register(options),
    ],
  })
  class TenantsApp {}

  const app = await NestFactory.create<NestFastifyApplication>(TenantsApp, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await attachMessageHandlers(app, messaging);
  return app;
}

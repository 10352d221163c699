import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, type MessagingOptions } from '@hearth/messaging';
import {
  HealthModule,
  loggingModule,
  QuietStartupLogger,
  traceHttpRequests,
  type LogSettings,
} from '@hearth/platform';
import { GatewayModule } from './gateway.module';
import type { GatewayOptions } from './gateway.options';
import { configureHttpApp, createHttpAdapter } from './http/http-app';
import { UNLOGGED_REQUESTS } from './http/unlogged-requests';

/** The gateway as its own process: HTTP in, NATS out. */
export async function createGatewayApp(
  options: GatewayOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(logging, true, UNLOGGED_REQUESTS),
      HealthModule,
      MessagingModule.forRoot(messaging),
      GatewayModule.register(options),
    ],
  })
  class GatewayApp {}

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayApp,
    createHttpAdapter(options.trustProxy),
    { bufferLogs: true },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.enableShutdownHooks();
  traceHttpRequests(app.getHttpAdapter().getInstance(), 'gateway');
  await configureHttpApp(app, {
    authRateLimit: options.authRateLimit,
    publicRateLimit: options.publicRateLimit,
    publicResponseRateLimit: options.publicResponseRateLimit,
  });
  return app;
}

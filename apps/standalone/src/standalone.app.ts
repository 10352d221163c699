import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import { HealthModule, loggingModule, type LogLevel } from '@hearth/platform';
import { GatewayModule } from '../../gateway/src/gateway.module';
import type { GatewayOptions } from '../../gateway/src/gateway.options';
import { configureHttpApp, createHttpAdapter } from '../../gateway/src/http/http-app';
import { TenantsModule } from '../../tenants/src/tenants.module';
import type { TenantsOptions } from '../../tenants/src/tenants.options';

export interface StandaloneOptions {
  gateway: GatewayOptions;
  tenants: TenantsOptions;
  messaging: MessagingOptions;
  logLevel?: LogLevel;
}

/** Every service module and the gateway in one process; later services plug in by adding their module. */
export async function createStandaloneApp(options: StandaloneOptions): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(options.logLevel ?? 'info', true),
      HealthModule,
      MessagingModule.forRoot(options.messaging),
      GatewayModule.register(options.gateway),
      TenantsModule.register(options.tenants),
    ],
  })
  class StandaloneApp {}

  const app = await NestFactory.create<NestFastifyApplication>(
    StandaloneApp,
    createHttpAdapter(options.gateway.trustProxy),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  await configureHttpApp(app, { authRateLimit: options.gateway.authRateLimit });
  await attachMessageHandlers(app, options.messaging);
  return app;
}

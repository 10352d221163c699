import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import { HealthModule, loggingModule, type LogSettings } from '@hearth/platform';
import { MembershipModule } from './membership.module';
import type { MembershipOptions } from './membership.options';

/** The membership service as its own process: NATS handlers, plus HTTP for /health only. */
export async function createMembershipApp(
  options: MembershipOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      loggingModule(logging, false),
      HealthModule,
      MessagingModule.forRoot(messaging),
      MembershipModule.register(options),
    ],
  })
  class MembershipApp {}

  const app = await NestFactory.create<NestFastifyApplication>(MembershipApp, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await attachMessageHandlers(app, messaging);
  return app;
}

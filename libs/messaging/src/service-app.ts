import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  HealthModule,
  loadConfigOrExit,
  loggingModule,
  QuietStartupLogger,
  flushTracesOnClose,
  startTracing,
  type LogSettings,
} from '@hearth/platform';
import { MessagingModule } from './messaging.module';
import { attachMessageHandlers } from './attach';
import type { MessagingOptions } from './messaging.options';

/**
 * A service as its own process: its module's NATS handlers and consumers, plus HTTP for /health only. Every
 * service is made by this one factory (tests and standalone's distributed mode included).
 */
export async function createServiceApp(
  service: DynamicModule,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  @Module({
    imports: [loggingModule(logging, false), HealthModule, MessagingModule.forRoot(messaging), service],
  })
  class ServiceApp {}

  const app = await NestFactory.create<NestFastifyApplication>(ServiceApp, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.enableShutdownHooks();
  await attachMessageHandlers(app, messaging);
  return app;
}

/**
 * A service's app factory from its module's `register`: `export const createXApp = serviceAppFactory(XModule.register)`
 * gives `createXApp(options, messaging, logging?)`, the one way tests, standalone's distributed mode and `main.ts`
 * make the service.
 */
export const serviceAppFactory =
  <O>(register: (options: O) => DynamicModule) =>
  (options: O, messaging: MessagingOptions, logging: LogSettings = 'info'): Promise<NestFastifyApplication> =>
    createServiceApp(register(options), messaging, logging);

/**
 * A service's `main.ts`: reads its configuration (a problem in it stops the process with the message), makes
 * the app from it, and serves /health on HEALTH_PORT. A failure to start ends the process with an error.
 */
export function bootstrapService<E extends { HEALTH_PORT: number; OTEL_EXPORTER_OTLP_ENDPOINT?: string }>(
  envSchema: new () => E,
  start: (env: E) => Promise<NestFastifyApplication>,
): void {
  const env = loadConfigOrExit(envSchema);
  // `EventsEnv` → `events`: the service's name in its traces (ADR 0087).
  startTracing(envSchema.name.replace(/Env$/, '').toLowerCase(), env);
  start(env)
    .then((app) => {
      flushTracesOnClose(app.getHttpAdapter().getInstance());
      return app.listen(env.HEALTH_PORT, '0.0.0.0');
    })
    .catch((err: unknown) => {
      process.stderr.write(`The service could not start: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    });
}

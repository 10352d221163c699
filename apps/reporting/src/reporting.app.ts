import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, type MessagingOptions } from '@hearth/messaging';
import type { LogSettings } from '@hearth/platform';
import { ReportingModule } from './reporting.module';
import type { ReportingOptions } from './reporting.options';

/** The reporting service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export function createReportingApp(
  options: ReportingOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  return createServiceApp(ReportingModule.register(options), messaging, logging);
}

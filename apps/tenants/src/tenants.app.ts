import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, type MessagingOptions } from '@hearth/messaging';
import type { LogSettings } from '@hearth/platform';
import { TenantsModule } from './tenants.module';
import type { TenantsOptions } from './tenants.options';

/** The tenants service as its own process: NATS handlers, plus HTTP for /health only. */
export function createTenantsApp(
  options: TenantsOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  return createServiceApp(TenantsModule.register(options), messaging, logging);
}

import { serviceAppFactory } from '@hearth/messaging';
import { TenantsModule } from './tenants.module';
import type { TenantsOptions } from './tenants.options';

/** The tenants service as its own process: NATS handlers, plus HTTP for /health only. */
export const createTenantsApp = serviceAppFactory((options: TenantsOptions) =>
  TenantsModule.register(options),
);

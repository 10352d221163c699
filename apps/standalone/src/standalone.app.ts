import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MessagingModule, attachMessageHandlers, type MessagingOptions } from '@hearth/messaging';
import {
  HealthModule,
  loggingModule,
  QuietStartupLogger,
  traceHttpRequests,
  type LogSettings,
} from '@hearth/platform';
import { GatewayModule } from '../../gateway/src/gateway.module';
import {
  configureHttpApp,
  createHttpAdapter,
  UNLOGGED_REQUESTS,
  type GatewayOptions,
} from '../../gateway/src';
import { TenantsModule } from '../../tenants/src/tenants.module';
import type { TenantsOptions } from '../../tenants/src';
import { MembershipModule } from '../../membership/src/membership.module';
import type { MembershipOptions } from '../../membership/src';
import { EventsModule } from '../../events/src/events.module';
import type { EventsOptions } from '../../events/src';
import { ReportingModule } from '../../reporting/src/reporting.module';
import type { ReportingOptions } from '../../reporting/src';
import { DirectoryModule } from '../../directory/src/directory.module';
import type { DirectoryOptions } from '../../directory/src';
import { VolunteeringModule } from '../../volunteering/src/volunteering.module';
import type { VolunteeringOptions } from '../../volunteering/src';
import { AdvocacyModule } from '../../advocacy/src/advocacy.module';
import type { AdvocacyOptions } from '../../advocacy/src';
import { WebhooksModule } from '../../webhooks/src/webhooks.module';
import type { WebhooksOptions } from '../../webhooks/src';
import {
  configureWebApp,
  inProcessApi,
  UNLOGGED_PAGES,
  WebErrorFilter,
  type WebOptions,
} from '../../web/src';
import { WebModule } from '../../web/src/web.module';
import { PageErrorFilter, standaloneClientErrorAnswer } from './page-error.filter';

export interface StandaloneOptions {
  gateway: GatewayOptions;
  tenants: TenantsOptions;
  membership: MembershipOptions;
  events: EventsOptions;
  reporting: ReportingOptions;
  directory: DirectoryOptions;
  volunteering: VolunteeringOptions;
  advocacy: AdvocacyOptions;
  webhooks: WebhooksOptions;
  messaging: MessagingOptions;
  /** The web app at `/`, calling this server's API in process. */
  web: Omit<WebOptions, 'apiUrl' | 'apiFetch'>;
  logLevel?: LogSettings;
}

/** Every service module and the gateway in one process; later services plug in by adding their module. */
export async function createStandaloneApp(options: StandaloneOptions): Promise<NestFastifyApplication> {
  const api = inProcessApi();
  const web: WebOptions = { ...options.web, apiUrl: api.apiUrl, apiFetch: api.apiFetch };
  @Module({
    imports: [
      // The gateway's respond routes and the web app's answering pages (ADRs 0062, 0071) write no request line.
      loggingModule(options.logLevel ?? 'info', true, [...UNLOGGED_REQUESTS, ...UNLOGGED_PAGES]),
      HealthModule,
      MessagingModule.forRoot(options.messaging),
      GatewayModule.register(options.gateway),
      TenantsModule.register(options.tenants),
      MembershipModule.register(options.membership),
      EventsModule.register(options.events),
      ReportingModule.register(options.reporting),
      DirectoryModule.register(options.directory),
      VolunteeringModule.register(options.volunteering),
      AdvocacyModule.register(options.advocacy),
      WebhooksModule.register(options.webhooks),
      WebModule.register(web),
    ],
  })
  class StandaloneApp {}

  const app = await NestFactory.create<NestFastifyApplication>(
    StandaloneApp,
    createHttpAdapter(options.gateway.trustProxy, standaloneClientErrorAnswer),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  traceHttpRequests(app.getHttpAdapter().getInstance(), 'standalone');
  await configureHttpApp(app, {
    authRateLimit: options.gateway.authRateLimit,
    publicRateLimit: options.gateway.publicRateLimit,
    publicResponseRateLimit: options.gateway.publicResponseRateLimit,
    insecureHttp: options.web.insecureHttp,
  });
  api.attach(app);
  await configureWebApp(app, web);
  // Tried before the gateway's problem+json filter (Nest tries the global filter added last first).
  app.useGlobalFilters(new PageErrorFilter(app.get(WebErrorFilter)));
  await attachMessageHandlers(app, options.messaging);
  return app;
}

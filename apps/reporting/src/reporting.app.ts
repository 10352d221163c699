import { serviceAppFactory } from '@hearth/messaging';
import { ReportingModule } from './reporting.module';
import type { ReportingOptions } from './reporting.options';

/** The reporting service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const createReportingApp = serviceAppFactory((options: ReportingOptions) =>
  ReportingModule.register(options),
);

import { serviceAppFactory } from '@hearth/messaging';
import { AdvocacyModule } from './advocacy.module';
import type { AdvocacyOptions } from './advocacy.options';

/** The advocacy service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const createAdvocacyApp = serviceAppFactory((options: AdvocacyOptions) =>
  AdvocacyModule.register(options),
);

import { serviceAppFactory } from '@hearth/messaging';
import { EventsModule } from './events.module';
import type { EventsOptions } from './events.options';

/** The events service as its own process: NATS handlers, plus HTTP for /health only. */
export const createEventsApp = serviceAppFactory((options: EventsOptions) => EventsModule.register(options));

import { serviceAppFactory } from '@hearth/messaging';
import { VolunteeringModule } from './volunteering.module';
import type { VolunteeringOptions } from './volunteering.options';

/** The volunteering service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const createVolunteeringApp = serviceAppFactory((options: VolunteeringOptions) =>
  VolunteeringModule.register(options),
);

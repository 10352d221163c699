import { serviceAppFactory } from '@hearth/messaging';
import { MembershipModule } from './membership.module';
import type { MembershipOptions } from './membership.options';

/** The membership service as its own process: NATS handlers, plus HTTP for /health only. */
export const createMembershipApp = serviceAppFactory((options: MembershipOptions) =>
  MembershipModule.register(options),
);

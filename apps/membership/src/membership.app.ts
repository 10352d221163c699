import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, type MessagingOptions } from '@hearth/messaging';
import type { LogSettings } from '@hearth/platform';
import { MembershipModule } from './membership.module';
import type { MembershipOptions } from './membership.options';

/** The membership service as its own process: NATS handlers, plus HTTP for /health only. */
export function createMembershipApp(
  options: MembershipOptions,
  messaging: MessagingOptions,
  logging: LogSettings = 'info',
): Promise<NestFastifyApplication> {
  return createServiceApp(MembershipModule.register(options), messaging, logging);
}

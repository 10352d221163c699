import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Subscription } from '@nats-io/nats-core';
import { GATEWAY_NOTICES } from '@hearth/contracts';
import {
  MESSAGING_OPTIONS,
  NatsConnectionProvider,
  type EventProcessor,
  type MessagingOptions,
} from '@hearth/messaging';
import { TenantAccessCache } from './tenant-access.guard';

/** Every change to a LERO: `evt.tenants.tenant.suspended`, `.archived`, `.activated`, `.updated` … */
export const TENANT_CHANGES = GATEWAY_NOTICES[0];

const tenantIdOf = (payload: string): string | undefined => {
  try {
    const { tenantId } = JSON.parse(payload) as { tenantId?: unknown };
    return typeof tenantId === 'string' ? tenantId : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Drops the gateway's cached LERO access answers as soon as the LERO changes (ADR 0091): a suspended LERO's users
 * are refused from the next request, not after the cache's time. A notice only empties a cache, so it needs no
 * durable consumer and no signature: on NATS a plain subscription to `evt.tenants.tenant.>` (the relay's
 * publishes reach it as they reach the stream; every gateway replica gets each), in standalone a subscriber of the
 * in-process bus. A notice that can't be read, or a NATS reconnection (notices may have been missed), empties the
 * whole cache.
 */
@Injectable()
export class TenantAccessInvalidation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TenantAccessInvalidation.name);
  private subscription?: Subscription;
  private processor?: EventProcessor;
  private stopped = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionProvider,
    private readonly access: TenantAccessCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.natsUrl) {
      const nc = await this.nats.get();
      this.subscription = nc.subscribe(TENANT_CHANGES, {
        callback: (err, msg) => this.access.forget(err ? undefined : tenantIdOf(msg.string())),
      });
      void (async () => {
        for await (const status of nc.status()) {
          if (this.stopped) return;
          if (status.type === 'reconnect') this.access.forget();
        }
      })().catch((err: unknown) => this.logger.warn(`Stopped watching NATS reconnections: ${String(err)}`));
    } else if (this.options.eventBus) {
      this.processor = {
        name: 'gateway-tenant-access',
        subjects: [TENANT_CHANGES],
        process: async (event) => {
          this.access.forget(event.tenantId ?? undefined);
          return 'handled';
        },
      };
      this.options.eventBus.subscribe(this.processor);
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    if (this.processor) this.options.eventBus?.unsubscribe(this.processor);
  }
}

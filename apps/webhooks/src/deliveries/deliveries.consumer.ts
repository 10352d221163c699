import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import { EVENT_CONSUMERS, type TypedDomainEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { executeStatement } from '@hearth/persistence';
import { WebhooksDatabase } from '../webhooks-database';
import { webhookMessageOf } from './webhook-payload';

/**
 * One event of a LERO: a delivery queued for each of its subscriptions to the event's type, in the transaction that
 * records the event in the inbox. A redelivered event is dropped by the inbox, and `(subscription, event)` is unique
 * besides, so an event is queued once per subscription however often it arrives.
 */
export async function queueDeliveries(em: EntityManager, event: TypedDomainEvent): Promise<void> {
  const message = webhookMessageOf(event);
  const tenantId = event.tenantId;
  if (!message || !tenantId) return;
  await executeStatement(em, { sql: `select set_config('app.tenant_id', $1, true)`, params: [tenantId] });
  const subscriptions = await executeStatement<{ id: string }[]>(em, {
    sql: `select id from webhooks.subscriptions where $1 = any(event_types)`,
    params: [message.type],
  });
  for (const { id } of subscriptions)
    await executeStatement(
      em,
      {
        sql: `insert into webhooks.deliveries (id, tenant_id, subscription_id, event_id, event_type, payload,
                next_attempt_at)
              values ($1, $2, $3, $4, $5, $6::jsonb, $7) on conflict (subscription_id, event_id) do nothing`,
        params: [uuidv7(), tenantId, id, event.id, message.type, JSON.stringify(message), new Date()],
      },
      'run',
    );
}

/** The webhooks service's consumers: one durable per source subject (a filter is fixed per durable on NATS 2.9). */
export const webhookConsumers = (db: WebhooksDatabase): DomainEventConsumer[] =>
  [EVENT_CONSUMERS.webhooksSessions, EVENT_CONSUMERS.webhooksActivities].map(
    (contract) => new DomainEventConsumer({ ...consumerOf(contract), db, handle: queueDeliveries }),
  );

/** Registers the consumers before any outbox relay starts (relays start at bootstrap), whatever the transport. */
@Injectable()
export class WebhookConsumers implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: WebhooksDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const consumer of webhookConsumers(this.db)) await this.host.register(consumer);
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import { EVENT_CONSUMERS, TenantsEvents, type TypedDomainEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { executeStatement } from '@hearth/persistence';
import { WebhooksDatabase } from '../webhooks-database';
import { ownerOf, webhookMessageOf } from './webhook-payload';

const setting = (em: EntityManager, name: string, value: string) =>
  executeStatement(em, { sql: `select set_config($1, $2, true)`, params: [name, value] });

/**
 * One event of a LERO: a delivery queued for each subscription to the event's type, the LERO's own and its region's,
 * in the transaction that records the event in the inbox. A redelivered event is dropped by the inbox, and
 * `(subscription, event)` is unique besides, so an event is queued once per subscription however often it arrives.
 * A LERO's events also say which region it is in, for its region's subscriptions.
 */
export async function queueDeliveries(em: EntityManager, event: TypedDomainEvent): Promise<void> {
  switch (event.subject) {
    case TenantsEvents.tenantOnboarded:
    case TenantsEvents.tenantUpdated:
    case TenantsEvents.tenantActivated:
    case TenantsEvents.tenantSuspended:
    case TenantsEvents.tenantArchived:
      await executeStatement(
        em,
        {
          sql: `insert into webhooks.leros (tenant_id, region_id) values ($1, $2)
                on conflict (tenant_id) do update set region_id = excluded.region_id`,
          params: [event.data.tenantId, event.data.regionId],
        },
        'run',
      );
      return;
  }
  const message = webhookMessageOf(event);
  const owner = ownerOf(event);
  if (!message || !owner) return;
  if ('regionId' in owner) await setting(em, 'app.region_id', owner.regionId);
  else {
    await setting(em, 'app.tenant_id', owner.tenantId);
    const [lero] = await executeStatement<{ region_id: string }[]>(em, {
      sql: `select region_id from webhooks.leros where tenant_id = $1`,
      params: [owner.tenantId],
    });
    if (lero) await setting(em, 'app.region_id', lero.region_id);
  }
  // The LERO's subscriptions and its region's (or the region's alone): each owner's policy lets its rows through.
  const subscriptions = await executeStatement<
    { id: string; tenant_id: string | null; region_id: string | null }[]
  >(em, {
    sql: `select id, tenant_id, region_id from webhooks.subscriptions where $1 = any(event_types)`,
    params: [message.type],
  });
  for (const s of subscriptions)
    await executeStatement(
      em,
      {
        sql: `insert into webhooks.deliveries (id, tenant_id, region_id, subscription_id, event_id, event_type,
                payload, next_attempt_at)
              values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) on conflict (subscription_id, event_id) do nothing`,
        params: [
          uuidv7(),
          s.tenant_id,
          s.region_id,
          s.id,
          event.id,
          message.type,
          JSON.stringify(message),
          new Date(),
        ],
      },
      'run',
    );
}

/** The webhooks service's consumers: one durable per source subject (a filter is fixed per durable on NATS 2.9). */
export const webhookConsumers = (db: WebhooksDatabase): DomainEventConsumer[] =>
  [
    EVENT_CONSUMERS.webhooksSessions,
    EVENT_CONSUMERS.webhooksScheduled,
    EVENT_CONSUMERS.webhooksActivities,
    EVENT_CONSUMERS.webhooksTenants,
    EVENT_CONSUMERS.webhooksDirectory,
    EVENT_CONSUMERS.webhooksReporting,
  ].map((contract) => new DomainEventConsumer({ ...consumerOf(contract), db, handle: queueDeliveries }));

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

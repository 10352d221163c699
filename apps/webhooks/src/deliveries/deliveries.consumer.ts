import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_CONSUMERS, TenantsEvents, type TypedDomainEvent } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { executeStatement, type SqlLiteral } from '@hearth/persistence';
import { WebhooksDatabase } from '../webhooks-database';
import { ownerOf, webhookMessageOf } from './webhook-payload';
import { learnRegion, queueFor, regionForMessage, type Run } from './lero-regions';

const setting = (em: EntityManager, name: string, value: string) =>
  executeStatement(em, { sql: `select set_config($1, $2, true)`, params: [name, value] });

/** The consumer's transaction as `lero-regions`' statements run in it. */
const runIn =
  (em: EntityManager): Run =>
  <R>(sql: string, params: SqlLiteral[]) =>
    executeStatement<R[]>(em, { sql, params });

/**
 * One event: a delivery queued for each subscription to the message's type — a LERO's event to the LERO's own and
 * its region's, a region's event (a listing, a release) to the region's — in the transaction that records the event
 * in the inbox. A redelivered event is dropped by the inbox, and `(subscription, event)` is unique besides, so an
 * event is queued once per subscription however often it arrives. A LERO's tenants events say which region it is in;
 * a message of a LERO whose region is not known yet is kept for the region until it is (ADR 0082).
 */
export async function queueDeliveries(em: EntityManager, event: TypedDomainEvent): Promise<void> {
  const run = runIn(em);
  switch (event.subject) {
    case TenantsEvents.tenantOnboarded:
    case TenantsEvents.tenantUpdated:
    case TenantsEvents.tenantActivated:
    case TenantsEvents.tenantSuspended:
    case TenantsEvents.tenantArchived:
      await setting(em, 'app.region_id', event.data.regionId);
      await learnRegion(run, event.data.tenantId, event.data.regionId);
      return;
  }
  const message = webhookMessageOf(event);
  const owner = ownerOf(event);
  if (!message || !owner) return;
  if ('regionId' in owner) await setting(em, 'app.region_id', owner.regionId);
  else {
    await setting(em, 'app.tenant_id', owner.tenantId);
    const regionId = await regionForMessage(run, owner.tenantId, event.id, message);
    if (regionId) await setting(em, 'app.region_id', regionId);
  }
  // The LERO's subscriptions and its region's (or the region's alone): each owner's policy lets its rows through.
  const subscriptions = await run<{ id: string; tenant_id: string | null; region_id: string | null }>(
    `select id, tenant_id, region_id from webhooks.subscriptions where $1 = any(event_types)`,
    [message.type],
  );
  await queueFor(run, subscriptions, event.id, message);
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

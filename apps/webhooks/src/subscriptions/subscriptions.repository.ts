import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus, WebhookEventType } from '@hearth/contracts';
import type { SqlLiteral } from '@hearth/persistence';
import type { Owner } from '../webhooks-access';
import { WebhooksDatabase } from '../webhooks-database';

export interface SubscriptionRow {
  id: string;
  tenant_id: string | null;
  region_id: string | null;
  url: string;
  event_types: WebhookEventType[];
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: WebhookEventType;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface DeliveryFilter {
  subscriptionId?: string;
  status?: WebhookDeliveryStatus;
  before?: string;
  limit: number;
}

/** A LERO's or a region's subscriptions and their delivery log, always under its owner's row-level security. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly db: WebhooksDatabase) {}

  private read<R>(owner: Owner, sql: string, params: SqlLiteral[] = []): Promise<R[]> {
    const { tenantId, regionId } = owner;
    if (tenantId) return this.db.readInTenant<R>(tenantId, sql, params);
    if (regionId) return this.db.readInRegion<R>(regionId, sql, params);
    throw new Error('A webhooks query was attempted without its owner.');
  }

  async create(
    owner: Owner,
    row: Omit<SubscriptionRow, 'tenant_id' | 'region_id' | 'created_at'>,
  ): Promise<SubscriptionRow> {
    const rows = await this.read<SubscriptionRow>(
      owner,
      `insert into webhooks.subscriptions (id, tenant_id, region_id, url, event_types, description, secret)
       values ($1, $2, $3, $4, $5::text[], $6, $7) returning *`,
      [
        row.id,
        owner.tenantId ?? null,
        owner.regionId ?? null,
        row.url,
        `{${row.event_types.join(',')}}`,
        row.description,
        row.secret,
      ],
    );
    return rows[0];
  }

  list(owner: Owner): Promise<SubscriptionRow[]> {
    return this.read<SubscriptionRow>(owner, `select * from webhooks.subscriptions order by created_at, id`);
  }

  async remove(owner: Owner, id: string): Promise<boolean> {
    const rows = await this.read<{ id: string }>(
      owner,
      `delete from webhooks.subscriptions where id = $1 returning id`,
      [id],
    );
    return rows.length > 0;
  }

  /** The new secret signs from now; the current one beside it until `until`. */
  async rotate(owner: Owner, id: string, secret: string, until: Date): Promise<SubscriptionRow | null> {
    const rows = await this.read<SubscriptionRow>(
      owner,
      `update webhooks.subscriptions set previous_secret = secret, previous_secret_until = $3, secret = $2
        where id = $1 returning *`,
      [id, secret, until],
    );
    return rows[0] ?? null;
  }

  /** Newest first; `before` is the id after which the page goes on (UUIDv7 ids follow creation). */
  deliveries(owner: Owner, f: DeliveryFilter): Promise<DeliveryRow[]> {
    return this.read<DeliveryRow>(
      owner,
      `select id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_status_code,
              last_error, delivered_at, created_at
         from webhooks.deliveries
        where ($1::uuid is null or subscription_id = $1::uuid) and ($2::text is null or status = $2::text)
          and ($3::uuid is null or id < $3::uuid)
        order by id desc limit $4`,
      [f.subscriptionId ?? null, f.status ?? null, f.before ?? null, f.limit + 1],
    );
  }

  /**
   * Sends a delivery again from its first attempt (same `webhook-id`, so a receiver that has it drops it); never
   * while a dispatcher holds it for an attempt (its lease not yet over): null then, as for a missing one.
   */
  async replay(owner: Owner, id: string, now: Date): Promise<DeliveryRow | null> {
    const rows = await this.read<DeliveryRow>(
      owner,
      `update webhooks.deliveries
          set status = 'pending', next_attempt_at = $2, first_attempt_at = null, tries = 0, lease_until = null
        where id = $1 and (lease_until is null or lease_until < $2)
        returning id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_status_code,
                  last_error, delivered_at, created_at`,
      [id, now],
    );
    return rows[0] ?? null;
  }

  /** Whether a dispatcher holds the delivery for an attempt at `now`. */
  async leased(owner: Owner, id: string, now: Date): Promise<boolean> {
    const rows = await this.read<{ id: string }>(
      owner,
      `select id from webhooks.deliveries where id = $1 and lease_until >= $2`,
      [id, now],
    );
    return rows.length > 0;
  }
}

import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql, tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql } from '@hearth/messaging';

/** A row of a LERO (`tenant_id`) or of a region (`region_id`), never both. */
const OWNER = `tenant_id uuid, region_id uuid, check (num_nonnulls(tenant_id, region_id) = 1)`;

/**
 * Both owners' policies (permissive, so OR-ed), and one more for the dispatcher alone: it sets
 * `app.webhooks_dispatch` in its own transactions to claim due deliveries of every owner (no request path sets it).
 */
const ownedRlsSql = (table: string) => [
  ...tenantRlsSql(table),
  ...regionRlsSql(table),
  `create policy dispatcher on ${table} using (current_setting('app.webhooks_dispatch', true) = 'on')`,
];

/**
 * The webhooks schema (ADR 0079): `subscriptions` (a receiver's address, its event types and its signing secrets)
 * and `deliveries`, both the queue of messages to send and their log; `leros`, each LERO's region. Plus the outbox, inbox and dead letters.
 */
export class MigrationWebhooksInit extends Migration {
  override name = '20261205-webhooks-init';

  up(): void {
    const sql = [
      `create table webhooks.subscriptions (
        id uuid primary key, ${OWNER},
        url text not null, event_types text[] not null, description text,
        secret text not null, previous_secret text, previous_secret_until timestamptz,
        created_at timestamptz not null default now())`,
      `create index subscriptions_tenant_idx on webhooks.subscriptions (tenant_id) where tenant_id is not null`,
      `create index subscriptions_region_idx on webhooks.subscriptions (region_id) where region_id is not null`,
      ...ownedRlsSql('webhooks.subscriptions'),
      `create table webhooks.deliveries (
        id uuid primary key, ${OWNER},
        subscription_id uuid not null references webhooks.subscriptions (id) on delete cascade,
        event_id uuid not null, event_type text not null, payload jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts int not null default 0, tries int not null default 0, first_attempt_at timestamptz,
        next_attempt_at timestamptz, lease_until timestamptz,
        last_status_code int, last_error text, delivered_at timestamptz,
        created_at timestamptz not null default now(),
        unique (subscription_id, event_id))`,
      `create index deliveries_due_idx on webhooks.deliveries (next_attempt_at) where status = 'pending'`,
      `create index deliveries_log_idx on webhooks.deliveries (subscription_id, created_at desc, id desc)`,
      `create index deliveries_tenant_idx on webhooks.deliveries (tenant_id, created_at desc, id desc)
         where tenant_id is not null`,
      ...ownedRlsSql('webhooks.deliveries'),
      // Which region each LERO is in (from evt.tenants.tenant.*): ids only, plumbing like the outbox, no RLS.
      `create table webhooks.leros (tenant_id uuid primary key, region_id uuid not null)`,
      ...messagingTablesSql('webhooks'),
      ...messagingDeliverySql('webhooks'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

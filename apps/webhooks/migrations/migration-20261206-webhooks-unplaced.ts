import { Migration } from '@mikro-orm/migrations';

/**
 * ADR 0082: a LERO's public messages that came before the service knew the LERO's region, kept until it does (from
 * the LERO's tenants event, or from asking the tenants service when a region's admin subscribes), then queued to the
 * region's subscriptions. Ids and the message only (what would have been sent); plumbing like `leros`, no RLS.
 */
export class MigrationWebhooksUnplaced extends Migration {
  override name = '20261206-webhooks-unplaced';

  up(): void {
    this.addSql(`create table webhooks.unplaced_messages (
      tenant_id uuid not null, event_id uuid not null, event_type text not null, payload jsonb not null,
      created_at timestamptz not null default now(), primary key (tenant_id, event_id))`);
    this.addSql(`create index unplaced_messages_age_idx on webhooks.unplaced_messages (created_at)`);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;
const CURRENT_REGION = `(select nullif(current_setting('app.region_id', true), '')::uuid)`;

/**
 * The region's OpenActive feed (ADR 0078). `openactive_leros`: what events knows of each LERO from the tenants
 * service's events (region, name, status, its choice, its public email), the newest event winning.
 * `openactive_items`: every item the feed ever carried, with its RPDE `modified` from one sequence, taken while
 * holding one lock until commit so values commit in order. Written in the LERO's transaction (its RLS); read by
 * region (a second, read-only policy on `app.region_id`).
 */
export class MigrationEventsOpenActive extends Migration {
  override name = '20261220-events-openactive';

  up(): void {
    const sql = [
      `create table events.openactive_leros (
        tenant_id uuid primary key, region_id uuid not null, name text not null, slug text not null,
        status text not null,
        publish boolean not null, public_email text,
        occurred_at timestamptz not null, event_id uuid not null)`,
      ...tenantRlsSql('events.openactive_leros'),
      `create sequence events.openactive_modified`,
      `create table events.openactive_items (
        kind text not null check (kind in ('SessionSeries','ScheduledSession')),
        id uuid not null, tenant_id uuid not null, activity_id uuid not null, region_id uuid not null,
        modified bigint not null, state text not null check (state in ('updated','deleted')),
        data jsonb, primary key (kind, id),
        check ((state = 'updated') = (data is not null)))`,
      `create index openactive_items_feed on events.openactive_items (region_id, kind, modified, id)`,
      `create index openactive_items_activity on events.openactive_items (tenant_id, activity_id)`,
      `alter table events.openactive_items enable row level security`,
      `alter table events.openactive_items force row level security`,
      `create policy tenant_isolation on events.openactive_items
        using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
      `create policy region_read on events.openactive_items for select using (region_id = ${CURRENT_REGION})`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

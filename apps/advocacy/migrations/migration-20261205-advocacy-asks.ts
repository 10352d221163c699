import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql, tenantRlsSql } from '@hearth/persistence';

/** A row of a LERO (`tenant_id`) or of a region (`region_id`), never both, as consultations (ADR 0062). */
const OWNER = `tenant_id uuid, region_id uuid, check (num_nonnulls(tenant_id, region_id) = 1)`;

/** Both policies, permissive and so OR-ed: a LERO's transaction sees its rows, a region's its own, neither others'. */
const ownedRlsSql = (table: string) => [...tenantRlsSql(table), ...regionRlsSql(table)];

/**
 * "You said, we did" (ADR 0065): `asks` (what was asked, of which body, where it came from, when, public or not, and
 * its current status, the latest update's) and `ask_updates`, the dated timeline of each. Owned like consultations so
 * that a region's asks can come later without a new shape; today only LEROs write them.
 */
export class MigrationAdvocacyAsks extends Migration {
  override name = '20261205-advocacy-asks';

  up(): void {
    const sql = [
      `create table advocacy.asks (
        id uuid primary key, ${OWNER},
        what text not null, body_name text not null, body_kind text not null,
        source text not null, consultation_id uuid references advocacy.consultations (id),
        raised_on date not null, public boolean not null default false,
        status text not null default 'raised',
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        check (consultation_id is null or source = 'consultation'))`,
      `create index asks_tenant_idx on advocacy.asks (tenant_id, id) where tenant_id is not null`,
      `create index asks_tenant_public_idx on advocacy.asks (tenant_id, raised_on) where public`,
      `create index asks_region_idx on advocacy.asks (region_id, id) where region_id is not null`,
      ...ownedRlsSql('advocacy.asks'),
      `create table advocacy.ask_updates (
        id uuid primary key, ask_id uuid not null references advocacy.asks (id), ${OWNER},
        status text not null, on_date date not null, text text, reason text,
        created_at timestamptz not null default now(),
        check ((status = 'declined') = (reason is not null)))`,
      `create index ask_updates_ask_idx on advocacy.ask_updates (ask_id, id)`,
      ...ownedRlsSql('advocacy.ask_updates'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

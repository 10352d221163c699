import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * The representation log (ADR 0069): a LERO's `seats` (body, role, since, until) and the `meetings` it attended (at a
 * seat or another body, on a date, by whoever chose to be named how), with `meeting_asks`, the same LERO's asks raised
 * or followed up there. A LERO's rows only (no region owns a seat), under the tenant policy. `meetings.version` grows
 * with every event of a meeting, for reporting's order-independent projection. No member id anywhere.
 */
export class MigrationAdvocacyRepresentation extends Migration {
  override name = '20261206-advocacy-representation';

  up(): void {
    const sql = [
      `create table advocacy.seats (
        id uuid primary key, tenant_id uuid not null,
        body_name text not null, body_kind text not null, role text not null,
        since date not null, until date,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        check (until is null or until >= since))`,
      `create index seats_tenant_idx on advocacy.seats (tenant_id, id)`,
      ...tenantRlsSql('advocacy.seats'),
      `create table advocacy.meetings (
        id uuid primary key, tenant_id uuid not null,
        seat_id uuid references advocacy.seats (id) on delete set null,
        body_name text not null, body_kind text not null, on_date date not null,
        represented_by text not null, outcome text, version integer not null default 1,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index meetings_tenant_date_idx on advocacy.meetings (tenant_id, on_date desc, id desc)`,
      `create index meetings_seat_idx on advocacy.meetings (seat_id) where seat_id is not null`,
      ...tenantRlsSql('advocacy.meetings'),
      `create table advocacy.meeting_asks (
        meeting_id uuid not null references advocacy.meetings (id) on delete cascade,
        ask_id uuid not null references advocacy.asks (id), tenant_id uuid not null,
        primary key (meeting_id, ask_id))`,
      `create index meeting_asks_ask_idx on advocacy.meeting_asks (ask_id)`,
      ...tenantRlsSql('advocacy.meeting_asks'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

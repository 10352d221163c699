import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Volunteers' hours (ADR 0054): an entry proposed from a confirmed sign-up once its shift occurrence has ended (at
 * most one per sign-up: the partial unique index makes proposing idempotent), or logged by hand; approved (with the
 * minutes that count), declined (with a reason) or pending. `version` grows with every change, as in the events.
 * The description is short free text; nothing else of the person. The LERO's, under forced row-level security.
 */
export class MigrationVolunteeringHours extends Migration {
  override name = '20261221-volunteering-hours';

  up(): void {
    const sql = [
      `create table volunteering.hours_entries (
        id uuid primary key, tenant_id uuid not null, member_id uuid not null,
        role_id uuid not null references volunteering.roles (id),
        source text not null check (source in ('shift', 'logged')),
        shift_id uuid references volunteering.shifts (id),
        signup_id uuid references volunteering.signups (id),
        date date not null,
        minutes integer not null check (minutes between 1 and 1440),
        approved_minutes integer check (approved_minutes between 1 and 1440),
        status text not null check (status in ('pending', 'approved', 'declined')),
        description text check (char_length(description) <= 200),
        decline_reason text check (char_length(decline_reason) <= 500),
        logged_by uuid, decided_by uuid, decided_at timestamptz,
        version integer not null default 1 check (version >= 1),
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        check ((status = 'approved') = (approved_minutes is not null)),
        check ((status = 'declined') = (decline_reason is not null)),
        check ((source = 'shift') = (signup_id is not null)))`,
      `create unique index hours_entries_signup_idx on volunteering.hours_entries (tenant_id, signup_id)
        where signup_id is not null`,
      `create index hours_entries_status_idx on volunteering.hours_entries (tenant_id, status, id)`,
      `create index hours_entries_member_idx on volunteering.hours_entries (tenant_id, member_id, id)`,
      ...tenantRlsSql('volunteering.hours_entries'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

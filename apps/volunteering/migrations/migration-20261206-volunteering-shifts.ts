import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Shifts of volunteering roles (ADR 0051): a one-off or a recurring schedule, kept as its rule and expanded on read
 * for the rota. `first_starts_at` and `last_starts_at` (null: no end) let a week's rota read only the shifts that can
 * fall in it. The LERO's, under forced row-level security.
 */
export class MigrationVolunteeringShifts extends Migration {
  override name = '20261206-volunteering-shifts';

  up(): void {
    const sql = [
      `create table volunteering.shifts (
        id uuid primary key, tenant_id uuid not null,
        role_id uuid not null references volunteering.roles (id),
        starts_at_local text not null,
        duration_minutes integer not null check (duration_minutes between 1 and 1440),
        timezone text not null, rrule text, place text,
        capacity integer not null check (capacity between 1 and 500),
        session_id uuid,
        status text not null check (status in ('scheduled', 'cancelled')),
        cancel_reason text, cancelled_at timestamptz,
        first_starts_at timestamptz not null, last_starts_at timestamptz,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index shifts_role_idx on volunteering.shifts (tenant_id, role_id, id)`,
      `create index shifts_span_idx on volunteering.shifts (tenant_id, first_starts_at, last_starts_at)`,
      ...tenantRlsSql('volunteering.shifts'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Sign-ups to shifts (ADR 0052). An occurrence of a shift gets its row when someone first signs up to it (ADR 0051):
 * the row sign-ups hang on and the row locked while places are counted. A sign-up is confirmed, waitlisted or
 * cancelled (kept, with `late` recorded without blame); a member holds at most one live sign-up per occurrence.
 * `member_id` is nulled when the member is erased: the place still counts, nobody is named. Both the LERO's, under
 * forced row-level security.
 */
export class MigrationVolunteeringSignups extends Migration {
  override name = '20261207-volunteering-signups';

  up(): void {
    const sql = [
      `create table volunteering.shift_occurrences (
        id uuid primary key, tenant_id uuid not null,
        shift_id uuid not null references volunteering.shifts (id),
        starts_at timestamptz not null, local_date date not null,
        created_at timestamptz not null default now(),
        unique (tenant_id, shift_id, starts_at))`,
      `create index shift_occurrences_week_idx on volunteering.shift_occurrences (tenant_id, starts_at)`,
      `create table volunteering.signups (
        id uuid primary key, tenant_id uuid not null,
        occurrence_id uuid not null references volunteering.shift_occurrences (id),
        member_id uuid,
        status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
        late boolean not null default false,
        created_at timestamptz not null default now(), cancelled_at timestamptz)`,
      `create unique index signups_live_idx on volunteering.signups (tenant_id, occurrence_id, member_id)
        where status <> 'cancelled'`,
      `create index signups_occurrence_idx on volunteering.signups (tenant_id, occurrence_id, status, id)`,
      `create index signups_member_idx on volunteering.signups (tenant_id, member_id)`,
      ...tenantRlsSql('volunteering.shift_occurrences'),
      ...tenantRlsSql('volunteering.signups'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Members' interest in volunteering roles (ADR 0063): who said "I'm interested" in which role, with perhaps a short
 * note, until a coordinator follows it up (`closed` with an outcome). At most one open interest per person and role
 * (the partial unique index makes expressing idempotent); a withdrawn interest is deleted. The LERO's, under forced
 * row-level security.
 */
export class MigrationVolunteeringRoleInterests extends Migration {
  override name = '20261223-volunteering-role-interests';

  up(): void {
    const sql = [
      `create table volunteering.role_interests (
        id uuid primary key, tenant_id uuid not null, member_id uuid not null,
        role_id uuid not null references volunteering.roles (id),
        note text check (char_length(note) <= 300),
        status text not null check (status in ('open', 'closed')),
        outcome text check (outcome in ('became-volunteer', 'not-now')),
        closed_by uuid, closed_at timestamptz,
        version integer not null default 1 check (version >= 1),
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        check ((status = 'closed') = (outcome is not null)),
        check ((status = 'closed') = (closed_at is not null)))`,
      `create unique index role_interests_open_idx on volunteering.role_interests (tenant_id, role_id, member_id)
        where status = 'open'`,
      `create index role_interests_role_idx on volunteering.role_interests (tenant_id, role_id, id)`,
      `create index role_interests_member_idx on volunteering.role_interests (tenant_id, member_id, id)`,
      ...tenantRlsSql('volunteering.role_interests'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Who is a volunteer (ADR 0050): the LERO's members as membership's events tell them — ids, whether their community
 * roles include `volunteer`, and whether they are active — each part with the version (time, event id) of the
 * event that set it, so the newest wins in any arrival order. An erased member's row is deleted and a one-way key
 * of the id is kept instead, so a late event cannot bring the id back. Both tables are the LERO's (forced RLS).
 */
export class MigrationVolunteeringMembers extends Migration {
  override name = '20261205-volunteering-members';

  up(): void {
    const sql = [
      `create table volunteering.members (
        tenant_id uuid not null, member_id uuid not null,
        volunteer boolean not null, roles_at timestamptz not null, roles_event uuid not null,
        status text check (status in ('active', 'left')), status_at timestamptz, status_event uuid,
        primary key (tenant_id, member_id),
        check ((status is null) = (status_at is null) and (status is null) = (status_event is null)))`,
      `create index members_volunteers_idx on volunteering.members (tenant_id, member_id)
        where volunteer and status = 'active'`,
      ...tenantRlsSql('volunteering.members'),
      `create table volunteering.erased_members (
        tenant_id uuid not null, member_key text not null, primary key (tenant_id, member_key))`,
      ...tenantRlsSql('volunteering.erased_members'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

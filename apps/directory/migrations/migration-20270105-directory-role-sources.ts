import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * What the directory knows of LEROs' volunteering roles from their domain events (ADR 0058), the sources of the
 * services it lists for open public ones. Owned by the LERO (its RLS), as `activity_sources` is: a role's event may
 * come before its LERO's. `listing` is null unless the role is public; `published` is what its listing was last
 * written as. Not read by the feed (it reads the services made from it).
 */
export class MigrationDirectoryRoleSources extends Migration {
  override name = '20270105-directory-role-sources';

  up(): void {
    const sql = [
      `create table directory.role_sources (id uuid primary key, tenant_id uuid not null,
        status text not null check (status in ('open', 'closed')), listing jsonb,
        occurred_at timestamptz not null, event_id uuid not null, published jsonb)`,
      `create index role_sources_tenant_idx on directory.role_sources (tenant_id, id)`,
      ...tenantRlsSql('directory.role_sources'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

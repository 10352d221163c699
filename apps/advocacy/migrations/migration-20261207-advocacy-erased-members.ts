import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * The members erased in a LERO (ADR 0066): a one-way key of each id, never the id, so that a piece contributed after
 * the erasure (a request in flight, an access token still valid for a minute) is refused instead of bringing the id
 * back. The LERO's rows (forced RLS), as in events, volunteering and tenants.
 */
export class MigrationAdvocacyErasedMembers extends Migration {
  override name = '20261207-advocacy-erased-members';

  up(): void {
    const sql = [
      `create table advocacy.erased_members (
        tenant_id uuid not null, member_key text not null, primary key (tenant_id, member_key))`,
      ...tenantRlsSql('advocacy.erased_members'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * What events knows of a LERO's members: id and status only (never a name), kept from membership's domain
 * events. A check-in trusts an `active` row; anything else asks membership, which decides.
 */
export class MigrationEventsMemberStatus extends Migration {
  override name = '20261128-events-member-status';

  up(): void {
    const sql = [
      `create table events.member_status (
        member_id uuid primary key, tenant_id uuid not null,
        status text not null check (status in ('active','left','erased')),
        changed_at timestamptz not null default now())`,
      ...tenantRlsSql('events.member_status'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

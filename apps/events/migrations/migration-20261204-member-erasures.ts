import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Erasure keeps no member id (ADR 0018). An erased member's status row, which kept the id so that a late join
 * could not bring it back, becomes a tombstone under a one-way key of the id; the status table then holds
 * only members who can be checked in or have left.
 */
export class MigrationEventsMemberErasures extends Migration {
  override name = '20261204-events-member-erasures';

  up(): void {
    const sql = [
      `create table events.erased_members (
        tenant_id uuid not null, member_key text not null, primary key (tenant_id, member_key))`,
      // The owner moves the rows with forced RLS lifted for the moment (a non-superuser owner sees none else).
      `alter table events.member_status no force row level security`,
      `insert into events.erased_members (tenant_id, member_key)
        select tenant_id, encode(sha256(convert_to(
            'hearth/events/erased-member/' || tenant_id::text || '/' || member_id::text, 'UTF8')), 'hex')
          from events.member_status where status = 'erased'
        on conflict do nothing`,
      `delete from events.member_status where status = 'erased'`,
      `alter table events.member_status force row level security`,
      `alter table events.member_status drop constraint member_status_status_check`,
      `alter table events.member_status add constraint member_status_status_check
        check (status in ('active','left'))`,
      ...tenantRlsSql('events.erased_members'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

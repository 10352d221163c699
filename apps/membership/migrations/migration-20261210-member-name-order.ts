import { Migration } from '@mikro-orm/migrations';

/** The members list sorted by name (ignoring case), page by page inside one LERO (ADR 0031). */
export class MigrationMembershipNameOrder extends Migration {
  override name = '20261210-membership-name-order';

  up(): void {
    this.addSql(
      `create index if not exists members_name_order_idx on membership.members (tenant_id, lower(display_name), id)`,
    );
  }
}

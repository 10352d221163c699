import { Migration } from '@mikro-orm/migrations';
import { retentionRlsSql } from '@hearth/persistence';
import { messagingDeliverySql } from '@hearth/messaging';

/**
 * Delivery that survives outages, and a retention schedule (issue 12): see `messagingDeliverySql`.
 * Old audit entries, and members who left long ago, can be found across LEROs by the pruning job (ADR 0016).
 */
export class MigrationMembershipDelivery extends Migration {
  override name = '20261204-membership-delivery';

  up(): void {
    const sql = [
      ...messagingDeliverySql('membership'),
      ...retentionRlsSql('membership.audit_entries', ['select', 'delete']),
      // The job finds members who left long ago across LEROs; it erases each in that LERO's own transaction.
      ...retentionRlsSql('membership.members', ['select']),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

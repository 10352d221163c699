import { Migration } from '@mikro-orm/migrations';
import { retentionRlsSql } from '@hearth/persistence';
import { messagingDeliverySql } from '@hearth/messaging';

/**
 * Delivery that survives outages, and a retention schedule (issue 12): see `messagingDeliverySql`.
 * Audit entries older than their period can be pruned across LEROs by the pruning job (ADR 0016).
 */
export class MigrationTenantsDelivery extends Migration {
  override name = '20261204-tenants-delivery';

  up(): void {
    const sql = [
      ...messagingDeliverySql('tenants'),
      ...retentionRlsSql('tenants.audit_entries', ['select', 'delete']),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

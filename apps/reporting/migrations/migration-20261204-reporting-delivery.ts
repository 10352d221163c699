import { Migration } from '@mikro-orm/migrations';
import { messagingDeliverySql } from '@hearth/messaging';

/**
 * Delivery that survives outages, and a retention schedule (issue 12): see `messagingDeliverySql`.
 */
export class MigrationReportingDelivery extends Migration {
  override name = '20261204-reporting-delivery';

  up(): void {
    const sql = [...messagingDeliverySql('reporting')];
    for (const statement of sql) this.addSql(statement);
  }
}

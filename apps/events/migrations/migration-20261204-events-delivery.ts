import { Migration } from '@mikro-orm/migrations';
import { messagingDeliverySql } from '@hearth/messaging';

/**
 * Delivery that survives outages, and a retention schedule (issue 12): see `messagingDeliverySql`.
 */
export class MigrationEventsDelivery extends Migration {
  override name = '20261204-events-delivery';

  up(): void {
    const sql = [...messagingDeliverySql('events')];
    for (const statement of sql) this.addSql(statement);
  }
}

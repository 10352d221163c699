import { Migration } from '@mikro-orm/migrations';
import { outboxTraceSql } from '@hearth/messaging';

/** Traces (issue 20, ADR 0087): an outbox row keeps the trace context of the work that wrote it. */
export class MigrationTenantsTraces extends Migration {
  override name = '20270110-tenants-traces';

  up(): void {
    for (const statement of outboxTraceSql('tenants')) this.addSql(statement);
  }
}

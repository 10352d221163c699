import { Migration } from '@mikro-orm/migrations';
import { outboxTraceSql } from '@hearth/messaging';

/** Traces (issue 20, ADR 0087): an outbox row keeps the trace context of the work that wrote it. */
export class MigrationEventsTraces extends Migration {
  override name = '20270110-events-traces';

  up(): void {
    for (const statement of outboxTraceSql('events')) this.addSql(statement);
  }
}

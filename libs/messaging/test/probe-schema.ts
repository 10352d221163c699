import { Migration } from '@mikro-orm/migrations';
import type { ServiceSchema } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql, outboxTraceSql } from '../src/messaging-tables.sql';
import { OutboxMessage } from '../src/outbox.entity';

/** A service schema of a test's own with the messaging tables (as every service's migrations make them), and `extra`. */
export function probeSchema(name = 'probe', extra: string[] = []): ServiceSchema {
  class ProbeInit extends Migration {
    override name = `${name}-init`;

    up(): void {
      for (const sql of [
        ...messagingTablesSql(name),
        ...messagingDeliverySql(name),
        ...outboxTraceSql(name),
        ...extra,
      ])
        this.addSql(sql);
    }
  }
  return { schema: name, entities: [OutboxMessage], migrations: [ProbeInit] };
}

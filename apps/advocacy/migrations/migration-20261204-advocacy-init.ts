import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql } from '@hearth/messaging';

/**
 * The advocacy schema: the outbox, inbox and dead letters every service keeps (as they are today), and `examples`,
 * a LERO's rows under row-level security to show the pattern. Replace it with the service's first real table
 * (and its rows in test/row-level-security.int-spec.ts) before the first release; after that, only add migrations.
 */
export class MigrationAdvocacyInit extends Migration {
  override name = '20261204-advocacy-init';

  up(): void {
    const sql = [
      `create table advocacy.examples (
        id uuid primary key, tenant_id uuid not null, label text not null,
        created_at timestamptz not null default now())`,
      `create index examples_tenant_idx on advocacy.examples (tenant_id, id)`,
      ...tenantRlsSql('advocacy.examples'),
      ...messagingTablesSql('advocacy'),
      ...messagingDeliverySql('advocacy'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql } from '@hearth/messaging';

/**
 * The webhooks schema: the outbox, inbox and dead letters every service keeps (as they are today), and `examples`,
 * a LERO's rows under row-level security to show the pattern. Replace it with the service's first real table
 * (and its rows in test/row-level-security.int-spec.ts) before the first release; after that, only add migrations.
 */
export class MigrationWebhooksInit extends Migration {
  override name = '20261205-webhooks-init';

  up(): void {
    const sql = [
      `create table webhooks.examples (
        id uuid primary key, tenant_id uuid not null, label text not null,
        created_at timestamptz not null default now())`,
      `create index examples_tenant_idx on webhooks.examples (tenant_id, id)`,
      ...tenantRlsSql('webhooks.examples'),
      ...messagingTablesSql('webhooks'),
      ...messagingDeliverySql('webhooks'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Signposts are counted once each, by their random id, whatever is redelivered or replayed (the inbox forgets
 * event ids after its retention period; this never does). The id alone: no day, no category, nothing else.
 */
export class MigrationReportingSignposts extends Migration {
  override name = '20261215-reporting-signposts';

  up(): void {
    const sql = [
      `create table reporting.counted_signposts (
        tenant_id uuid not null, signpost_id uuid not null, primary key (tenant_id, signpost_id))`,
      ...tenantRlsSql('reporting.counted_signposts'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

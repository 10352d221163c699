import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Prepared figures (ADR 0089): each LERO's generation of figures, bumped in every projection transaction of the
 * LERO, so a kept answer computed at one generation is served only while no later change has committed.
 */
export class MigrationReportingFigureGenerations extends Migration {
  override name = '20270120-reporting-figure-generations';

  up(): void {
    const sql = [
      `create table reporting.figure_generations (
        tenant_id uuid primary key, generation bigint not null check (generation >= 1))`,
      ...tenantRlsSql('reporting.figure_generations'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

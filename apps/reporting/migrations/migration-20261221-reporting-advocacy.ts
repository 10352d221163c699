import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Advocacy's figures (ADR 0069): each meeting as the highest version seen says it counts (its day; none once
 * removed), and each ask's raising day and the first day it was resolved (done or partly done), so that repeated and
 * out-of-order events change the day counts only by their difference. No person, no text.
 */
export class MigrationReportingAdvocacy extends Migration {
  override name = '20261221-reporting-advocacy';

  up(): void {
    const sql = [
      `create table reporting.advocacy_meetings (
        tenant_id uuid not null, meeting_id uuid not null, version int not null check (version >= 1), day date,
        primary key (tenant_id, meeting_id))`,
      ...tenantRlsSql('reporting.advocacy_meetings'),
      `create table reporting.advocacy_asks (
        tenant_id uuid not null, ask_id uuid not null, raised_on date, resolved_on date,
        primary key (tenant_id, ask_id))`,
      ...tenantRlsSql('reporting.advocacy_asks'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Volunteer hours (ADR 0057): each hours entry as the highest version seen says it counts — its day, its approved
 * minutes (0 once withdrawn) and the volunteer's pseudonymous member key (never the member id; null once an
 * erasure's link is forgotten) — so a change applies only its difference to the day's minutes and the month's
 * active volunteers, in any arrival order.
 */
export class MigrationReportingVolunteerHours extends Migration {
  override name = '20261220-reporting-volunteer-hours';

  up(): void {
    const sql = [
      `create table reporting.volunteer_hours (
        tenant_id uuid not null, entry_id uuid not null, version int not null check (version >= 1),
        member_key text, day date not null, minutes int not null check (minutes >= 0),
        primary key (tenant_id, entry_id))`,
      `create index volunteer_hours_key_idx on reporting.volunteer_hours (tenant_id, member_key)`,
      ...tenantRlsSql('reporting.volunteer_hours'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * An activity's life (ADR 0032): `active`, `paused` (no sessions still to come until it is resumed) or `ended`
 * (none still to come, ever), and when that last changed. Every activity there is was active.
 */
export class MigrationEventsActivityStatus extends Migration {
  override name = '20261212-events-activity-status';

  up(): void {
    this.addSql(
      `alter table events.activities
        add column status text not null default 'active' check (status in ('active', 'paused', 'ended')),
        add column status_changed_at timestamptz`,
    );
  }
}

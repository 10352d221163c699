import { Migration } from '@mikro-orm/migrations';

/**
 * A session's named check-ins as a counter on the session row, kept by check-ins and their removal under the
 * session's lock: a tick at the door no longer counts the register (O(1), not O(people already in)).
 */
export class MigrationEventsSessionAttended extends Migration {
  override name = '20261128-events-session-attended';

  up(): void {
    this.addSql(
      `alter table events.sessions add column attended int not null default 0 check (attended >= 0)`,
    );
    this.addSql(`update events.sessions s set attended = (
        select count(*) from events.attendance a where a.session_id = s.id)
      where exists (select 1 from events.attendance a where a.session_id = s.id)`);
  }
}

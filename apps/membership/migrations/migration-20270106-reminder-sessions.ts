import { Migration } from '@mikro-orm/migrations';

/**
 * Which session each queued reminder is of (ADR 0081): a side table of membership's mail queue (whose shape is
 * shared by every emailing service), so a cancelled or moved session, or a member's cancelled place, withdraws
 * the reminder still waiting. Its rows go with their email (cascade), and are checked at commit, so a reminder and
 * its row can be written in either order in one transaction. No RLS, like the queue it belongs to.
 */
export class MigrationMembershipReminderSessions extends Migration {
  override name = '20270106-membership-reminder-sessions';

  up(): void {
    const sql = [
      `create table membership.reminder_sessions (
        mail_id uuid primary key references membership.mail_queue (id) on delete cascade
          deferrable initially deferred,
        tenant_id uuid not null, session_id uuid not null, member_id uuid not null)`,
      `create index reminder_sessions_session_idx on membership.reminder_sessions (session_id, member_id)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

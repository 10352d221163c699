import { Migration } from '@mikro-orm/migrations';

/**
 * Which session each queued reminder is of (ADR 0081), so a cancelled or moved session, or a member's cancelled
 * place, withdraws the reminder still waiting: `reminder_sessions`, a side table of membership's mail queue (whose
 * shape every emailing service shares); its rows go with their email (cascade) and are checked at commit, so a
 * reminder and its row are written in either order in one transaction. `reminder_marks` keeps, per session (and
 * member, for a cancelled place; the nil id for the whole session), when it was last announced and last withdrawn,
 * so the events that do both are handled right in any order of arrival. No RLS, like the queue.
 */
export class MigrationMembershipReminderSessions extends Migration {
  override name = '20270106-membership-reminder-sessions';

  up(): void {
    const sql = [
      `create table membership.reminder_sessions (
        mail_id uuid primary key references membership.mail_queue (id) on delete cascade
          deferrable initially deferred,
        tenant_id uuid not null, session_id uuid not null, member_id uuid not null,
        announced_at timestamptz not null)`,
      `create index reminder_sessions_session_idx on membership.reminder_sessions (session_id, member_id)`,
      `create table membership.reminder_marks (
        session_id uuid not null, member_id uuid not null, kind text not null
          check (kind in ('announced', 'withdrawn')),
        tenant_id uuid not null, at timestamptz not null,
        primary key (session_id, member_id, kind))`,
      `create index reminder_marks_at_idx on membership.reminder_marks (at)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

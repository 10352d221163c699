import { Migration } from '@mikro-orm/migrations';

/**
 * Which shift occurrence each queued shift reminder is of (ADR 0081), so a cancelled shift or sign-up withdraws
 * the reminder still waiting, as `reminder_sessions` and `reminder_marks` do for sessions: `reminder_shifts`
 * (the shift and the occurrence's start; its rows go with their email, checked at commit) and
 * `shift_reminder_marks` (per occurrence, and member for a cancelled sign-up, the nil id for all; `-infinity` for
 * every occurrence of a cancelled shift). No RLS, like the queue.
 */
export class MigrationMembershipReminderShifts extends Migration {
  override name = '20270112-membership-reminder-shifts';

  up(): void {
    const sql = [
      `create table membership.reminder_shifts (
        mail_id uuid primary key references membership.mail_queue (id) on delete cascade
          deferrable initially deferred,
        tenant_id uuid not null, shift_id uuid not null, starts_at timestamptz not null, member_id uuid not null,
        announced_at timestamptz not null)`,
      `create index reminder_shifts_shift_idx on membership.reminder_shifts (shift_id, starts_at, member_id)`,
      `create table membership.shift_reminder_marks (
        shift_id uuid not null, starts_at timestamptz not null, member_id uuid not null, kind text not null
          check (kind in ('announced', 'withdrawn')),
        tenant_id uuid not null, at timestamptz not null,
        primary key (shift_id, starts_at, member_id, kind))`,
      `create index shift_reminder_marks_at_idx on membership.shift_reminder_marks (at)`,
      `create index shift_reminder_marks_member_idx on membership.shift_reminder_marks (member_id)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Shift reminders (ADR 0081): a kind of their own in membership's mail queue, beside session reminders. */
export class MigrationMembershipShiftReminders extends Migration {
  override name = '20261231-membership-shift-reminders';

  up(): void {
    this.addSql(`alter table membership.mail_queue drop constraint mail_queue_kind_check,
      add constraint mail_queue_kind_check check (kind in ('session-reminder', 'shift-reminder'))`);
  }
}

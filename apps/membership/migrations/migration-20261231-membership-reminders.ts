import { Migration } from '@mikro-orm/migrations';
import { mailQueueSql } from '@hearth/mail';

/**
 * Session reminders (ADR 0081): each member's choice (none by default: a reminder is sent only to someone who
 * asked for it, consented to contact and has an email), membership's own mail queue (the shape every emailing
 * service shares), and the unsubscribe links' tokens, kept only hashed. `unsubscribe_tokens` has no RLS: the
 * public route that uses one knows no LERO until it has found the token; the member's change is then made in
 * that LERO's own transaction.
 */
export class MigrationMembershipReminders extends Migration {
  override name = '20261231-membership-reminders';

  up(): void {
    const sql = [
      `alter table membership.members add column reminders text not null default 'none'
        check (reminders in ('email','none'))`,
      ...mailQueueSql('membership', ['session-reminder']),
      `create table membership.unsubscribe_tokens (
        token_hash text primary key, tenant_id uuid not null, member_id uuid not null,
        created_at timestamptz not null default now())`,
      `create index unsubscribe_tokens_member_idx on membership.unsubscribe_tokens (member_id)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

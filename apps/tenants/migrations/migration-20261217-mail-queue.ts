import { Migration } from '@mikro-orm/migrations';

/**
 * The mail queue (ADR 0077): what the tenants service emails is written here in the transaction that causes it
 * and sent by a loop. Platform plumbing like the outbox, not a LERO's table: a message goes to an account, which
 * may hold roles in several LEROs or none, so it has no `tenant_id` and no row-level security. The rendered
 * message (which may hold a one-time link) lives only while it waits; afterwards only the envelope stays, until
 * the retention job deletes it.
 */
export class MigrationTenantsMailQueue extends Migration {
  override name = '20261217-tenants-mail-queue';

  up(): void {
    const sql = [
      `create table tenants.mail_queue (
        id uuid primary key,
        kind text not null check (kind in ('invitation','password-reset','forgot-password','break-glass-notice','security-notice')),
        recipient text not null, subject text not null, body_text text, body_html text,
        state text not null default 'queued' check (state in ('queued','sending','sent','failed','unknown','expired')),
        attempts integer not null default 0, next_attempt_at timestamptz not null default now(),
        lease_until timestamptz, discard_after timestamptz not null, last_error text,
        created_at timestamptz not null default now(), sent_at timestamptz, finished_at timestamptz,
        check ((state in ('queued','sending')) = (body_text is not null and body_html is not null)),
        check ((state = 'sending') = (lease_until is not null)))`,
      `create index mail_queue_due_idx on tenants.mail_queue (next_attempt_at, id) where state = 'queued'`,
      `create index mail_queue_sending_idx on tenants.mail_queue (lease_until) where state = 'sending'`,
      `create index mail_queue_finished_idx on tenants.mail_queue (finished_at) where finished_at is not null`,
      // Self-service links are limited per account and hour: the count reads this.
      `create index password_resets_self_service_idx on tenants.password_resets (account_id, created_at)
        where requested_by is null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Weekly digests (ADR 0083): each account's choice (no row: on), one row per account and period claimed in the
 * transaction that queues its email (the unique key makes two sweeps, or two replicas, send once), each with the
 * SHA-256 of the unsubscribe link it carries; the mail queue learns the kind `digest` and keeps a message's extra
 * headers (List-Unsubscribe) only while it waits, like its body.
 */
export class MigrationTenantsDigests extends Migration {
  override name = '20261221-tenants-digests';

  up(): void {
    const sql = [
      `alter table tenants.mail_queue drop constraint mail_queue_kind_check`,
      `alter table tenants.mail_queue add constraint mail_queue_kind_check check (kind in
        ('invitation','password-reset','forgot-password','break-glass-notice','security-notice','digest'))`,
      `alter table tenants.mail_queue add column headers jsonb`,
      `create table tenants.digest_settings (
        account_id uuid primary key references tenants.accounts(id) on delete cascade,
        enabled boolean not null, updated_at timestamptz not null default now())`,
      `create table tenants.digest_runs (
        id uuid primary key,
        account_id uuid not null references tenants.accounts(id) on delete cascade,
        period text not null,
        mail_id uuid references tenants.mail_queue(id) on delete set null,
        unsubscribe_hash text unique,
        created_at timestamptz not null default now(),
        unique (account_id, period))`,
      `create index digest_runs_mail_idx on tenants.digest_runs (mail_id) where mail_id is not null`,
      `create index digest_runs_created_idx on tenants.digest_runs (created_at)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}

/**
 * A service's mail queue table (ADR 0077, ADR 0081), for its migration: platform plumbing like the outbox, no
 * `tenant_id` and no row-level security (a message goes to a person, found again by `about_ref`). The body and
 * headers (which may hold a link) live exactly while the message waits or is being sent. `kinds` are the
 * service's own; adding one later is a migration that replaces the check.
 */
export function mailQueueSql(schema: string, kinds: readonly string[]): string[] {
  const list = kinds.map((k) => `'${k.replace(/'/g, "''")}'`).join(',');
  return [
    `create table ${schema}.mail_queue (
      id uuid primary key,
      kind text not null check (kind in (${list})),
      recipient text not null, subject text not null, body_text text, body_html text, headers jsonb, about_ref text,
      state text not null default 'queued' check (state in ('queued','sending','sent','failed','unknown','expired')),
      attempts integer not null default 0, next_attempt_at timestamptz not null default now(),
      lease_until timestamptz, discard_after timestamptz not null, last_error text,
      created_at timestamptz not null default now(), sent_at timestamptz, finished_at timestamptz,
      check ((state in ('queued','sending')) = (body_text is not null and body_html is not null)),
      check (headers is null or state in ('queued','sending')),
      check ((state = 'sending') = (lease_until is not null)))`,
    `create index mail_queue_due_idx on ${schema}.mail_queue (next_attempt_at, id) where state = 'queued'`,
    `create index mail_queue_sending_idx on ${schema}.mail_queue (lease_until) where state = 'sending'`,
    `create index mail_queue_finished_idx on ${schema}.mail_queue (finished_at) where finished_at is not null`,
    `create index mail_queue_about_idx on ${schema}.mail_queue (about_ref) where state = 'queued'`,
  ];
}

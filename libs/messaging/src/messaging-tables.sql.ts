const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The outbox, inbox and dead-letter tables every service keeps in its own schema, for its first migration.
 * They hold platform plumbing, not a LERO's rows, so they carry no row-level security.
 */
export function messagingTablesSql(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `create table ${s}.outbox (
      id uuid primary key, subject text not null, tenant_id uuid null, payload jsonb not null,
      occurred_at timestamptz not null default now(), published_at timestamptz null)`,
    // The relay only ever scans unpublished rows; keep that scan small however long the table grows.
    `create index outbox_unpublished_idx on ${s}.outbox (id) where published_at is null`,
    `create table ${s}.inbox (
      consumer text not null, event_id uuid not null, handled_at timestamptz not null default now(),
      primary key (consumer, event_id))`,
    `create table ${s}.dead_letter (
      id uuid primary key, consumer text not null, event_id uuid null, subject text not null, payload jsonb not null,
      error text not null, attempts int not null, failed_at timestamptz not null default now())`,
    `create index dead_letter_consumer_idx on ${s}.dead_letter (consumer, failed_at)`,
  ];
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The outbox, inbox and dead-letter tables every service keeps in its own schema, for its first migration (as they
 * first shipped: `messagingDeliverySql` brings them up to date in a later one).
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

/**
 * Issue 12's delivery changes, for each service's migration after its first: outbox rows a consumer could not
 * take yet wait their turn (standalone's in-process delivery backs off per row), published outbox rows and
 * inbox rows can be pruned by age, and a dead letter holds where the event is (its stream sequence), not what
 * it says: the payload, with its personal data, goes. `replay` carries an event only while an operator's replay
 * waits for the service to pick it up.
 */
export function messagingDeliverySql(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `alter table ${s}.outbox add column attempts int not null default 0, add column next_attempt_at timestamptz`,
    `create index outbox_published_idx on ${s}.outbox (published_at) where published_at is not null`,
    `create index inbox_handled_idx on ${s}.inbox (handled_at)`,
    `alter table ${s}.dead_letter drop column payload, add column stream_seq bigint,
      add column replay jsonb, add column replay_requested_at timestamptz`,
    `create index dead_letter_replay_idx on ${s}.dead_letter (consumer) where replay_requested_at is not null`,
  ];
}

/**
 * Issue 20's traces (ADR 0087), for each service's migration after its delivery one: an outbox row keeps the W3C
 * trace context of the work that wrote it, so the relay's publish, and the consumers after it, join that trace.
 */
export function outboxTraceSql(schema: string): string[] {
  return [`alter table ${quoteIdent(schema)}.outbox add column traceparent text, add column tracestate text`];
}

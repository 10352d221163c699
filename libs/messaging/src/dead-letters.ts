import type { Client } from 'pg';
import type { JetStreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, type DomainEvent } from '@hearth/contracts';
import { isDomainEvent } from './event-consumer';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Whether this connection's role may read `schema.table` (without an error when it may not use the schema). */
async function canRead(client: Client, schema: string, table: string): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    `select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relname = $2
        and has_schema_privilege(n.oid, 'usage') and has_table_privilege(c.oid, 'select')) as ok`,
    [schema, table],
  );
  return rows[0].ok;
}

/** A dead letter as the operator sees it: where the event is and why it failed; never what it says. */
export interface DeadLetter {
  id: string;
  service: string;
  consumer: string;
  eventId: string | null;
  subject: string;
  streamSeq: number | null;
  error: string;
  attempts: number;
  failedAt: string;
  /** An operator asked for a replay that the service has not picked up yet. */
  replayRequested: boolean;
}

export interface DeadLetterFilter {
  consumer?: string;
  ids?: string[];
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  event_id: string | null;
  subject: string;
  stream_seq: string | null;
  error: string;
  attempts: number;
  failed_at: Date;
  replay_requested_at: Date | null;
}

/** Whether this connection's role may read and change a service's dead letters. */
export function canManageDeadLetters(client: Client, schema: string): Promise<boolean> {
  return canRead(client, schema, 'dead_letter');
}

/** A service's dead letters, oldest first. */
export async function listDeadLetters(
  client: Client,
  schema: string,
  filter: DeadLetterFilter = {},
): Promise<DeadLetter[]> {
  const { rows } = await client.query<DeadLetterRow>(
    `select id, consumer, event_id, subject, stream_seq, error, attempts, failed_at, replay_requested_at
      from ${quote(schema)}.dead_letter
      where ($1::text is null or consumer = $1) and ($2::uuid[] is null or id = any($2::uuid[]))
      order by failed_at, id`,
    [filter.consumer ?? null, filter.ids ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    service: schema,
    consumer: r.consumer,
    eventId: r.event_id,
    subject: r.subject,
    streamSeq: r.stream_seq === null ? null : Number(r.stream_seq),
    error: r.error,
    attempts: r.attempts,
    failedAt: r.failed_at.toISOString(),
    replayRequested: r.replay_requested_at !== null,
  }));
}

/** Removes dead letters for good (the operator decided the events are not to be handled); how many went. */
export async function discardDeadLetters(client: Client, schema: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rowCount } = await client.query(
    `delete from ${quote(schema)}.dead_letter where id = any($1::uuid[])`,
    [ids],
  );
  return rowCount ?? 0;
}

/**
 * Hands the service the event to handle again: it picks the request up within seconds (or at its next start)
 * and handles it as a delivery; the dead letter goes once it has been handled, or stays with the new reason.
 */
export async function requestReplay(
  client: Client,
  schema: string,
  id: string,
  event: DomainEvent,
): Promise<void> {
  await client.query(
    `update ${quote(schema)}.dead_letter set replay = $2::jsonb, replay_requested_at = now() where id = $1`,
    [id, JSON.stringify(event)],
  );
}

/** What became of a replay request: handled (the dead letter is gone), failed again, or still waiting. */
export async function replayOutcome(
  client: Client,
  schema: string,
  id: string,
): Promise<{ state: 'replayed' } | { state: 'failed'; error: string } | { state: 'waiting' }> {
  const { rows } = await client.query<{ error: string; replay_requested_at: Date | null }>(
    `select error, replay_requested_at from ${quote(schema)}.dead_letter where id = $1`,
    [id],
  );
  if (rows.length === 0) return { state: 'replayed' };
  return rows[0].replay_requested_at === null
    ? { state: 'failed', error: rows[0].error }
    : { state: 'waiting' };
}

/**
 * Rereads a dead letter's event from the stream by its sequence, checking it is the same event (a stream that
 * was re-created numbers its messages anew). Undefined when the stream no longer holds it (past its max age).
 */
export async function eventFromStream(
  jsm: JetStreamManager,
  letter: Pick<DeadLetter, 'streamSeq' | 'eventId' | 'subject'>,
): Promise<DomainEvent | undefined> {
  if (letter.streamSeq === null) return undefined;
  const stored = await jsm.streams
    .getMessage(EVENTS_STREAM, { seq: letter.streamSeq })
    .catch((err: unknown) => {
      if (err instanceof Error && /no message found|not found/i.test(err.message)) return null;
      throw err;
    });
  if (!stored) return undefined;
  let event: unknown;
  try {
    event = stored.json<unknown>();
  } catch {
    return undefined;
  }
  if (!isDomainEvent(event) || stored.subject !== letter.subject || event.id !== letter.eventId)
    return undefined;
  return event;
}

/**
 * Rereads a dead letter's event from the outbox of the service that published it (`evt.<service>.…`), where it
 * stays for the outbox retention: standalone's way, and a fallback where the stream no longer holds it.
 * Needs a connection that can read that schema (the owner's).
 */
export async function eventFromOutbox(
  client: Client,
  letter: Pick<DeadLetter, 'eventId' | 'subject'>,
): Promise<DomainEvent | undefined> {
  const producer = /^evt\.([a-z][a-z0-9-]*)\./.exec(letter.subject)?.[1];
  if (!producer || !letter.eventId) return undefined;
  if (!(await canRead(client, producer, 'outbox'))) return undefined;
  const table = `${quote(producer)}.outbox`;
  const { rows } = await client.query<{
    id: string;
    subject: string;
    tenant_id: string | null;
    payload: unknown;
    occurred_at: Date;
  }>(`select id, subject, tenant_id, payload, occurred_at from ${table} where id = $1 and subject = $2`, [
    letter.eventId,
    letter.subject,
  ]);
  if (rows.length === 0) return undefined;
  const row = rows[0];
  return {
    id: row.id,
    subject: row.subject,
    occurredAt: row.occurred_at.toISOString(),
    tenantId: row.tenant_id,
    data: row.payload,
  };
}

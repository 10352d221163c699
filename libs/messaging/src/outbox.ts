import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, EventSubject } from '@hearth/contracts';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { OutboxMessage } from './outbox.entity';
import { outboxTraceColumns } from './trace-context';

/**
 * Stages a domain event (a subject of the contracts' event map, with its payload class) in the caller's unit of work; it commits with the caller's flush or transaction.
 * The relay publishes it afterwards, with the row id as the event id and JetStream dedup key.
 */
export function recordEvent<S extends EventSubject>(
  em: EntityManager,
  subject: S,
  data: EventPayload<S>,
  tenantId: string | null,
): OutboxMessage {
  return recordRawEvent(em, subject, data, tenantId);
}

/**
 * The outbox's own primitive, any subject and payload: for tests of the delivery machinery and tools that
 * move events as they are. Domain code records through `recordEvent`, which the event map types.
 */
export function recordRawEvent(
  em: EntityManager,
  subject: string,
  data: unknown,
  tenantId: string | null,
): OutboxMessage {
  const message = new OutboxMessage();
  message.subject = subject;
  message.payload = data;
  message.tenantId = tenantId;
  Object.assign(message, outboxTraceColumns());
  em.persist(message);
  return message;
}

/**
 * The same for a `transactInTenant` transaction: the statement that writes the outbox row (run it in the
 * transaction's next round trip). The row has the shape `recordEvent` writes; the relay cannot tell them apart.
 * A record that must not carry its time (a signpost: ADR 0039) gives its own `id` (a random v4, not a v7
 * that encodes the moment) and `occurredAt` (its day).
 */
export function eventStatement<S extends EventSubject>(
  tx: TenantTransaction,
  schema: string,
  subject: S,
  data: EventPayload<S>,
  tenantId: string | null,
  opts: { id?: string; occurredAt?: Date } = {},
): Statement {
  tx.markEvents();
  const trace = outboxTraceColumns();
  return {
    sql: `insert into "${schema}".outbox (id, subject, tenant_id, payload, occurred_at, traceparent, tracestate)
      values ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
    params: [
      opts.id ?? uuidv7(),
      subject,
      tenantId,
      JSON.stringify(data),
      opts.occurredAt ?? new Date(),
      trace.traceparent,
      trace.tracestate,
    ],
  };
}

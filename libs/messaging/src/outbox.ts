import type { EntityManager } from '@mikro-orm/postgresql';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { OutboxMessage } from './outbox.entity';

/**
 * Stages a domain event in the caller's unit of work; it commits with the caller's flush or transaction.
 * The relay publishes it afterwards, with the row id as the event id and JetStream dedup key.
 */
export function recordEvent<T>(
  em: EntityManager,
  subject: string,
  data: T,
  tenantId: string | null,
): OutboxMessage {
  const message = new OutboxMessage();
  message.subject = subject;
  message.payload = data;
  message.tenantId = tenantId;
  em.persist(message);
  return message;
}

/**
 * The same for a `transactInTenant` transaction: the statement that writes the outbox row (run it in the
 * transaction's next round trip). The row has the shape `recordEvent` writes; the relay cannot tell them apart.
 */
export function eventStatement<T>(
  tx: TenantTransaction,
  schema: string,
  subject: string,
  data: T,
  tenantId: string | null,
): Statement {
  tx.markEvents();
  return {
    sql: `insert into "${schema}".outbox (id, subject, tenant_id, payload, occurred_at) values ($1, $2, $3, $4::jsonb, $5)`,
    params: [uuidv7(), subject, tenantId, JSON.stringify(data), new Date()],
  };
}

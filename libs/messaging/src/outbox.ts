import type { EntityManager } from '@mikro-orm/postgresql';
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

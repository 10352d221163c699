import type { DomainEvent } from '@hearth/contracts';
import { UnprocessableEventError } from '@hearth/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const NAME = /^[a-z][a-z0-9-]{0,59}$/;

/** A handler refuses what it cannot trust: no retry can mend it, so the consumer dead-letters it at once. */
export const malformed = (event: DomainEvent, why: string) =>
  new UnprocessableEventError(`A malformed ${event.subject} event (${event.id}): ${why}.`);

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v);
export const isName = (v: unknown): v is string => typeof v === 'string' && NAME.test(v);

/** The event's payload as an object, after checking that it belongs to the LERO the event is filed under. */
export function payloadOf(event: DomainEvent, { ownTenant = true } = {}): Record<string, unknown> {
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw malformed(event, 'no payload');
  const record = data as Record<string, unknown>;
  if (ownTenant && (!isUuid(record.tenantId) || record.tenantId !== event.tenantId))
    throw malformed(event, 'its LERO does not match');
  return record;
}

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export const categoryDimension = (category: string) => `category=${category}`;

import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppError } from './errors';
import { fieldErrorsOf } from './validation';
import type { DomainEvent } from './events';
import { TENANTS_EVENT_PAYLOADS } from './tenants/events';
import { MEMBERSHIP_EVENT_PAYLOADS } from './membership/events';
import { EVENTS_EVENT_PAYLOADS } from './activities/events';
import { DIRECTORY_EVENT_PAYLOADS } from './directory/events';
import { VOLUNTEERING_EVENT_PAYLOADS } from './volunteering/events';
import { ADVOCACY_EVENT_PAYLOADS } from './advocacy/events';
import { WEBHOOKS_EVENT_PAYLOADS } from './webhooks/events';
import { REPORTING_EVENT_PAYLOADS } from './reporting/events';
import { TESTIMONY_EVENT_PAYLOADS } from './advocacy/testimony.subjects';

/**
 * Every domain event Hearth publishes: its subject and the class of its payload. Producers can record only
 * these (`recordEvent`, `eventStatement` are typed by it); consumers receive them validated against it.
 */
export const DOMAIN_EVENT_PAYLOADS = {
  ...TENANTS_EVENT_PAYLOADS,
  ...MEMBERSHIP_EVENT_PAYLOADS,
  ...EVENTS_EVENT_PAYLOADS,
  ...REPORTING_EVENT_PAYLOADS,
  ...DIRECTORY_EVENT_PAYLOADS,
  ...VOLUNTEERING_EVENT_PAYLOADS,
  ...ADVOCACY_EVENT_PAYLOADS,
  ...TESTIMONY_EVENT_PAYLOADS,
  ...WEBHOOKS_EVENT_PAYLOADS,
} as const;

type PayloadClasses = typeof DOMAIN_EVENT_PAYLOADS;
export type EventSubject = keyof PayloadClasses;
export type EventPayload<S extends EventSubject> = InstanceType<PayloadClasses[S]>;

/** An event whose payload is known to be its subject's class: `switch (event.subject)` narrows `data`. */
export type TypedDomainEvent = {
  [S in EventSubject]: Omit<DomainEvent<EventPayload<S>>, 'subject'> & { subject: S };
}[EventSubject];

export const isEventSubject = (subject: string): subject is EventSubject =>
  Object.prototype.hasOwnProperty.call(DOMAIN_EVENT_PAYLOADS, subject);

/**
 * The one check of an event's payload, for every consumer: its subject's class (fields it does not know are
 * dropped, so a newer producer's additions pass), and the LERO it names is the one it is filed under. Null for
 * a subject this build does not know (nothing here handles it); a VALIDATION error — which no retry mends — for
 * a payload that fails its class.
 */
export function typedEvent(event: DomainEvent): TypedDomainEvent | null {
  if (!isEventSubject(event.subject)) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw malformedEvent(event, 'its payload is not an object');
  const payload = plainToInstance(DOMAIN_EVENT_PAYLOADS[event.subject] as new () => object, data, {
    enableImplicitConversion: false,
  });
  const errors = validateSync(payload, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw malformedEvent(event, describe(errors));
  // A region's event (advocacy's) names no LERO (`tenantId: null`) and is filed under none.
  const tenantId = (payload as { tenantId?: string | null }).tenantId;
  if (tenantId !== undefined && (tenantId?.toLowerCase() ?? null) !== (event.tenantId?.toLowerCase() ?? null))
    throw malformedEvent(event, 'its LERO does not match the one it is filed under');
  return { ...event, data: payload } as TypedDomainEvent;
}

/** The fields that failed, never their values or the constraints' words (which may quote the list of values). */
const describe = (errors: ValidationError[]): string =>
  [...new Set(fieldErrorsOf(errors).map((e) => e.field))]
    .slice(0, 3)
    .map((field) => `${field} is not valid`)
    .join(', ');

/** Never the payload's values in the message: it is logged and kept in the dead letter. */
const malformedEvent = (event: DomainEvent, why: string) =>
  new AppError('VALIDATION', `A malformed ${event.subject} event (${event.id}): ${why}.`);

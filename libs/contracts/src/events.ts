/** A domain event as it travels on JetStream: a fact in the past tense. `id` is the outbox row id. */
export interface DomainEvent<T = unknown> {
  id: string;
  subject: string;
  occurredAt: string;
  tenantId: string | null;
  data: T;
}

/** The one JetStream stream that carries every `evt.>` subject. */
export const EVENTS_STREAM = 'HEARTH_EVENTS';
export const EVENTS_SUBJECTS = 'evt.>';

import type { DomainEvent } from '@hearth/contracts';

export interface PublishOptions {
  /** How often this event has been offered before, plus one (the relay counts per outbox row). */
  attempt?: number;
}

/** Where the outbox relay hands events: JetStream in production, the in-process bus in standalone mode. */
export interface EventPublisher {
  /** Resolves once the event is durably accepted (stored by JetStream, or handled by every in-process consumer). */
  publish(event: DomainEvent, opts?: PublishOptions): Promise<void>;
  /**
   * True when `publish` sends the event before it returns and the transport stores events in the order they were
   * sent (JetStream, one connection): the relay then sends a whole batch before awaiting the acks (ADR 0095).
   * Absent in process, where a publish is the consumers' handling and the next waits for it.
   */
  readonly pipelines?: boolean;
}

/** The subset of a logger the messaging helpers use; Nest's Logger and pino-backed loggers both fit. */
export interface MessagingLogger {
  log(message: string, ...context: unknown[]): void;
  warn(message: string, ...context: unknown[]): void;
  error(message: string, ...context: unknown[]): void;
}

export const describeError = (err: unknown): string =>
  err instanceof Error ? (err.stack ?? err.message) : String(err);

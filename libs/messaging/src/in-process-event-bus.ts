import type { DomainEvent } from '@hearth/contracts';
import { subjectMatches } from './subject.util';
import type { EventPublisher, PublishOptions } from './event-publisher';
import type { EventProcessor, ProcessOutcome } from './event-consumer';

export interface InProcessEventBusOptions {
  /** Tries in a row before a consumer's delivery is put off (a deadlock passes within milliseconds). */
  quickAttempts?: number;
  /** Pause before quick try n is (n - 1) × this. */
  retryDelayMs?: number;
}

/**
 * A consumer could not take the event yet. The relay keeps the outbox row and offers it again after a
 * backoff (per row, so later events are not held up); consumers that took it already will see a duplicate.
 */
export class DeliveryDeferredError extends Error {
  constructor(readonly consumers: string[]) {
    super(`Delivery put off: ${consumers.join(', ')} could not take the event yet.`);
    this.name = 'DeliveryDeferredError';
  }
}

/**
 * Standalone mode's event transport. `publish` resolves only when every matching consumer has committed (or
 * dead-lettered) the event, so the relay marks the outbox row published only then: if the process dies
 * first, the row is relayed again and each consumer's inbox drops the repeat. A consumer that keeps failing
 * does not block the relay: the delivery is put off (`DeliveryDeferredError`) and retried from the outbox.
 */
export class InProcessEventBus implements EventPublisher {
  private readonly consumers: EventProcessor[] = [];
  private readonly quickAttempts: number;
  private readonly retryDelayMs: number;
  /** Per consumer, the events it has been offered and not yet taken: its lag. */
  private readonly waiting = new Map<string, Set<string>>();

  constructor(opts: InProcessEventBusOptions = {}) {
    this.quickAttempts = opts.quickAttempts ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 50;
  }

  subscribe(consumer: EventProcessor): void {
    if (this.consumers.some((c) => c.name === consumer.name))
      throw new Error(`Consumer "${consumer.name}" is already subscribed.`);
    this.consumers.push(consumer);
    this.waiting.set(consumer.name, new Set());
  }

  unsubscribe(consumer: EventProcessor): void {
    const i = this.consumers.indexOf(consumer);
    if (i >= 0) this.consumers.splice(i, 1);
    this.waiting.delete(consumer.name);
  }

  /** Events put off for a consumer and not yet taken since this process started. */
  lag(consumer: string): number {
    return this.waiting.get(consumer)?.size ?? 0;
  }

  async publish(event: DomainEvent, opts: PublishOptions = {}): Promise<void> {
    const wire = JSON.stringify(event);
    const matching = this.consumers.filter((c) => c.subjects.some((s) => subjectMatches(s, event.subject)));
    const taken = await Promise.all(matching.map((c) => this.deliver(c, wire, event.id, opts.attempt ?? 1)));
    const deferred = matching.filter((_, i) => !taken[i]).map((c) => c.name);
    if (deferred.length > 0) throw new DeliveryDeferredError(deferred);
  }

  /** True once the consumer took the event (handled, duplicate or dead-lettered). */
  private async deliver(
    consumer: EventProcessor,
    wire: string,
    id: string,
    delivery: number,
  ): Promise<boolean> {
    const first = (delivery - 1) * this.quickAttempts + 1;
    for (let i = 0; i < this.quickAttempts; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * i));
      // A fresh copy per attempt, as on NATS: a failed handler can't leave its edits in the next try. A throw
      // means not even a dead letter could be written: the database is away.
      const outcome = await consumer
        .process(JSON.parse(wire) as DomainEvent, first + i)
        .catch((): ProcessOutcome => 'unavailable');
      if (outcome === 'retry') continue;
      if (outcome === 'unavailable') break;
      this.waiting.get(consumer.name)?.delete(id);
      return true;
    }
    this.waiting.get(consumer.name)?.add(id);
    return false;
  }
}

import type { DomainEvent } from '@hearth/contracts';
import { subjectMatches } from './subject.util';
import type { EventPublisher } from './event-publisher';
import type { EventProcessor, ProcessOutcome } from './event-consumer';

export interface InProcessEventBusOptions {
  /** Pause before retry n is n × this. */
  retryDelayMs?: number;
}

/**
 * Standalone mode's event transport. `publish` resolves only when every matching consumer has committed (or
 * dead-lettered) the event, so the relay marks the outbox row published only then: if the process dies
 * first, the row is relayed again and each consumer's inbox drops the repeat.
 */
export class InProcessEventBus implements EventPublisher {
  private readonly consumers: EventProcessor[] = [];
  private readonly retryDelayMs: number;

  constructor(opts: InProcessEventBusOptions = {}) {
    this.retryDelayMs = opts.retryDelayMs ?? 50;
  }

  subscribe(consumer: EventProcessor): void {
    if (this.consumers.some((c) => c.name === consumer.name))
      throw new Error(`Consumer "${consumer.name}" is already subscribed.`);
    this.consumers.push(consumer);
  }

  unsubscribe(consumer: EventProcessor): void {
    const i = this.consumers.indexOf(consumer);
    if (i >= 0) this.consumers.splice(i, 1);
  }

  async publish(event: DomainEvent): Promise<void> {
    const wire = JSON.stringify(event);
    const matching = this.consumers.filter((c) => c.subjects.some((s) => subjectMatches(s, event.subject)));
    const results = await Promise.allSettled(matching.map((c) => this.deliver(c, wire)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // Rejecting makes the relay keep the row and try again later; consumers that succeeded will see a duplicate.
    if (failed) throw failed.reason;
  }

  private async deliver(consumer: EventProcessor, wire: string): Promise<ProcessOutcome> {
    for (let attempt = 1; ; attempt++) {
      // A fresh copy per attempt, as on NATS: a failed handler can't leave its edits in the next try.
      const outcome = await consumer.process(JSON.parse(wire) as DomainEvent, attempt);
      if (outcome !== 'retry') return outcome;
      if (attempt >= consumer.maxDeliver)
        throw new Error(`Consumer "${consumer.name}" still asks for a retry after ${attempt} attempts.`);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
    }
  }
}

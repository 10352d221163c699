import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { DomainEvent } from '@hearth/contracts';
import type { EventProcessor, ProcessOutcome } from '@hearth/messaging';

/** One domain event of a history, for any LERO: its payload is made for the LERO it is applied to. */
export interface Fact {
  subject: string;
  /** When it happened (the event's `occurredAt`). */
  at: string;
  data: (tenantId: string) => unknown;
}

export type History = Fact[];

/** A delivery order of a history: a permutation, redeliveries of some events, and batch sizes. */
export interface DeliveryOrder {
  permutation: number[];
  /** [which event again, where in the sequence]. */
  redeliveries: [number, number][];
  batches: number[];
}

type Processor = Pick<EventProcessor, 'process' | 'processBatch'>;

/** Every order a transport could deliver a history in: any permutation, any event again, any batching. */
export function historyOrder(history: History): fc.Arbitrary<DeliveryOrder> {
  const n = history.length;
  const indices = Array.from({ length: n }, (_, i) => i);
  return fc.record({
    permutation: fc.shuffledSubarray(indices, { minLength: n, maxLength: n }),
    redeliveries: fc.array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.nat({ max: 2 * n })), {
      maxLength: n === 0 ? 0 : Math.ceil(n / 2),
    }),
    batches: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
  });
}

/** The history's events for one LERO, with ids in history order (UUIDv7, as the outbox makes them). */
function eventsOf(history: History, tenantId: string): DomainEvent[] {
  return history.map((f) => ({
    id: uuidv7(),
    subject: f.subject,
    occurredAt: f.at,
    tenantId,
    data: f.data(tenantId),
  }));
}

const expectApplied = (event: DomainEvent, outcome: ProcessOutcome) => {
  if (outcome !== 'handled' && outcome !== 'duplicate')
    throw new Error(`${event.subject} ${event.id} was not applied: ${outcome}`);
};

/** Applies a history in order, one event at a time, each to the consumer of its subject. */
export async function applyAll(
  history: History,
  tenantId: string,
  consumerOf: (subject: string) => Processor,
): Promise<void> {
  for (const event of eventsOf(history, tenantId))
    expectApplied(event, await consumerOf(event.subject).process(event, 1));
}

/**
 * Applies a history in a delivery order: permuted, with redeliveries (the same event id again), consecutive
 * events of one consumer handed over together in batches of the given sizes, as JetStream pulls them.
 */
export async function applyShuffled(
  history: History,
  tenantId: string,
  order: DeliveryOrder,
  consumerOf: (subject: string) => Processor,
): Promise<void> {
  const events = eventsOf(history, tenantId);
  const sequence = order.permutation.map((i) => events[i]);
  for (const [which, where] of order.redeliveries)
    sequence.splice(Math.min(where, sequence.length), 0, events[which]);
  let batch = 0;
  for (let start = 0; start < sequence.length;) {
    const consumer = consumerOf(sequence[start].subject);
    let end = start + 1;
    const size = order.batches[batch++ % order.batches.length];
    while (end < sequence.length && end - start < size && consumerOf(sequence[end].subject) === consumer)
      end++;
    const run = sequence.slice(start, end);
    const outcomes: ProcessOutcome[] = [];
    if (consumer.processBatch)
      outcomes.push(...(await consumer.processBatch(run.map((event) => ({ event, attempt: 1 })))));
    else for (const event of run) outcomes.push(await consumer.process(event, 1));
    run.forEach((event, i) => expectApplied(event, outcomes[i]));
    start = end;
  }
}

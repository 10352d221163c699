import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents, type CommunityRole, type DomainEvent } from '@hearth/contracts';
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

/**
 * The order-independence property of a projection: for random histories, the history applied in order to one
 * new LERO and in a random delivery order (permuted, redelivered, batched) to another leaves the same state
 * (`stateOf` reads what the projection holds for a LERO, with anything only one LERO could have left out).
 */
export async function sameInAnyOrder(
  history: fc.Arbitrary<History>,
  opts: {
    consumerOf: (subject: string) => Processor;
    stateOf: (tenantId: string) => Promise<unknown>;
    numRuns: number;
    /** What a LERO holds before its events arrive (the rows an erasure must reach, say). */
    prepare?: (tenantId: string, history: History) => Promise<void>;
  },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      history.chain((h) => historyOrder(h).map((order) => ({ h, order }))),
      async ({ h, order }) => {
        const [inOrder, shuffled] = [uuidv7(), uuidv7()];
        for (const tenantId of [inOrder, shuffled]) await opts.prepare?.(tenantId, h);
        await applyAll(h, inOrder, opts.consumerOf);
        await applyShuffled(h, shuffled, order, opts.consumerOf);
        // jest's own comparison (this library runs only under jest), for its diff of a counterexample.
        expect(await opts.stateOf(shuffled)).toEqual(await opts.stateOf(inOrder));
      },
    ),
    { numRuns: opts.numRuns },
  );
}

const BASE = Date.parse('2026-01-05T09:00:00Z');
const MINUTE = 60_000;

/** `n` instants that only move forward, by up to ~40 days a step (ties too: the same instant twice). */
export const forwardInstants = (n: number): fc.Arbitrary<string[]> =>
  fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 * 24 * 60 })), {
      minLength: n,
      maxLength: n,
    })
    .map((gaps) => {
      let t = BASE;
      return gaps.map((g) => new Date((t += g * MINUTE)).toISOString());
    });

const memberIds = new Map<string, string>();
const people = new Map<string, string>();

/** The member id a history's person has in one LERO (each LERO a history is applied to has its own ids). */
export function memberIdIn(tenantId: string, person: string): string {
  const known = memberIds.get(`${tenantId}/${person}`);
  if (known) return known;
  const id = uuidv7();
  memberIds.set(`${tenantId}/${person}`, id);
  people.set(id, person);
  return id;
}

/** Which history's person a member id stands for. */
export const personOf = (memberId: string) => people.get(memberId.toLowerCase());

/** The people of a history and their member ids in one LERO. */
export const peopleIn = (tenantId: string, history: History): Map<string, string> =>
  new Map(
    history.flatMap((f) => {
      const { memberId } = (f.data(tenantId) ?? {}) as { memberId?: string };
      return memberId ? [[personOf(memberId) ?? memberId, memberId] as const] : [];
    }),
  );

/** One person's life as membership tells it: joined, then left and rejoined in turn, perhaps erased last. */
const personFacts = fc
  .record({ turns: fc.integer({ min: 0, max: 4 }), erased: fc.boolean() })
  .chain(({ turns, erased }) =>
    forwardInstants(1 + turns + (erased ? 1 : 0)).map((times) =>
      [
        MembershipEvents.memberJoined,
        ...Array.from({ length: turns }, (_, i) =>
          i % 2 === 0 ? MembershipEvents.memberLeft : MembershipEvents.memberRejoined,
        ),
        ...(erased ? [MembershipEvents.memberErased] : []),
      ].map((subject, i) => ({ subject, at: times[i] })),
    ),
  );

/** One event of a person's life: its subject, when, and their community roles then (none unless given). */
export interface MemberFact {
  subject: string;
  at: string;
  communityRoles?: CommunityRole[];
}

/** Membership's events about one to four people of a LERO, each person's life drawn from `life`. */
export function peopleHistory(life: fc.Arbitrary<MemberFact[]>): fc.Arbitrary<History> {
  return fc.array(life, { minLength: 1, maxLength: 4 }).map((lives) =>
    lives.flatMap((facts) => {
      const person = uuidv7();
      return facts.map(({ subject, at, communityRoles = [] }): Fact => ({
        subject,
        at,
        data: (tenantId) => ({
          tenantId,
          memberId: memberIdIn(tenantId, person),
          occurredAt: at,
          communityRoles,
        }),
      }));
    }),
  );
}

/** Membership's events about one to four people of a LERO: joins, leaves, rejoins, erasures. */
export const memberHistory = (): fc.Arbitrary<History> => peopleHistory(personFacts);

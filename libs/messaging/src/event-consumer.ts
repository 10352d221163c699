import { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  typedEvent,
  type DomainEvent,
  type EventConsumerContract,
  type TypedDomainEvent,
} from '@hearth/contracts';
import { asTenantId, isDatabaseUnavailable, type ServiceDatabase } from '@hearth/persistence';
import { inDbSpan } from '@hearth/platform';
import { describeError, type MessagingLogger } from './event-publisher';
import { traceConsumed } from './trace-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Handles one event, its payload already checked against its subject's class (`typedEvent`): a handler
 * switches on `event.subject` and reads typed fields, never re-validating by hand.
 */
export type DomainEventHandler = (em: EntityManager, event: TypedDomainEvent) => Promise<void>;

/**
 * A handler throws this for an event that can never succeed, however often it is tried: its payload fails
 * validation. It is dead-lettered at once. Any other failure is retried, for days if need be.
 */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}

/** A failure no retry can mend: a handler's verdict, or a payload that fails its contract's validation. */
export const isUnprocessable = (err: unknown): boolean =>
  err instanceof UnprocessableEventError || (err instanceof AppError && err.code === 'VALIDATION');

export const isDomainEvent = (value: unknown): value is DomainEvent => {
  const v = value as Partial<DomainEvent> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.subject === 'string' &&
    typeof v.occurredAt === 'string' &&
    (v.tenantId === null || typeof v.tenantId === 'string') &&
    'data' in v
  );
};

export interface DomainEventConsumerDefinition {
  /** Durable consumer name, unique across the deployment, e.g. `reporting-membership`. */
  name: string;
  /** Subjects, e.g. `['evt.tenants.>']`. A service's consumers come from `EVENT_CONSUMERS` (`consumerOf`). */
  subjects: string[];
  db: ServiceDatabase;
  handle: DomainEventHandler;
  logger?: MessagingLogger;
}

/** A durable consumer of the contract (`EVENT_CONSUMERS`): the name and filter `migrate` provisioned. */
export const consumerOf = (
  c: EventConsumerContract,
): Pick<DomainEventConsumerDefinition, 'name' | 'subjects'> => ({
  name: c.durable,
  subjects: [c.subject],
});

/**
 * `retry`: failed, try again later (backing off). `unavailable`: the database is away, so every event would
 * fail alike: wait until it answers. `dead`: it can never succeed and was dead-lettered.
 */
export type ProcessOutcome = 'handled' | 'duplicate' | 'retry' | 'unavailable' | 'dead';

/** Where an event can be read again: a dead letter keeps it instead of the event itself. */
export interface EventSource {
  /** The event's sequence in the JetStream stream (absent in process: standalone rereads the outbox). */
  streamSeq?: number;
}

export interface Delivery {
  event: DomainEvent;
  attempt: number;
  streamSeq?: number;
}

/** What a transport needs from a consumer: where it listens and how one delivery is processed. */
export interface EventProcessor {
  readonly name: string;
  readonly subjects: readonly string[];
  process(event: DomainEvent, attempt: number, source?: EventSource): Promise<ProcessOutcome>;
  /** Several deliveries at once, outcomes in the same order (transports that receive in batches use it). */
  processBatch?(deliveries: Delivery[]): Promise<ProcessOutcome[]>;
  /** A message that is not an event at all (unreadable JSON, fields missing): recorded as a dead letter. */
  recordUnreadable?(subject: string, source: EventSource, reason: string): Promise<void>;
  /** Whether the consumer's database answers again after `unavailable`. */
  isAvailable?(): Promise<boolean>;
  /** Handles the replays an operator asked for (`npm run dead-letters -- replay`); returns how many it took. */
  replayRequested?(): Promise<number>;
}

/** The first line of an error, short: what went wrong, without a stack or a payload's values. */
const reasonOf = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 500);

interface ReplayRow {
  id: string;
  replay: unknown;
}

/**
 * Runs a handler at most once per event per consumer, whatever the transport redelivers: the inbox row and
 * the handler's effect commit in one transaction. Events of a LERO run with that tenant's filter and RLS
 * setting in place, so handlers write tenant-owned rows the same way request handlers do. Never gives up on
 * an event that may yet succeed; dead-letters only one that cannot (ADR 0016).
 */
export class DomainEventConsumer implements EventProcessor {
  readonly name: string;
  readonly subjects: readonly string[];
  private readonly db: ServiceDatabase;
  private readonly handle: DomainEventHandler;
  private readonly logger: MessagingLogger;

  constructor(def: DomainEventConsumerDefinition) {
    if (!/^[A-Za-z0-9_-]+$/.test(def.name))
      throw new Error(`Consumer name "${def.name}" must be letters, digits, "-" or "_".`);
    if (def.subjects.length === 0) throw new Error(`Consumer "${def.name}" listens to no subjects.`);
    this.name = def.name;
    this.subjects = [...def.subjects];
    this.db = def.db;
    this.handle = def.handle;
    this.logger = def.logger ?? new Logger(`EventConsumer(${def.name})`);
  }

  /**
   * The payload checked once, here, for every consumer, against its subject's class. A subject outside the
   * event map (the delivery machinery's own tests, a newer producer's event) goes to the handler as it came:
   * handlers switch on the subjects they know and pass over the rest.
   */
  private async dispatch(tx: EntityManager, event: DomainEvent): Promise<void> {
    await this.handle(tx, typedEvent(event) ?? (event as TypedDomainEvent));
  }

  private get table(): string {
    return `"${this.db.schema}".dead_letter`;
  }

  /**
   * Handles one delivery. `attempt` starts at 1. Throws only when an event that can never succeed could not
   * even be dead-lettered (the database went away meanwhile): the transport must keep it and offer it again.
   */
  async process(event: DomainEvent, attempt: number, source: EventSource = {}): Promise<ProcessOutcome> {
    try {
      // The consumer's span, and the database's inside it: the handler's transaction (ADR 0087).
      const transaction = () => inDbSpan(this.db.schema, 'transaction', () => this.runOnce(event));
      return await traceConsumed(this.name, event, transaction);
    } catch (err) {
      return this.failed(event, attempt, source, err);
    }
  }

  /** The inbox row, the handler, and `also` (a replay's cleanup) in one transaction. */
  private async runOnce(
    event: DomainEvent,
    also?: (tx: EntityManager) => Promise<void>,
  ): Promise<'handled' | 'duplicate'> {
    const em = event.tenantId ? this.db.forTenant(asTenantId(event.tenantId)).em : this.db.em();
    return em.transactional(async (tx) => {
      const res = await tx.execute<{ affectedRows: number }>(
        `insert into "${this.db.schema}".inbox (consumer, event_id) values (?, ?) on conflict do nothing`,
        [this.name, event.id],
        'run',
      );
      await also?.(tx);
      if (res.affectedRows === 0) return 'duplicate';
      await this.dispatch(tx, event);
      return 'handled';
    });
  }

  private async failed(
    event: DomainEvent,
    attempt: number,
    source: EventSource,
    err: unknown,
  ): Promise<ProcessOutcome> {
    if (isUnprocessable(err)) {
      const id = await this.deadLetter(event.id, event.subject, source, attempt, err);
      this.logger.error(
        `${event.subject} ${event.id} can never be handled (${reasonOf(err)}); dead letter ${id}. ` +
          'List, replay or discard it with `npm run dead-letters`.',
      );
      return 'dead';
    }
    if (isDatabaseUnavailable(err)) {
      this.logger.warn(`${event.subject} ${event.id} waits for the database: ${reasonOf(err)}`);
      return 'unavailable';
    }
    this.logger.warn(
      `${event.subject} ${event.id} failed (attempt ${attempt}); it will be retried: ${describeError(err)}`,
    );
    return 'retry';
  }

  /**
   * Handles deliveries that arrived together. Consecutive events of the same LERO share one transaction (one
   * inbox insert for all, then each handler in order): a queue that built up is worked off with a fraction
   * of the round trips. If anything in such a transaction fails, it rolls back whole and its events are
   * processed one by one, each with its own outcome, exactly as `process` does.
   */
  async processBatch(deliveries: Delivery[]): Promise<ProcessOutcome[]> {
    const outcomes: ProcessOutcome[] = [];
    for (let start = 0; start < deliveries.length;) {
      let end = start + 1;
      while (end < deliveries.length && deliveries[end].event.tenantId === deliveries[start].event.tenantId)
        end++;
      const run = deliveries.slice(start, end);
      const together = run.length > 1 ? await this.processTogether(run) : null;
      if (together) outcomes.push(...together);
      else
        for (const d of run)
          outcomes.push(await this.process(d.event, d.attempt, { streamSeq: d.streamSeq }));
      start = end;
    }
    return outcomes;
  }

  /** One transaction for a run of one LERO's events; null when it failed (nothing of it committed). */
  private async processTogether(run: Delivery[]): Promise<ProcessOutcome[] | null> {
    if (!run.every((d) => UUID.test(d.event.id))) return null;
    try {
      const tenantId = run[0].event.tenantId;
      const em = tenantId ? this.db.forTenant(asTenantId(tenantId)).em : this.db.em();
      return await em.transactional(async (tx) => {
        const fresh = await tx.execute<{ event_id: string }[]>(
          `insert into "${this.db.schema}".inbox (consumer, event_id)
            values ${run.map(() => '(?, ?)').join(', ')} on conflict do nothing returning event_id`,
          run.flatMap((d) => [this.name, d.event.id]),
          'all',
        );
        const isFresh = new Set(fresh.map((r) => r.event_id.toLowerCase()));
        const outcomes: ProcessOutcome[] = [];
        for (const { event } of run) {
          // The same event twice in one run: handled once, like a redelivery.
          if (!isFresh.delete(event.id.toLowerCase())) {
            outcomes.push('duplicate');
            continue;
          }
          await traceConsumed(this.name, event, () => this.dispatch(tx, event));
          outcomes.push('handled');
        }
        return outcomes;
      });
    } catch (err) {
      // One by one would only meet the same closed door.
      if (isDatabaseUnavailable(err)) {
        this.logger.warn(`${run.length} events wait for the database: ${reasonOf(err)}`);
        return run.map(() => 'unavailable');
      }
      this.logger.warn(
        `A batch of ${run.length} events failed together; handling them one by one: ${describeError(err)}`,
      );
      return null;
    }
  }

  async recordUnreadable(subject: string, source: EventSource, reason: string): Promise<void> {
    const id = await this.deadLetter(null, subject, source, 1, new UnprocessableEventError(reason));
    this.logger.error(
      `An unreadable message on ${subject} (stream seq ${source.streamSeq ?? '-'}): ${reason}; dead letter ${id}.`,
    );
  }

  async isAvailable(): Promise<boolean> {
    return (await this.db.isReady()).ready;
  }

  /** Where the event is (subject, stream sequence), why it failed and how often; never its payload. */
  private async deadLetter(
    eventId: string | null,
    subject: string,
    source: EventSource,
    attempts: number,
    err: unknown,
  ): Promise<string> {
    const id = uuidv7();
    const uuid = eventId && UUID.test(eventId) ? eventId : null;
    // A redelivery of an event already dead-lettered (its term was lost) adds no second row.
    await this.db.em().execute(
      `insert into ${this.table} (id, consumer, event_id, subject, stream_seq, error, attempts)
        select ?, ?, ?, ?, ?, ?, ?
        where ?::uuid is null or not exists (select 1 from ${this.table} where consumer = ? and event_id = ?)`,
      [
        id,
        this.name,
        uuid,
        subject,
        source.streamSeq ?? null,
        reasonOf(err),
        attempts,
        uuid,
        this.name,
        uuid,
      ],
      'run',
    );
    return id;
  }

  /**
   * Replays an operator asked for: the event (reread from the stream or the outbox by the `dead-letters`
   * command) is handled like a delivery, and its dead letter goes in the same transaction. One that fails its
   * validation again stays, with the new reason; one that meets a passing failure waits for the next poll.
   */
  async replayRequested(): Promise<number> {
    const rows = await this.db
      .em()
      .execute<ReplayRow[]>(
        `select id, replay from ${this.table} where consumer = ? and replay_requested_at is not null order by failed_at limit 20`,
        [this.name],
      );
    for (const row of rows) {
      const event = typeof row.replay === 'string' ? (JSON.parse(row.replay) as unknown) : row.replay;
      if (!isDomainEvent(event)) {
        await this.replayFailed(row.id, 'the replayed message is not an event');
        continue;
      }
      try {
        const outcome = await this.runOnce(event, async (tx) => {
          await tx.execute(`delete from ${this.table} where id = ?`, [row.id], 'run');
        });
        this.logger.log(`Replayed dead letter ${row.id} (${event.subject} ${event.id}): ${outcome}.`);
      } catch (err) {
        if (isUnprocessable(err)) await this.replayFailed(row.id, reasonOf(err));
        else
          this.logger.warn(
            `Replaying dead letter ${row.id} failed; it will be tried again: ${reasonOf(err)}`,
          );
      }
    }
    return rows.length;
  }

  private async replayFailed(id: string, reason: string): Promise<void> {
    await this.db.em().execute(
      `update ${this.table} set replay = null, replay_requested_at = null, error = ?, attempts = attempts + 1,
        failed_at = now() where id = ?`,
      [reason, id],
      'run',
    );
    this.logger.error(`Dead letter ${id} failed again when replayed: ${reason}.`);
  }
}

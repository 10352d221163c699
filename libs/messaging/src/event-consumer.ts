import { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import type { DomainEvent, EventConsumerContract } from '@hearth/contracts';
import { asTenantId, type ServiceDatabase } from '@hearth/persistence';
import { describeError, type MessagingLogger } from './event-publisher';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DomainEventHandler = (em: EntityManager, event: DomainEvent) => Promise<void>;

export interface DomainEventConsumerDefinition {
  /** Durable consumer name, unique across the deployment, e.g. `reporting-membership`. */
  name: string;
  /** Subjects, e.g. `['evt.tenants.>']`. A service's consumers come from `EVENT_CONSUMERS` (`consumerOf`). */
  subjects: string[];
  db: ServiceDatabase;
  handle: DomainEventHandler;
  /** Attempts before the event is dead-lettered. */
  maxDeliver?: number;
  logger?: MessagingLogger;
}

/** A durable consumer of the contract (`EVENT_CONSUMERS`): the name and filter `migrate` provisioned. */
export const consumerOf = (
  c: EventConsumerContract,
): Pick<DomainEventConsumerDefinition, 'name' | 'subjects'> => ({
  name: c.durable,
  subjects: [c.subject],
});

export type ProcessOutcome = 'handled' | 'duplicate' | 'retry' | 'dead';

/** What a transport needs from a consumer: where it listens and how one delivery is processed. */
export interface EventProcessor {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly maxDeliver: number;
  process(event: DomainEvent, attempt: number): Promise<ProcessOutcome>;
  /** Several deliveries at once, outcomes in the same order (transports that receive in batches use it). */
  processBatch?(deliveries: Delivery[]): Promise<ProcessOutcome[]>;
}

export interface Delivery {
  event: DomainEvent;
  attempt: number;
}

/**
 * Runs a handler at most once per event per consumer, whatever the transport redelivers: the inbox row and
 * the handler's effect commit in one transaction. Events of a LERO run with that tenant's filter and RLS
 * setting in place, so handlers write tenant-owned rows the same way request handlers do.
 */
export class DomainEventConsumer implements EventProcessor {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly maxDeliver: number;
  private readonly db: ServiceDatabase;
  private readonly handle: DomainEventHandler;
  private readonly logger: MessagingLogger;

  constructor(def: DomainEventConsumerDefinition) {
    if (!/^[A-Za-z0-9_-]+$/.test(def.name))
      throw new Error(`Consumer name "${def.name}" must be letters, digits, "-" or "_".`);
    if (def.subjects.length === 0) throw new Error(`Consumer "${def.name}" listens to no subjects.`);
    this.name = def.name;
    this.subjects = [...def.subjects];
    this.maxDeliver = def.maxDeliver ?? 5;
    this.db = def.db;
    this.handle = def.handle;
    this.logger = def.logger ?? new Logger(`EventConsumer(${def.name})`);
  }

  /**
   * Handles one delivery. `attempt` starts at 1. Throws only when the event could not even be dead-lettered
   * (the database is unreachable): the transport must then keep the event and offer it again.
   */
  async process(event: DomainEvent, attempt: number): Promise<ProcessOutcome> {
    try {
      const em = event.tenantId ? this.db.forTenant(asTenantId(event.tenantId)).em : this.db.em();
      const handled = await em.transactional(async (tx) => {
        const res = await tx.execute<{ affectedRows: number }>(
          `insert into "${this.db.schema}".inbox (consumer, event_id) values (?, ?) on conflict do nothing`,
          [this.name, event.id],
          'run',
        );
        if (res.affectedRows === 0) return false;
        await this.handle(tx, event);
        return true;
      });
      return handled ? 'handled' : 'duplicate';
    } catch (err) {
      if (attempt < this.maxDeliver) {
        this.logger.warn(
          `${event.subject} ${event.id} failed (attempt ${attempt} of ${this.maxDeliver}): ${describeError(err)}`,
        );
        return 'retry';
      }
      await this.deadLetter(event, attempt, err);
      this.logger.error(
        `${event.subject} ${event.id} failed ${attempt} times and was dead-lettered.`,
        describeError(err),
      );
      return 'dead';
    }
  }

  /**
   * Handles deliveries that arrived together. Consecutive events of the same LERO share one transaction (one
   * inbox insert for all, then each handler in order): a queue that built up is worked off with a fraction
   * of the round trips. If anything in such a transaction fails, it rolls back whole and its events are
   * processed one by one, each with its own retries and dead letter, exactly as `process` does.
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
      else for (const d of run) outcomes.push(await this.process(d.event, d.attempt));
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
          await this.handle(tx, event);
          outcomes.push('handled');
        }
        return outcomes;
      });
    } catch (err) {
      this.logger.warn(
        `A batch of ${run.length} events failed together; handling them one by one: ${describeError(err)}`,
      );
      return null;
    }
  }

  private async deadLetter(event: DomainEvent, attempts: number, err: unknown): Promise<void> {
    await this.db.em().execute(
      `insert into "${this.db.schema}".dead_letter (id, consumer, event_id, subject, payload, error, attempts)
        values (?, ?, ?, ?, ?::jsonb, ?, ?)`,
      [
        uuidv7(),
        this.name,
        UUID.test(event.id) ? event.id : null,
        event.subject,
        JSON.stringify(event),
        describeError(err),
        attempts,
      ],
      'run',
    );
  }
}

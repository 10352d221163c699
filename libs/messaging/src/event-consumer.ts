import { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import type { DomainEvent } from '@hearth/contracts';
import { asTenantId, type ServiceDatabase } from '@hearth/persistence';
import { describeError, type MessagingLogger } from './event-publisher';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DomainEventHandler = (em: EntityManager, event: DomainEvent) => Promise<void>;

export interface DomainEventConsumerDefinition {
  /** Durable consumer name, unique across the deployment, e.g. `reporting-membership`. */
  name: string;
  /** Contract subjects (unprefixed), e.g. `['evt.tenants.>']`. */
  subjects: string[];
  db: ServiceDatabase;
  handle: DomainEventHandler;
  /** Attempts before the event is dead-lettered. */
  maxDeliver?: number;
  logger?: MessagingLogger;
}

export type ProcessOutcome = 'handled' | 'duplicate' | 'retry' | 'dead';

/** What a transport needs from a consumer: where it listens and how one delivery is processed. */
export interface EventProcessor {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly maxDeliver: number;
  process(event: DomainEvent, attempt: number): Promise<ProcessOutcome>;
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

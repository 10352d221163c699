import { Logger } from '@nestjs/common';
import type { DomainEvent } from '@hearth/contracts';
import type { ServiceDatabase } from '@hearth/persistence';
import { describeError, type EventPublisher, type MessagingLogger } from './event-publisher';
import { OutboxMessage } from './outbox.entity';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Pause between polls when the outbox is empty, and before retrying a failed batch. */
  idleMs?: number;
  logger?: MessagingLogger;
}

interface OutboxRow {
  id: string;
  subject: string;
  tenant_id: string | null;
  payload: unknown;
  occurred_at: Date | string;
}

const toEvent = (row: OutboxRow): DomainEvent => ({
  id: row.id,
  subject: row.subject,
  occurredAt: new Date(row.occurred_at).toISOString(),
  tenantId: row.tenant_id,
  data: row.payload,
});

/**
 * Moves committed outbox rows to the event transport, oldest first. A row is marked published only after the
 * transport accepted it, in the same transaction that locked it, so a crash means a re-send (deduped
 * downstream by the event id), never a loss. `skip locked` lets replicas share the work.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly logger: MessagingLogger;
  private running = false;
  private watching = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  /** Serialises batches in this process so events leave in id order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: ServiceDatabase,
    private readonly publisher: EventPublisher,
    opts: OutboxRelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 100;
    this.idleMs = opts.idleMs ?? 200;
    this.logger = opts.logger ?? new Logger(`OutboxRelay(${db.schema})`);
  }

  /** Nest lifecycle: a relay provided to a module runs for as long as the app does. */
  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.watchCommits();
    this.loop = this.run();
  }

  /**
   * Relays right after a transaction that wrote outbox rows commits, instead of at the next poll: events
   * leave within milliseconds, and the poll only covers what another replica or a restart left behind.
   */
  private watchCommits(): void {
    if (this.watching) return;
    this.watching = true;
    // Per transaction: a shared flag would let another transaction's commit kick too early.
    const pending = new WeakSet<object>();
    this.db.onEventsCommitted(() => this.kick());
    this.db.orm.em.getEventManager().registerSubscriber({
      afterFlush: ({ em, uow }) => {
        if (!uow.getChangeSets().some((cs) => cs.entity instanceof OutboxMessage)) return;
        const tx = em.getTransactionContext<object>();
        if (tx) pending.add(tx);
        else this.kick(); // the flush ran its own transaction, already committed
      },
      afterTransactionCommit: ({ transaction }) => {
        if (transaction && pending.has(transaction)) {
          pending.delete(transaction);
          this.kick();
        }
      },
    });
  }

  /** Stops polling and waits for the batch in flight, so shutdown never cuts a publish in half. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Runs a batch soon instead of waiting for the next poll; call it after committing events. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Relays one batch and returns how many events it published. */
  drainOnce(): Promise<number> {
    const batch = this.queue.then(() => this.relayBatch());
    this.queue = batch.catch(() => undefined);
    return batch;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      let delay = 0;
      try {
        const count = await this.drainOnce();
        if (count < this.batchSize) delay = this.idleMs;
      } catch (err) {
        this.logger.warn(
          `Relaying the ${this.db.schema} outbox failed; retrying in ${this.idleMs}ms: ${describeError(err)}`,
        );
        delay = this.idleMs;
      }
      if (delay > 0 && this.running && !this.kicked) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Two round trips around the publishes: lock a batch; mark it published and commit. */
  private async relayBatch(): Promise<number> {
    const table = `"${this.db.schema}".outbox`;
    return this.db.transactPlatform(async (tx) => {
      const [rows] = await tx.run<[OutboxRow[]]>({
        sql: `select id, subject, tenant_id, payload, occurred_at from ${table}
          where published_at is null order by id limit $1 for update skip locked`,
        params: [this.batchSize],
      });
      if (rows.length === 0) return 0;
      // In order and one at a time: a consumer sees a LERO's events in the order they happened.
      for (const row of rows) await this.publisher.publish(toEvent(row));
      await tx.run(
        {
          sql: `update ${table} set published_at = now() where id in (${rows.map((_, i) => `$${i + 1}`).join(', ')})`,
          params: rows.map((r) => r.id),
        },
        { commit: true },
      );
      return rows.length;
    });
  }
}

import { Logger } from '@nestjs/common';
import type { DomainEvent } from '@hearth/contracts';
import type { ServiceDatabase } from '@hearth/persistence';
import { describeError, type EventPublisher, type MessagingLogger } from './event-publisher';
import { OutboxMessage } from './outbox.entity';
import { DeliveryDeferredError } from './in-process-event-bus';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';
import { traceRelayPublish } from './trace-context';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Pause between polls when the outbox is empty, and the first pause after a failed batch. */
  idleMs?: number;
  /** The longest pause between tries while the transport refuses events (NATS away, the stream full). */
  maxBackoffMs?: number;
  /** Backoff of a row a consumer could not take yet (in process), and how long before that is an alarm. */
  retry?: RetryPolicy;
  logger?: MessagingLogger;
}

interface OutboxRow {
  id: string;
  subject: string;
  tenant_id: string | null;
  payload: unknown;
  occurred_at: Date | string;
  attempts: number;
  traceparent: string | null;
  tracestate: string | null;
}

interface Published {
  published: string[];
  deferred: { id: string; delayMs: number }[];
  failure?: { err: unknown };
}

/** A publish's outcome, never rejected: a pipelined batch's later acks may fail after the first failure. */
const settled = (publish: Promise<void>): Promise<PromiseSettledResult<void>> =>
  publish.then(
    () => ({ status: 'fulfilled', value: undefined }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );

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
  private readonly maxBackoffMs: number;
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  /** Failed batches in a row: the pause grows with them and the log says it once, not every time. */
  private failures = 0;
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
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.retry = opts.retry ?? DEFAULT_RETRY_POLICY;
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
        if (this.failures > 0)
          this.logger.log(`Relaying the ${this.db.schema} outbox again after ${this.failures} failed tries.`);
        this.failures = 0;
        if (count < this.batchSize) delay = this.idleMs;
      } catch (err) {
        this.failures++;
        delay = retryDelayMs(this.failures, {
          firstDelayMs: this.idleMs,
          maxDelayMs: this.maxBackoffMs,
          horizonMs: this.maxBackoffMs,
        });
        // The outbox keeps every event meanwhile; say so once, then now and then, not at every try.
        if (this.failures === 1 || this.failures % 20 === 0)
          this.logger.warn(
            `Relaying the ${this.db.schema} outbox failed (${this.failures} in a row); the events wait in the ` +
              `outbox and are tried again with backoff (next in ${delay} ms): ${describeError(err)}`,
          );
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

  /**
   * Two round trips around the publishes: lock a batch of rows that are due; mark those the transport took as
   * published, and put off those a consumer could not take yet (in process), each with its own backoff.
   */
  private async relayBatch(): Promise<number> {
    const table = `"${this.db.schema}".outbox`;
    return this.db.transactPlatform(async (tx) => {
      const [rows] = await tx.run<[OutboxRow[]]>({
        sql: `select id, subject, tenant_id, payload, occurred_at, attempts, traceparent, tracestate from ${table}
          where published_at is null and (next_attempt_at is null or next_attempt_at <= now())
          order by id limit $1 for update skip locked`,
        params: [this.batchSize],
      });
      if (rows.length === 0) return 0;
      const { published, deferred, failure } = await this.publishAll(rows);
      const statements = [
        ...(published.length
          ? [
              {
                sql: `update ${table} set published_at = now() where id in (${published.map((_, i) => `$${i + 1}`).join(', ')})`,
                params: published,
              },
            ]
          : []),
        ...deferred.map((d) => ({
          sql: `update ${table} set attempts = attempts + 1,
            next_attempt_at = now() + $2 * interval '1 millisecond' where id = $1`,
          params: [d.id, d.delayMs],
        })),
      ];
      await tx.run(statements, { commit: true });
      // The rows the transport took are marked; those it refused (and, one at a time, those after) wait for the next try.
      if (failure) throw failure.err;
      return rows.length;
    });
  }

  /**
   * The batch's publishes, in order: those the transport took, those a consumer could not take yet (in process),
   * and the first failure. One at a time (in process), nothing after a failure is sent: a consumer sees a LERO's
   * events in the order they happened. A transport that `pipelines` gets the whole batch before the first ack is
   * awaited: it stores one connection's publishes in the order sent, so the order holds when all succeed; after a
   * refusal, every event it took all the same is marked (it is stored: sent again it would be stored again once
   * the stream's duplicate window has passed) and may be ahead of the one refused, which consumers take in any
   * order (ADR 0018, ADR 0095).
   */
  private async publishAll(rows: OutboxRow[]): Promise<Published> {
    const send = (row: OutboxRow) =>
      traceRelayPublish(this.db.schema, row.subject, row, () =>
        this.publisher.publish(toEvent(row), { attempt: row.attempts + 1 }),
      );
    const result: Published = { published: [], deferred: [] };
    const sent = this.publisher.pipelines ? rows.map((row) => settled(send(row))) : undefined;
    for (const [i, row] of rows.entries()) {
      // Every ack settles (or times out) before the batch's transaction ends.
      const outcome = await (sent ? sent[i] : settled(send(row)));
      if (outcome.status === 'fulfilled') result.published.push(row.id);
      else if (outcome.reason instanceof DeliveryDeferredError) {
        const delayMs = retryDelayMs(row.attempts + 1, this.retry);
        result.deferred.push({ id: row.id, delayMs });
        this.reportDeferred(row, outcome.reason, delayMs);
      } else {
        result.failure ??= { err: outcome.reason };
        if (!sent) break;
      }
    }
    return result;
  }

  private reportDeferred(row: OutboxRow, err: DeliveryDeferredError, delayMs: number): void {
    const age = Date.now() - new Date(row.occurred_at).getTime();
    const what = `${row.subject} ${row.id}: ${err.consumers.join(', ')} could not take it yet (attempt ${row.attempts + 1})`;
    if (age > this.retry.horizonMs)
      this.logger.error(
        `${what}, past its retry horizon; still retrying in ${delayMs} ms. Look at the consumer's log for why.`,
      );
    else this.logger.warn(`${what}; offered again in ${delayMs} ms.`);
  }
}

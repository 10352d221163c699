import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { millis } from '@nats-io/nats-core';
import { jetstream, type Consumer, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { EVENTS_STREAM, type DomainEvent } from '@hearth/contracts';
import type { ReadinessReport } from '@hearth/platform';
import { describeError, type MessagingLogger } from './event-publisher';
import { isDomainEvent, type EventProcessor, type ProcessOutcome } from './event-consumer';
import { ACK_WAIT_MS, isMissingResource } from './jetstream';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';
import { rememberEventTrace } from './trace-context';

export interface JetStreamConsumerRunnerOptions {
  ackWaitMs?: number;
  /** Messages pulled ahead of the ones being handled, and the most handled together. */
  batch?: number;
  /** Backoff of an event that failed, and how long it is tried before that is an alarm. */
  retry?: RetryPolicy;
  /** The longest pause between tries to bind again (a consumer or stream that is missing, a loop that died). */
  maxRebindDelayMs?: number;
  /** Re-creates the stream and consumers when they are missing: only where this process may (standalone). */
  provision?: () => Promise<unknown>;
  logger?: MessagingLogger;
}

type RunnerState = 'stopped' | 'binding' | 'consuming' | 'missing' | 'failed';

/** While the database is away, the events already pulled come back after this and nothing more is handled. */
const UNAVAILABLE_NAK_MS = 5000;
const DATABASE_POLL_MAX_MS = 30_000;
const INFO_CACHE_MS = 1000;

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Feeds a durable pull consumer into a DomainEventConsumer, in order, acking only after the handler's
 * transaction committed. It supervises itself: a loop that ends or a consumer that goes missing is bound again
 * with backoff, without a process restart, and readiness says why it is not consuming meanwhile. A failed
 * event comes back after an exponential backoff (seconds to hours), for as long as the stream keeps it; while
 * the database is away nothing is handled until it answers again.
 */
export class JetStreamConsumerRunner {
  private readonly ackWaitMs: number;
  private readonly batch: number;
  private readonly retry: RetryPolicy;
  private readonly maxRebindDelayMs: number;
  private readonly logger: MessagingLogger;
  private state: RunnerState = 'stopped';
  private reason?: string;
  private supervisor?: Promise<void>;
  private consumerHandle?: Consumer;
  private messages?: ConsumerMessages;
  private stopping = false;
  private wake?: () => void;
  /** Events being retried: stream sequence → when the stream took them (ms). */
  private readonly retrying = new Map<number, number>();
  private info?: { at: number; lag: number };
  private lastNudge = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly consumer: EventProcessor,
    private readonly opts: JetStreamConsumerRunnerOptions = {},
  ) {
    this.ackWaitMs = opts.ackWaitMs ?? ACK_WAIT_MS;
    this.batch = opts.batch ?? 50;
    this.retry = opts.retry ?? DEFAULT_RETRY_POLICY;
    this.maxRebindDelayMs = opts.maxRebindDelayMs ?? 30_000;
    this.logger = opts.logger ?? new Logger(`JetStreamConsumer(${consumer.name})`);
  }

  get name(): string {
    return this.consumer.name;
  }

  /**
   * Binds to the durable consumer `migrate` provisioned and starts consuming. Resolves after the first try,
   * bound or not: a missing consumer is said plainly (log, readiness) and bound as soon as it exists.
   */
  async start(): Promise<void> {
    if (this.supervisor) return;
    this.stopping = false;
    let firstTry!: () => void;
    const tried = new Promise<void>((resolve) => (firstTry = resolve));
    this.supervisor = this.supervise(firstTry);
    await tried;
  }

  /** Stops pulling and waits for the message being handled; prefetched ones go straight back to the stream. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.messages?.close();
    await this.supervisor;
    this.supervisor = undefined;
  }

  /**
   * Ready while consuming and the consumer exists; the details carry the lag and the events being retried.
   * While it is not, each probe also nudges the supervisor to try binding now (at most once a second), so it
   * comes back as soon as what was missing is there again.
   */
  async readiness(): Promise<ReadinessReport> {
    if (this.state !== 'consuming' || !this.consumerHandle) {
      if (Date.now() - this.lastNudge > 1000 && this.state !== 'stopped') {
        this.lastNudge = Date.now();
        this.wake?.();
      }
      return { ready: false, details: { state: this.state, reason: this.reason ?? 'not started' } };
    }
    try {
      return { ready: true, details: { lag: await this.lag(), retrying: this.retrying.size } };
    } catch (err) {
      if (isMissingResource(err)) {
        this.rebind(`the durable consumer ${this.name} or the stream ${EVENTS_STREAM} is missing`);
        return { ready: false, details: { state: 'missing', reason: this.reason } };
      }
      return { ready: false, details: { reason: reasonOf(err) } };
    }
  }

  /** Events of this consumer not yet acknowledged: pending in the stream plus delivered and not acked. */
  async lag(): Promise<number> {
    if (!this.consumerHandle) throw new Error(`${this.name} is not bound`);
    if (this.info && Date.now() - this.info.at < INFO_CACHE_MS) return this.info.lag;
    const info = await this.consumerHandle.info();
    this.info = { at: Date.now(), lag: info.num_pending + info.num_ack_pending };
    return this.info.lag;
  }

  /** How many events are being retried, and the age of the oldest (seconds), for metrics. */
  retryingStats(): { count: number; oldestSeconds: number } {
    const oldest = Math.min(...this.retrying.values());
    return {
      count: this.retrying.size,
      oldestSeconds: this.retrying.size ? Math.max(0, (Date.now() - oldest) / 1000) : 0,
    };
  }

  /** Ends the current loop; the supervisor binds again (and finds out whether the consumer is there). */
  private rebind(reason: string): void {
    if (this.state !== 'consuming') return;
    this.state = 'missing';
    this.reason = reason;
    void this.messages?.close();
  }

  private async supervise(firstTry: () => void): Promise<void> {
    const name = this.name;
    let failures = 0;
    while (!this.stopping) {
      try {
        this.state = 'binding';
        const consumer = await jetstream(this.nc).consumers.get(EVENTS_STREAM, name);
        const messages = await consumer.consume({
          max_messages: this.batch,
          abort_on_missing_resource: true,
        });
        this.consumerHandle = consumer;
        this.messages = messages;
        this.state = 'consuming';
        this.reason = undefined;
        if (failures > 0) this.logger.log(`Consuming ${name} again after ${failures} failed tries.`);
        failures = 0;
        firstTry();
        await this.run(messages);
        if (this.stopping) break;
        throw new Error(this.reason ?? 'the consumer loop ended without being stopped');
      } catch (err) {
        if (this.stopping) break;
        failures++;
        const missing = isMissingResource(err) || this.state === 'missing';
        this.state = missing ? 'missing' : 'failed';
        this.reason = missing
          ? `the durable consumer ${name} or the stream ${EVENTS_STREAM} is missing`
          : `consuming failed: ${reasonOf(err)}`;
        firstTry();
        if (missing && this.opts.provision) {
          try {
            await this.opts.provision();
            this.logger.warn(`${this.reason}: re-created it (this process may provision JetStream).`);
            continue;
          } catch (provisionErr) {
            this.logger.error(`Re-creating ${EVENTS_STREAM} and ${name} failed: ${reasonOf(provisionErr)}`);
          }
        }
        const delay = retryDelayMs(failures, {
          firstDelayMs: 500,
          maxDelayMs: this.maxRebindDelayMs,
          horizonMs: this.maxRebindDelayMs,
        });
        if (failures === 1 || failures % 10 === 0)
          this.logger.error(
            missing
              ? `${this.reason}: events for ${name} are not being handled. Run the migrate step (npm run migrate, ` +
                  `as the NATS user "migrate") to create it again; this service binds again by itself ` +
                  `(next try in ${delay} ms).`
              : `${this.reason}; binding ${name} again in ${delay} ms.`,
          );
        await this.sleep(delay);
      } finally {
        this.messages = undefined;
        this.consumerHandle = undefined;
        this.info = undefined;
      }
    }
    this.state = 'stopped';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * Takes messages off the subscription into a short queue while the previous ones are handled, then handles
   * what has gathered as one batch (in order): one message at a time when traffic is light, up to `batch`
   * together when a queue built up. The queue is bounded, so nothing waits long enough to be redelivered.
   * Returns when the subscription ends; throws what ended it.
   */
  private async run(messages: ConsumerMessages): Promise<void> {
    const queue: JsMsg[] = [];
    let ended = false;
    let wakeWorker: (() => void) | undefined;
    let wakePump: (() => void) | undefined;
    let failed: unknown;
    const pump = (async () => {
      try {
        for await (const msg of messages) {
          queue.push(msg);
          wakeWorker?.();
          if (queue.length >= this.batch) await new Promise<void>((r) => (wakePump = r));
        }
      } catch (err) {
        failed = err; // thrown below, after the batches already taken are handled
      } finally {
        ended = true;
        wakeWorker?.();
      }
    })();
    for (;;) {
      if (queue.length === 0) {
        if (ended) break;
        await new Promise<void>((r) => (wakeWorker = r));
        wakeWorker = undefined;
        continue;
      }
      const batch = queue.splice(0, this.batch);
      wakePump?.();
      wakePump = undefined;
      if (this.stopping) for (const msg of batch) msg.nak();
      else if (await this.handleBatch(batch)) await this.waitForDatabase();
    }
    await pump;
    if (failed !== undefined) throw failed;
  }

  /** After `unavailable`: nothing more is handled until the consumer's database answers again. */
  private async waitForDatabase(): Promise<void> {
    if (!this.consumer.isAvailable) return;
    for (let tries = 1; !this.stopping; tries++) {
      if (await this.consumer.isAvailable().catch(() => false)) return;
      await this.sleep(
        retryDelayMs(tries, {
          firstDelayMs: 250,
          maxDelayMs: DATABASE_POLL_MAX_MS,
          horizonMs: DATABASE_POLL_MAX_MS,
        }),
      );
    }
  }

  /** Handles a batch; true when the database was away for some of it. */
  private async handleBatch(msgs: JsMsg[]): Promise<boolean> {
    const deliveries: { msg: JsMsg; event: DomainEvent; attempt: number; streamSeq: number }[] = [];
    for (const msg of msgs) {
      const event = await this.parse(msg);
      if (event) rememberEventTrace(event, msg.headers);
      if (event) deliveries.push({ msg, event, attempt: msg.info.deliveryCount, streamSeq: msg.seq });
    }
    if (deliveries.length === 0) return false;
    // Long handlers tell the server they are alive, so it does not redeliver mid-way.
    const heartbeat = setInterval(
      () => deliveries.forEach((d) => d.msg.working()),
      Math.max(1000, this.ackWaitMs / 3),
    );
    try {
      let outcomes: ProcessOutcome[];
      if (deliveries.length > 1 && this.consumer.processBatch)
        outcomes = await this.consumer.processBatch(deliveries);
      else {
        outcomes = [];
        for (const d of deliveries) outcomes.push(await this.consumer.process(d.event, d.attempt, d));
      }
      deliveries.forEach((d, i) => this.settle(d.msg, d.event, outcomes[i]));
      return outcomes.includes('unavailable');
    } catch (err) {
      this.logger.error(
        `${deliveries.length} events could not be handled or dead-lettered; they will be redelivered.`,
        describeError(err),
      );
      for (const d of deliveries) d.msg.nak(UNAVAILABLE_NAK_MS);
      return true;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The event in a message; a message that is not one is dead-lettered (by its stream sequence) and dropped. */
  private async parse(msg: JsMsg): Promise<DomainEvent | undefined> {
    let event: unknown;
    try {
      event = msg.json<unknown>();
    } catch {
      event = undefined;
    }
    if (isDomainEvent(event)) return event;
    try {
      await this.consumer.recordUnreadable?.(msg.subject, { streamSeq: msg.seq }, 'not a domain event');
      // No term reason: servers before 2.10.4 ignore a `+TERM` that carries one.
      msg.term();
    } catch (err) {
      this.logger.warn(
        `An unreadable message (stream seq ${msg.seq}) waits for the database: ${reasonOf(err)}`,
      );
      msg.nak(UNAVAILABLE_NAK_MS);
    }
    return undefined;
  }

  private settle(msg: JsMsg, event: DomainEvent, outcome: ProcessOutcome): void {
    // Not waiting for the server to confirm the ack (a round trip per event): a lost ack only means a
    // redelivery, which the inbox turns into a duplicate.
    if (outcome === 'handled' || outcome === 'duplicate') {
      msg.ack();
      this.retrying.delete(msg.seq);
    } else if (outcome === 'dead') {
      msg.term();
      this.retrying.delete(msg.seq);
    } else if (outcome === 'unavailable') {
      msg.nak(UNAVAILABLE_NAK_MS);
    } else {
      const storedAt = millis(msg.info.timestampNanos);
      this.retrying.set(msg.seq, storedAt);
      const delay = retryDelayMs(msg.info.deliveryCount, this.retry);
      if (Date.now() - storedAt > this.retry.horizonMs)
        this.logger.error(
          `${event.subject} ${event.id} still fails after its retry horizon; tried again in ${delay} ms until the ` +
            `stream drops it (its max age). Find the cause in this consumer's log.`,
        );
      msg.nak(delay);
    }
  }
}

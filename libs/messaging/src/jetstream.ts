import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  jetstream,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import {
  EVENT_CONSUMERS,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  type DomainEvent,
  type EventConsumerContract,
} from '@hearth/contracts';
import { describeError, type EventPublisher, type MessagingLogger } from './event-publisher';
import type { EventProcessor, ProcessOutcome } from './event-consumer';

const DUPLICATE_WINDOW_MS = 2 * 60_000;
const ACK_WAIT_MS = 30_000;

const isApiError = (err: unknown, code: number) => err instanceof JetStreamApiError && err.code === code;

export interface ProvisionOptions {
  /** Stream replicas (3 on a NATS cluster); left as it is on an existing stream. */
  replicas?: number;
  /** The durable consumers to create; default: every one of the contract. */
  consumers?: readonly EventConsumerContract[];
}

/**
 * The deploy step's part on NATS, run as the `migrate` user: creates the events stream (or widens an
 * existing one to our subjects and dedup window, leaving what an operator tuned) and every service's durable
 * consumer with its contract filter. Services only bind to what exists: they may not create, change or purge.
 */
export async function provisionJetStream(
  jsm: JetStreamManager,
  opts: ProvisionOptions = {},
): Promise<{ stream: string; consumers: string[] }> {
  const duplicateWindow = nanos(DUPLICATE_WINDOW_MS);
  try {
    const { config } = await jsm.streams.info(EVENTS_STREAM);
    if (!config.subjects?.includes(EVENTS_SUBJECTS) || config.duplicate_window !== duplicateWindow) {
      await jsm.streams.update(EVENTS_STREAM, {
        subjects: [...new Set([...(config.subjects ?? []), EVENTS_SUBJECTS])],
        duplicate_window: duplicateWindow,
      });
    }
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
    await jsm.streams.add({
      name: EVENTS_STREAM,
      subjects: [EVENTS_SUBJECTS],
      storage: StorageType.File,
      duplicate_window: duplicateWindow,
      num_replicas: opts.replicas ?? 1,
    });
  }
  const consumers = opts.consumers ?? Object.values(EVENT_CONSUMERS);
  for (const c of consumers) await ensureConsumer(jsm, c);
  return { stream: EVENTS_STREAM, consumers: consumers.map((c) => c.durable) };
}

async function ensureConsumer(jsm: JetStreamManager, c: EventConsumerContract): Promise<void> {
  const config = {
    filter_subject: c.subject,
    ack_wait: nanos(ACK_WAIT_MS),
    // Unlimited on the server: the consumer decides when to dead-letter, and an event whose dead-letter
    // write failed (database down) must come back rather than be dropped.
    max_deliver: -1,
  };
  try {
    const info = await jsm.consumers.info(EVENTS_STREAM, c.durable);
    if (info.config.filter_subject !== c.subject || info.config.ack_wait !== config.ack_wait) {
      await jsm.consumers.update(EVENTS_STREAM, c.durable, config);
    }
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    await jsm.consumers.add(EVENTS_STREAM, {
      ...config,
      durable_name: c.durable,
      ack_policy: AckPolicy.Explicit,
    });
  }
}

/** Publishes domain events to JetStream; the event id is the `Nats-Msg-Id`, so a relay re-send is dropped. */
export class JetStreamPublisher implements EventPublisher {
  private readonly js: JetStreamClient;

  constructor(nc: NatsConnection) {
    this.js = jetstream(nc);
  }

  /** Fails while the stream is missing (migrate has not run): the outbox keeps the event and retries. */
  async publish(event: DomainEvent): Promise<void> {
    await this.js.publish(event.subject, JSON.stringify(event), { msgID: event.id });
  }
}

export interface JetStreamConsumerRunnerOptions {
  ackWaitMs?: number;
  /** Messages pulled ahead of the ones being handled, and the most handled together. */
  batch?: number;
  logger?: MessagingLogger;
}

const isDomainEvent = (value: unknown): value is DomainEvent => {
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

/**
 * Feeds a durable pull consumer into a DomainEventConsumer, one message at a time so a LERO's events are
 * handled in order. The ack is sent only after the handler's transaction committed.
 */
export class JetStreamConsumerRunner {
  private readonly ackWaitMs: number;
  private readonly batch: number;
  private readonly logger: MessagingLogger;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly consumer: EventProcessor,
    opts: JetStreamConsumerRunnerOptions = {},
  ) {
    this.ackWaitMs = opts.ackWaitMs ?? ACK_WAIT_MS;
    this.batch = opts.batch ?? 50;
    this.logger = opts.logger ?? new Logger(`JetStreamConsumer(${consumer.name})`);
  }

  /** Binds to the durable consumer `migrate` provisioned; a missing one is a deploy error, said plainly. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    const name = this.consumer.name;
    const consumer = await jetstream(this.nc)
      .consumers.get(EVENTS_STREAM, name)
      .catch((err: unknown) => {
        throw new Error(
          `The durable consumer ${name} on ${EVENTS_STREAM} is missing or not ours to read: run the migrate step (${describeError(err)}).`,
        );
      });
    this.messages = await consumer.consume({ max_messages: this.batch });
    this.loop = this.run(this.messages);
  }

  /** Stops pulling and waits for the message being handled; prefetched ones go straight back to the stream. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.loop;
    this.loop = undefined;
    this.messages = undefined;
  }

  /**
   * Takes messages off the subscription into a short queue while the previous ones are handled, then handles
   * what has gathered as one batch (in order): one message at a time when traffic is light, up to `batch`
   * together when a queue built up. The queue is bounded, so nothing waits long enough to be redelivered.
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
        failed = err; // reported below, after the batches already taken are handled
      } finally {
        ended = true;
        wakeWorker?.();
      }
    })();
    try {
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
        else await this.handleBatch(batch);
      }
      await pump;
      if (failed !== undefined) throw failed;
      if (!this.stopping) this.logger.error(`Consuming ${this.consumer.name} ended without being stopped.`);
    } catch (err) {
      this.logger.error(`Consuming ${this.consumer.name} stopped unexpectedly.`, describeError(err));
    }
  }

  private async handleBatch(msgs: JsMsg[]): Promise<void> {
    if (msgs.length === 1 || !this.consumer.processBatch) {
      for (const msg of msgs) await this.handle(msg);
      return;
    }
    const deliveries: { msg: JsMsg; event: DomainEvent; attempt: number }[] = [];
    for (const msg of msgs) {
      const event = this.parse(msg);
      if (event) deliveries.push({ msg, event, attempt: msg.info.deliveryCount });
    }
    const heartbeat = setInterval(
      () => deliveries.forEach((d) => d.msg.working()),
      Math.max(1000, this.ackWaitMs / 3),
    );
    try {
      const outcomes = await this.consumer.processBatch(deliveries);
      deliveries.forEach((d, i) => this.settle(d.msg, d.event, outcomes[i]));
    } catch (err) {
      this.logger.error(
        `${deliveries.length} events could not be handled or dead-lettered; they will be redelivered.`,
        describeError(err),
      );
      for (const d of deliveries) d.msg.nak(Math.min(1000 * d.attempt, 30_000));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The event in a message, or undefined after dropping a malformed one. */
  private parse(msg: JsMsg): DomainEvent | undefined {
    let event: unknown;
    try {
      event = msg.json<unknown>();
    } catch {
      event = undefined;
    }
    if (isDomainEvent(event)) return event;
    this.logger.error(`Dropping a malformed event on ${msg.subject} (stream seq ${msg.seq}).`);
    msg.term();
    return undefined;
  }

  private settle(msg: JsMsg, event: DomainEvent, outcome: ProcessOutcome): void {
    // Not waiting for the server to confirm the ack (a round trip per event): a lost ack only means a
    // redelivery, which the inbox turns into a duplicate.
    if (outcome === 'handled' || outcome === 'duplicate') msg.ack();
    else if (outcome === 'retry') msg.nak(200 * msg.info.deliveryCount);
    // No term reason: servers before 2.10.4 ignore a `+TERM` that carries one.
    else msg.term();
  }

  private async handle(msg: JsMsg): Promise<void> {
    const event = this.parse(msg);
    if (!event) return;
    const attempt = msg.info.deliveryCount;
    // Long handlers tell the server they are alive, so it does not redeliver mid-way.
    const heartbeat = setInterval(() => msg.working(), Math.max(1000, this.ackWaitMs / 3));
    try {
      this.settle(msg, event, await this.consumer.process(event, attempt));
    } catch (err) {
      this.logger.error(
        `${event.subject} ${event.id} could not be handled or dead-lettered; it will be redelivered.`,
        describeError(err),
      );
      msg.nak(Math.min(1000 * attempt, 30_000));
    } finally {
      clearInterval(heartbeat);
    }
  }
}

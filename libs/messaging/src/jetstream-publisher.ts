import {
  createInbox,
  errors,
  headers as natsHeaders,
  type ConnectionOptions,
  type Msg,
  type NatsConnection,
} from '@nats-io/nats-core';
import { JetStreamApiError, JetStreamError, type ApiError, type PubAck } from '@nats-io/jetstream';
import { Logger } from '@nestjs/common';
import type { DomainEvent } from '@hearth/contracts';
import type { EventPublisher } from './event-publisher';
import { withTraceHeaders } from './trace-context';

/** How long a publish waits for the stream's ack: nats.js's own default for `js.publish`. */
export const PUBLISH_TIMEOUT_MS = 5000;

export interface JetStreamPublisherOptions {
  /** How long a publish waits for the stream's ack before it fails (the outbox keeps the event). */
  timeoutMs?: number;
}

/** One connection's reply subscription: every publish's ack arrives on it, by its token. */
interface Acks {
  prefix: string;
  waiting: Map<string, (msg: Msg | Error) => void>;
}

/**
 * The stream's answer to a publish as nats.js's `js.publish` read it: the ack, or the API error it carries
 * (`discard: new` on a full stream: "maximum messages exceeded"), or NATS's 503 when no stream takes the subject.
 */
function ackOf(subject: string, msg: Msg): Error | PubAck {
  const status = msg.headers?.code ?? 0;
  if (status === 503)
    return new JetStreamError(
      `no stream takes ${subject} (stream not found: NATS answered 503, no responders); run the migrate step`,
    );
  if (status >= 300)
    return new JetStreamError(`the publish of ${subject} was answered ${status} ${msg.headers?.description}`);
  let ack: Partial<PubAck> & { error?: ApiError };
  try {
    ack = msg.json();
  } catch {
    return new JetStreamError('invalid ack response');
  }
  if (ack.error) return new JetStreamApiError(ack.error);
  if (!ack.stream) return new JetStreamError('invalid ack response');
  return ack as PubAck;
}

/**
 * Publishes domain events to JetStream; the event id is the `Nats-Msg-Id`, so a relay re-send is dropped (within
 * the stream's duplicate window). A publish is a message with a reply subject on one subscription per connection,
 * a token and a timer (ADR 0095), as `NatsRequestTransport` does requests: nats.js's `js.publish` builds an Error
 * with its stack for every request, even those that succeed. `publish` puts the message on the wire before it
 * returns, so publishes made one after another are stored in that order and their acks may be awaited later
 * (`pipelines`).
 */
export class JetStreamPublisher implements EventPublisher {
  readonly pipelines = true;
  private readonly logger = new Logger('JetStreamPublisher');
  private readonly timeoutMs: number;
  private acks?: Acks;
  private sequence = 0;

  constructor(
    private readonly nc: NatsConnection,
    opts: JetStreamPublisherOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? PUBLISH_TIMEOUT_MS;
  }

  /**
   * Fails while the stream is missing (migrate has not run) or full (`discard: new`), or when no ack comes in
   * time: the outbox keeps the event and retries. Resolves only once the stream stored it (with
   * `sync_interval: always`, on disk), or had it already (a duplicate).
   */
  publish(event: DomainEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const acks = this.listening();
      const token = (++this.sequence).toString(36);
      const timer = setTimeout(() => {
        acks.waiting.delete(token);
        reject(new errors.TimeoutError());
      }, this.timeoutMs);
      acks.waiting.set(token, (answer) => {
        clearTimeout(timer);
        const ack = answer instanceof Error ? answer : ackOf(event.subject, answer);
        if (ack instanceof Error) reject(ack);
        else resolve();
      });
      // The relay's publish span, as the consumers' parent (ADR 0087).
      const h = withTraceHeaders(natsHeaders()) ?? natsHeaders();
      h.set('Nats-Msg-Id', event.id);
      try {
        this.nc.publish(event.subject, JSON.stringify(event), { reply: acks.prefix + token, headers: h });
      } catch (err) {
        // Closed, or draining: this publish never left.
        acks.waiting.delete(token);
        clearTimeout(timer);
        reject(err as Error);
      }
    });
  }

  /** The ack subscription, made with the first publish; the connection's own inbox prefix (its permissions). */
  private listening(): Acks {
    if (this.acks) return this.acks;
    const { inboxPrefix } = (this.nc as { options?: ConnectionOptions }).options ?? {};
    const acks: Acks = { prefix: `${createInbox(inboxPrefix)}.`, waiting: new Map() };
    const sub = this.nc.subscribe(`${acks.prefix}*`, {
      callback: (err, msg) => {
        if (err) {
          // The server ended the subscription (a permissions violation): said, and replaced below once closed.
          this.logger.error(`The ack subscription ${acks.prefix}* failed: ${err.message}`);
          return;
        }
        const token = msg.subject.slice(acks.prefix.length);
        const done = acks.waiting.get(token);
        if (!done) return; // acked after its publish timed out
        acks.waiting.delete(token);
        done(msg);
      },
    });
    // The subscription or the connection closed: no ack will come for what is still waiting, and the next publish
    // subscribes again (on a closed connection its publish fails at once).
    void sub.closed.then(() => {
      if (this.acks === acks) this.acks = undefined;
      for (const done of acks.waiting.values()) done(new errors.ClosedConnectionError());
      acks.waiting.clear();
    });
    this.acks = acks;
    return acks;
  }
}

import { ServerNats } from '@nestjs/microservices';
import { Logger } from '@nestjs/common';
import {
  connect,
  createInbox,
  type ConnectionOptions,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import { AppError, type ErrorShape } from '@hearth/contracts';
import { natsConnectionOptions, type MessagingOptions } from './messaging.options';
import { traceAnswer, traceReply, traceRequest } from './trace-context';
import type { Answered, Answerer, AnswerRoutes } from './answer-routes';
import type { RequestTransport } from './message-client';
import { errorShapeOf } from './rpc-error.filter';
import {
  JSON_TEXT_REPLY,
  JsonText,
  answerText,
  askingForJsonText,
  isJsonText,
  packetJson,
  type ReplyPacket,
} from './json-text';

const GRACE_PERIOD_MS = 2000;

/** `work`, or nothing once `ms` have passed, whichever comes first. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}

/**
 * NATS server strategy. Every subject is answered in the queue group of the service that owns it (its
 * first token), so replicas share the load, and one process can host several services (standalone on NATS).
 */
export class HearthNatsServer extends ServerNats {
  /** Messages being answered now: a shutdown waits for them (up to the grace period), not for the clock. */
  private inFlight = 0;
  private whenIdle?: () => void;
  /** Ends the count of a message's answer (`getPublisher`), by the message. */
  private readonly replying = new WeakMap<object, () => void>();
  /** The app's `@Answer` handlers, answered without Nest's per-message layers (ADR 0092). */
  private answers: AnswerRoutes = new Map();

  constructor(options: MessagingOptions) {
    // Nest's own graceful shutdown unsubscribes, then waits the whole grace period whatever is in flight (2 s for
    // every service that stops, idle or not); `close` below waits only while an answer is still being made.
    super({
      ...natsConnectionOptions(options, 'hearth'),
      gracefulShutdown: false,
    } as ConstructorParameters<typeof ServerNats>[0]);
  }

  override async handleMessage(channel: string, natsMsg: Parameters<ServerNats['handleMessage']>[1]) {
    this.inFlight++;
    try {
      return await traceAnswer(channel, natsMsg.headers, () => super.handleMessage(channel, natsMsg));
    } catch (err) {
      // Failed before its answer was under way: no reply packet is coming to end what `getPublisher` counted.
      this.replying.get(natsMsg)?.();
      throw err;
    } finally {
      this.settled();
    }
  }

  private settled(): void {
    if (--this.inFlight === 0) this.whenIdle?.();
  }

  /**
   * A request is in flight until its last reply packet is sent, not only while `handleMessage` runs: behind
   * interceptors (every `@Answer` handler) Nest's handler returns a deferred stream, and `handleMessage` resolves
   * once it is subscribed to, before the handler has run.
   */
  override getPublisher(...args: Parameters<ServerNats['getPublisher']>) {
    const reply = traceReply(super.getPublisher(...args));
    this.inFlight++;
    let last = false;
    const done = () => {
      if (last) return;
      last = true;
      this.settled();
    };
    this.replying.set(args[0], done);
    return (packet: { err?: unknown; isDisposed?: boolean }) => {
      try {
        return reply(packet);
      } finally {
        if (packet.err !== undefined || packet.isDisposed) done();
      }
    };
  }

  /**
   * Stop taking messages, let those being answered finish (at most the grace period), send their answers, then
   * close the connection. Subscriptions are drained, not dropped: messages NATS routed here before it read the
   * unsubscribe (still on the wire) are answered too, where `unsubscribe` would drop them and leave their callers
   * to time out.
   */
  override async close(): Promise<void> {
    // ServerNats keeps its subscriptions and connection private.
    const own = this as unknown as {
      subscriptions?: { drain(): Promise<void> }[];
      natsClient?: { flush(): Promise<void> } | null;
    };
    // A drain takes a round trip to the server; one that is away (reconnecting) must not hold the stop up.
    await atMost(Promise.allSettled((own.subscriptions ?? []).map((sub) => sub.drain())), GRACE_PERIOD_MS);
    if (this.inFlight > 0) {
      await new Promise<void>((done) => {
        const timer = setTimeout(done, GRACE_PERIOD_MS);
        this.whenIdle = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
    await own.natsClient?.flush().catch(() => undefined);
    await super.close();
  }

  /**
   * Listening means the server knows the subscriptions: flushed before the callback, so a request sent by anyone
   * the moment a service says it is listening finds it (not "no responders").
   */
  override start(callback: (err?: unknown) => void): void {
    super.start(() => {
      const own = this as unknown as { natsClient?: { flush(): Promise<void> } | null };
      void (own.natsClient?.flush() ?? Promise.resolve()).then(
        () => callback(),
        (err: unknown) => callback(err),
      );
    });
  }

  /** Our subjects are plain strings: skip Nest's JSON.parse attempt, which throws on every message (~3% CPU). */
  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? null;
  }

  /** The app's answerers (`answerRoutes`), taken before `listen`: their subjects skip Nest's handler. */
  useAnswers(routes: AnswerRoutes): void {
    this.answers = routes;
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    const own = this as unknown as { subscriptions: { drain(): Promise<void> }[] };
    for (const [pattern, handler] of this.messageHandlers) {
      const queue = handler.extras?.queue ?? pattern.split('.')[0];
      const answer = this.answers.get(pattern);
      if (answer) {
        own.subscriptions.push(
          client.subscribe(pattern, {
            queue,
            callback: (err: Error | null, msg: Msg) =>
              err ? this.logger.error(err) : void this.answer(pattern, msg, answer),
          }),
        );
        this.messageHandlers.delete(pattern);
      } else handler.extras = { ...handler.extras, queue };
    }
    super.bindEvents(client);
  }

  /**
   * One request to an `@Answer` handler: the JSON envelope in (Nest's request packet `{ pattern, data, id }`),
   * the pipeline, one reply packet out (`{ id, response | err, isDisposed }`, as Nest's clients read it).
   */
  private async answer(subject: string, msg: Msg, answer: Answerer): Promise<void> {
    this.inFlight++;
    try {
      await traceAnswer(subject, msg.headers, async () => {
        const asText = isJsonText(msg);
        const reply = traceReply((packet: ReplyPacket) => this.respond(msg, packet, asText));
        let request: { data?: unknown; id?: unknown } | null;
        try {
          request = msg.json();
        } catch {
          reply({ err: UNREADABLE, isDisposed: true });
          return;
        }
        const id = request?.id;
        const answered = await answer(request?.data);
        reply(
          answered.kind === 'answer'
            ? { id, response: answered.value, isDisposed: true }
            : {
                id,
                err: answered.kind === 'error' ? answered.error : errorShapeOf(answered),
                isDisposed: true,
              },
        );
      });
    } catch (err) {
      this.logger.error(err);
    } finally {
      this.settled();
    }
  }

  /**
   * One reply: Nest's packet around the answer (an answer already written as JSON, `JsonText`, set in as it is),
   * or, to a request that asked for it (`requestJson`), the answer's JSON text alone, marked by a header (ADR 0094).
   */
  private respond(msg: Msg, packet: ReplyPacket, asText = false): void {
    if (!msg.reply) return;
    let body: string;
    let text: string | undefined;
    try {
      text = asText ? answerText(packet) : undefined;
      body = text ?? packetJson(packet);
    } catch (err) {
      // An answer that cannot be written as JSON is the service's fault, said as such (not left to time out).
      text = undefined;
      body = JSON.stringify({ id: packet.id, err: errorShapeOf(err), isDisposed: true });
    }
    try {
      msg.respond(body, text === undefined ? undefined : { headers: JSON_TEXT_REPLY });
    } catch (err) {
      // The connection closed under the answer: the caller times out and may try again.
      this.logger.warn(`An answer to ${msg.subject} could not be sent: ${(err as Error).message}`);
    }
  }
}

const UNREADABLE: ErrorShape = {
  code: 'VALIDATION',
  message: 'A message must be a JSON envelope { pattern, data: { ctx, data }, id }.',
};

const TIMEOUT: Answered = { kind: 'timeout' };
const UNREACHABLE: Answered = { kind: 'unreachable' };

/** What marks a request's client span failed (nothing for an answer). */
const failureOf = (answered: Answered): unknown =>
  answered.kind === 'answer'
    ? undefined
    : answered.kind === 'error'
      ? AppError.isShape(answered.error)
        ? answered.error.code
        : 'error'
      : answered.kind === 'timeout'
        ? 'no answer (timed out)'
        : 'unreachable';

/** One connection's reply subscription: every request's answer arrives on it, by its token. */
interface Replies {
  prefix: string;
  waiting: Map<string, (answered: Answered) => void>;
}

/**
 * A reply packet, an answer as its JSON text (to a request that asked for it), or NATS's status that nobody
 * subscribes to the subject (503, "no responders").
 */
function answeredOf(msg: Msg): Answered {
  if (msg.headers?.code === 503) return UNREACHABLE;
  if (isJsonText(msg)) return { kind: 'answer', value: new JsonText(msg.string()) };
  try {
    const packet = msg.json<ReplyPacket>();
    return packet.err !== undefined
      ? { kind: 'error', error: packet.err }
      : { kind: 'answer', value: packet.response };
  } catch {
    return { kind: 'error', error: UNREADABLE_ANSWER };
  }
}

const UNREADABLE_ANSWER: ErrorShape = {
  code: 'INTERNAL',
  message: 'A service answered with something unreadable.',
};

/**
 * Requests over NATS without Nest's client (ADR 0092): one reply subscription per connection (Nest's client
 * subscribed and unsubscribed an inbox per request; nats.js's own `request` builds an Error per request even when
 * it succeeds), a timer and a map entry per request, the JSON written once, a plain promise. Requests and replies
 * keep Nest's packets, so either side may be Nest's. A span per request, its `traceparent` in the request's
 * headers (ADR 0087).
 */
export class NatsRequestTransport implements RequestTransport {
  private readonly logger = new Logger('NatsRequestTransport');
  private connection?: Promise<{ nc: NatsConnection; replies: Replies }>;
  private sequence = 0;

  constructor(private readonly options: ConnectionOptions) {}

  /** Connected on first use; a failed first connection is tried again by the next request. */
  private connected(): Promise<{ nc: NatsConnection; replies: Replies }> {
    this.connection ??= connect(this.options).then(
      (nc) => ({ nc, replies: this.listen(nc) }),
      (err: unknown) => {
        this.connection = undefined;
        throw err;
      },
    );
    return this.connection;
  }

  private listen(nc: NatsConnection): Replies {
    const replies: Replies = { prefix: `${createInbox(this.options.inboxPrefix)}.`, waiting: new Map() };
    const sub = nc.subscribe(`${replies.prefix}*`, {
      callback: (err, msg) => {
        if (err) return;
        const token = msg.subject.slice(replies.prefix.length);
        const done = replies.waiting.get(token);
        if (!done) return; // answered after its caller stopped waiting
        replies.waiting.delete(token);
        done(answeredOf(msg));
      },
    });
    // The connection closed: nobody will answer what is still waiting.
    void sub.closed.then(() => {
      for (const done of replies.waiting.values()) done(UNREACHABLE);
      replies.waiting.clear();
    });
    return replies;
  }

  async request(subject: string, envelope: unknown, timeoutMs: number, asText = false): Promise<Answered> {
    let connection: { nc: NatsConnection; replies: Replies };
    try {
      connection = await this.connected();
    } catch (err) {
      this.logger.warn(`NATS cannot be reached: ${(err as Error).message}`);
      return UNREACHABLE;
    }
    const { nc, replies } = connection;
    const token = (++this.sequence).toString(36);
    const body = JSON.stringify({ pattern: subject, data: envelope, id: token });
    return traceRequest(
      subject,
      (headers) =>
        new Promise<Answered>((resolve) => {
          const timer = setTimeout(() => {
            replies.waiting.delete(token);
            resolve(TIMEOUT);
          }, timeoutMs);
          replies.waiting.set(token, (answered) => {
            clearTimeout(timer);
            resolve(answered);
          });
          try {
            nc.publish(subject, body, {
              reply: replies.prefix + token,
              headers: asText ? askingForJsonText(headers) : headers,
            });
          } catch {
            // Closed, or draining: this request never left.
            replies.waiting.delete(token);
            clearTimeout(timer);
            resolve(UNREACHABLE);
          }
        }),
      failureOf,
    );
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await (await connection?.catch(() => undefined))?.nc.close();
  }
}

/** The request transport of a process on NATS, as its own NATS user. */
export function createNatsClient(options: MessagingOptions): NatsRequestTransport {
  return new NatsRequestTransport(natsConnectionOptions(options, 'hearth'));
}

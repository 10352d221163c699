import { ClientNats, ServerNats } from '@nestjs/microservices';
import { natsConnectionOptions, type MessagingOptions } from './messaging.options';
import { traceAnswer, traceReply, traceRequest, withTraceHeaders } from './trace-context';

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

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    for (const [pattern, handler] of this.messageHandlers) {
      handler.extras = { ...handler.extras, queue: handler.extras?.queue ?? pattern.split('.')[0] };
    }
    super.bindEvents(client);
  }
}

/** Nest's NATS client, with a span per request and its `traceparent` in the request's headers (ADR 0087). */
class HearthNatsClient extends ClientNats {
  protected override publish(...[packet, callback]: Parameters<ClientNats['publish']>) {
    return traceRequest(this.normalizePattern(packet.pattern), callback, (cb) => super.publish(packet, cb));
  }

  protected override mergeHeaders<THeaders = unknown>(requestHeaders?: THeaders) {
    return withTraceHeaders(super.mergeHeaders(requestHeaders));
  }
}

export function createNatsClient(options: MessagingOptions): ClientNats {
  return new HearthNatsClient(
    natsConnectionOptions(options, 'hearth') as ConstructorParameters<typeof ClientNats>[0],
  );
}

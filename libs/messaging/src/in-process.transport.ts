import {
  BaseRpcContext,
  ClientProxy,
  Server,
  type CustomTransportStrategy,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import type { Observable, Subscription } from 'rxjs';
import { AppError } from '@hearth/contracts';

type Responder = (data: unknown) => Promise<Observable<unknown>>;

/** JSON round trip: in-process messages keep NATS's wire semantics (no shared objects, dates as strings). */
const wire = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** The in-process "broker" of standalone mode: one map from subject to handler. */
export class InProcessBus {
  private readonly responders = new Map<string, Responder>();
  private readonly parts = new Map<string, ((payload: unknown) => Promise<unknown>)[]>();

  /** Scatter-gather subjects: every registered part answers (see Gather). */
  answerAll(subject: string, part: (payload: unknown) => Promise<unknown>): void {
    this.parts.set(subject, [...(this.parts.get(subject) ?? []), part]);
  }

  gatherers(subject: string): ((payload: unknown) => Promise<unknown>)[] {
    return this.parts.get(subject) ?? [];
  }

  register(subject: string, responder: Responder): void {
    if (this.responders.has(subject)) throw new Error(`Two handlers answer ${subject}.`);
    this.responders.set(subject, responder);
  }

  unregister(subject: string): void {
    this.responders.delete(subject);
  }

  responder(subject: string): Responder | undefined {
    return this.responders.get(subject);
  }
}

/** Server strategy: registers every @MessagePattern handler of the app on the bus. */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly registered: string[] = [];

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      this.bus.register(
        pattern,
        async (data) =>
          this.transformToObservable(
            await handler(data, new BaseRpcContext([pattern])),
          ) as Observable<unknown>,
      );
      this.registered.push(pattern);
    }
    callback();
  }

  close(): void {
    for (const pattern of this.registered.splice(0)) this.bus.unregister(pattern);
  }

  on(): void {
    // No transport events in process.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

/** Client side of the in-process transport, so callers use the same ClientProxy API as with NATS. */
export class InProcessClient extends ClientProxy {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const subject = this.normalizePattern(packet.pattern);
    const responder = this.bus.responder(subject);
    if (!responder) {
      callback({
        err: new AppError('UNAVAILABLE', `Nothing answers ${subject}.`).toShape(),
        isDisposed: true,
      });
      return () => undefined;
    }
    let subscription: Subscription | undefined;
    let cancelled = false;
    responder(wire(packet.data))
      .then((result$) => {
        if (cancelled) return;
        subscription = result$.subscribe({
          next: (response) => callback({ response: wire(response) }),
          error: (err: unknown) => callback({ err: wire(err), isDisposed: true }),
          complete: () => callback({ isDisposed: true }),
        });
      })
      .catch((err: unknown) => callback({ err, isDisposed: true }));
    return () => {
      cancelled = true;
      subscription?.unsubscribe();
    };
  }

  protected async dispatchEvent<T>(): Promise<T> {
    throw new Error('Domain events go through the outbox, not through the request transport.');
  }
}

import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom, type Observable } from 'rxjs';
import { AppError } from '@hearth/contracts';
import type { Answered, Answerer, AnswerRoutes } from './answer-routes';
import type { RequestTransport } from './message-client';
import { JsonText } from './json-text';

/** JSON round trip: in-process messages keep NATS's wire semantics (no shared objects, dates as strings). */
const wire = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** The in-process "broker" of standalone mode: one map from subject to its answerer. */
export class InProcessBus {
  private readonly responders = new Map<string, Answerer>();
  private readonly parts = new Map<string, ((payload: unknown) => Promise<unknown>)[]>();

  /** Scatter-gather subjects: every registered part answers (see Gather). */
  answerAll(subject: string, part: (payload: unknown) => Promise<unknown>): void {
    this.parts.set(subject, [...(this.parts.get(subject) ?? []), part]);
  }

  gatherers(subject: string): ((payload: unknown) => Promise<unknown>)[] {
    return this.parts.get(subject) ?? [];
  }

  register(subject: string, responder: Answerer): void {
    if (this.responders.has(subject)) throw new Error(`Two handlers answer ${subject}.`);
    this.responders.set(subject, responder);
  }

  unregister(subject: string): void {
    this.responders.delete(subject);
  }

  responder(subject: string): Answerer | undefined {
    return this.responders.get(subject);
  }
}

/**
 * Server strategy: puts the app's `@Answer` handlers on the bus as Hearth's answerers (`useAnswers`, ADR 0092);
 * any other `@MessagePattern` handler answers through Nest's handler.
 */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly registered: string[] = [];
  private answers: AnswerRoutes = new Map();

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  /** The app's answerers (`answerRoutes`), taken before `listen`. */
  useAnswers(routes: AnswerRoutes): void {
    this.answers = routes;
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      this.bus.register(
        pattern,
        this.answers.get(pattern) ??
          (async (payload) => {
            try {
              const result = this.transformToObservable(
                await handler(payload, new BaseRpcContext([pattern])),
              );
              return {
                kind: 'answer',
                value: await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined }),
              };
            } catch (error) {
              return { kind: 'error', error };
            }
          }),
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

const TIMEOUT: Answered = { kind: 'timeout' };

/**
 * Client side of the in-process transport: the same requests, answers and timeouts as over NATS. An answer its
 * handler wrote as JSON (`JsonText`) is passed on as it is: it is already what NATS would have carried.
 */
export class InProcessClient implements RequestTransport {
  constructor(private readonly bus: InProcessBus) {}

  async request(subject: string, envelope: unknown, timeoutMs: number): Promise<Answered> {
    const responder = this.bus.responder(subject);
    if (!responder) {
      return { kind: 'error', error: new AppError('UNAVAILABLE', `Nothing answers ${subject}.`).toShape() };
    }
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      responder(wire(envelope)).catch((error: unknown): Answered => ({ kind: 'error', error })),
      new Promise<Answered>((done) => (timer = setTimeout(done, timeoutMs, TIMEOUT))),
    ]);
    clearTimeout(timer);
    if (answered.kind === 'answer') {
      const { value } = answered;
      return value instanceof JsonText ? answered : { kind: 'answer', value: wire(value) };
    }
    if (answered.kind === 'error') return { kind: 'error', error: wire(answered.error) };
    return answered;
  }

  async close(): Promise<void> {}
}

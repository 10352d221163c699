import { validatePayload, type ErrorShape, type RequestContext } from '@hearth/contracts';
import { errorShapeOf } from './rpc-error.filter';

/**
 * One request subject's answer: the contract class its `data` must satisfy, and the handler. The handler is a
 * feature service's method, whose first line is the service's gate (`<svc>-access.ts`): the gate needs the
 * action and the subject the handler is about, which only the handler names (ADR 0027).
 */
export interface MessageRoute<D extends object = object, R = unknown> {
  /** The contract of the envelope's `data` (unknown fields refused); without one, `data` is handed on as it came. */
  data?: new () => D;
  handle(ctx: RequestContext, data: D): R | Promise<R>;
}

/** The steps of the pipeline that depend on where it runs (keys, context storage, logging). */
export interface PipelineSteps {
  /** The envelope's context, believed only as far as its token proves it (EnvelopeVerifier.contextOf). */
  verify(payload: unknown): Promise<RequestContext>;
  /** Runs the rest of the message inside its context scope (logs, `RequestScope`); default: no scope. */
  enter?<T>(ctx: RequestContext, next: () => Promise<T>): Promise<T>;
  /** What a failure looks like on the wire; default: `errorShapeOf`. */
  mapError?(err: unknown): ErrorShape;
}

/** What a message gets back: the handler's value, or the failure's wire shape. Never throws. */
export type MessageOutcome<R> = { ok: true; value: R } | { ok: false; error: ErrorShape };

const dataOf = (payload: unknown): unknown =>
  payload && typeof payload === 'object' ? (payload as { data?: unknown }).data : undefined;

/**
 * The per-message pipeline, as one plain function every transport calls: verify the envelope's token → open
 * the message's context → validate `data` against its contract → handle (the feature service, which authorises
 * through its gate first) → map any failure to `{ code, message, details }`. The Nest transports call it through
 * `MessageContextInterceptor`, scatter-gather parts through `Gather`, and a leaner transport can call it as it is.
 */
export async function answerMessage<D extends object, R>(
  steps: PipelineSteps,
  route: MessageRoute<D, R>,
  payload: unknown,
): Promise<MessageOutcome<Awaited<R>>> {
  try {
    const ctx = await steps.verify(payload);
    const run = async (): Promise<Awaited<R>> => {
      const raw = dataOf(payload);
      // No data at all is an empty object; a JSON `null` is data that is not an object (VALIDATION).
      const data = route.data ? validatePayload(route.data, raw === undefined ? {} : raw) : (raw as D);
      return await route.handle(ctx, data);
    };
    const value = steps.enter ? await steps.enter(ctx, run) : await run();
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: (steps.mapError ?? errorShapeOf)(err) };
  }
}

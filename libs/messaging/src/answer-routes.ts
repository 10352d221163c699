import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { isObservable, lastValueFrom } from 'rxjs';
import { MetricsRegistry, RequestScope } from '@hearth/platform';
import { ANSWER_SUBJECT, ARGUMENT_LAYOUT, type ArgumentKind } from './answer.decorator';
import { EnvelopeVerifier } from './envelope-verifier';
import { answerMessage, type MessageRoute, type PipelineSteps } from './message-pipeline';
import { DATA_CONTRACT, messagePipelineSteps } from './message-context.interceptor';
import { failureCode, handlerMetrics, type HandlerRecorder } from './messaging-metrics';

/**
 * What came back for one request, however it travelled: the answer, the failure's wire shape, or nothing (no
 * answer within the caller's wait, or nobody there to answer).
 */
export type Answered =
  | { kind: 'answer'; value: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'unreachable' };

/** One subject's answer to a request's payload (the envelope `{ ctx, data }`). Never rejects. */
export type Answerer = (payload: unknown) => Promise<Answered>;

/** The answer of each request subject this app's `@Answer` handlers take, by subject. */
export type AnswerRoutes = ReadonlyMap<string, Answerer>;

/** A handler's own result: a promise or a value, or (Nest style) an observable whose last value is the answer. */
const settled = async (result: unknown): Promise<unknown> =>
  isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;

/** The answerer of one route: the pipeline, counted and timed per subject in `/metrics`. */
export function answererOf(
  subject: string,
  steps: PipelineSteps,
  route: MessageRoute,
  record?: HandlerRecorder,
): Answerer {
  return async (payload) => {
    const since = record ? process.hrtime.bigint() : 0n;
    const outcome = await answerMessage(steps, route, payload);
    record?.(subject, outcome.ok ? 'OK' : failureCode(outcome.error), since);
    return outcome.ok ? { kind: 'answer', value: outcome.value } : { kind: 'error', error: outcome.error };
  };
}

function optional<T>(app: INestApplicationContext, token: new (...args: never[]) => T): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Every `@Answer` handler of the app's controllers as a plain function (ADR 0092): verify the envelope → open
 * the message's context → validate `data` against the handler's contract → call the handler with the arguments
 * its `@Ctx()` and `@Data()` name → map any failure to its wire shape. The same pipeline Nest's interceptor runs,
 * without Nest's per-message layers (handler lookup, interceptor and filter chains, rxjs streams), so the
 * transports call it directly.
 */
export function answerRoutes(app: INestApplicationContext): AnswerRoutes {
  const steps = messagePipelineSteps(app.get(EnvelopeVerifier), app.get(ClsService), app.get(RequestScope));
  const record = handlerMetrics(optional(app, MetricsRegistry));
  const routes = new Map<string, Answerer>();
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const seen = new Set<string>();
    for (let proto = Object.getPrototypeOf(instance) as object | null; proto && proto !== Object.prototype;) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
        // A method a subclass overrides is the subclass's.
        if (typeof handler !== 'function' || seen.has(name)) continue;
        seen.add(name);
        const subject = Reflect.getMetadata(ANSWER_SUBJECT, handler) as string | undefined;
        if (subject === undefined) continue;
        if (routes.has(subject)) throw new Error(`Two handlers answer ${subject}.`);
        const layout = (Reflect.getMetadata(ARGUMENT_LAYOUT, handler) as ArgumentKind[] | undefined) ?? [];
        const call = handler as (...args: unknown[]) => unknown;
        routes.set(
          subject,
          answererOf(
            subject,
            steps,
            {
              data: Reflect.getMetadata(DATA_CONTRACT, handler) as (new () => object) | undefined,
              handle: (ctx, data) =>
                settled(
                  call.apply(
                    instance,
                    layout.map((k) => (k === 'ctx' ? ctx : data)),
                  ),
                ),
            },
            record,
          ),
        );
      }
      proto = Object.getPrototypeOf(proto) as object | null;
    }
  }
  return routes;
}

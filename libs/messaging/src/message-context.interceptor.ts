import {
  Injectable,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { Observable, lastValueFrom } from 'rxjs';
import type { RequestContext } from '@hearth/contracts';
import { MetricsRegistry, RequestScope } from '@hearth/platform';
import { EnvelopeVerifier } from './envelope-verifier';
import { answerMessage, type PipelineSteps } from './message-pipeline';
import { MappedFailure } from './rpc-error.filter';
import { failureCode, handlerMetrics, type HandlerRecorder } from './messaging-metrics';

/** Where `@Data(cls)` records a handler's contract, for the pipeline to validate against. */
export const DATA_CONTRACT = 'hearth:data-contract';

/**
 * Runs each Nest message handler through the one per-message pipeline (`answerMessage`): the handler sees the
 * verified context (`@Ctx()`) and the validated data (`@Data(cls)`); a message without a valid token, or with
 * data its contract refuses, never reaches a handler; a failure leaves as its wire shape. Each outcome is counted
 * and timed in `/metrics` (`hearth_nats_handled_total`, `hearth_nats_handler_duration_seconds`).
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  private readonly steps: PipelineSteps;
  private readonly record?: HandlerRecorder;

  constructor(
    cls: ClsService,
    scope: RequestScope,
    verifier: EnvelopeVerifier,
    private readonly reflector: Reflector,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.steps = messagePipelineSteps(verifier, cls, scope);
    this.record = handlerMetrics(metrics);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const payload = context.switchToRpc().getData<{ ctx?: unknown; data?: unknown } | null>();
    const contract = this.reflector.get<(new () => object) | undefined>(DATA_CONTRACT, context.getHandler());
    const record = this.record;
    // NATS's context and the in-process one both hold the subject first.
    const subject = record
      ? String(context.switchToRpc().getContext<{ getArgByIndex(i: number): unknown }>().getArgByIndex(0))
      : '';
    const since = record ? process.hrtime.bigint() : 0n;
    return new Observable((subscriber) => {
      void answerMessage(
        this.steps,
        {
          data: contract,
          handle: (ctx, data) => {
            // What the handler's `@Ctx()` and `@Data()` read: the verified context and the validated data.
            if (payload && typeof payload === 'object') Object.assign(payload, { ctx, data });
            return lastValueFrom(next.handle(), { defaultValue: undefined });
          },
        },
        payload,
      ).then((outcome) => {
        record?.(subject, outcome.ok ? 'OK' : failureCode(outcome.error), since);
        if (outcome.ok) {
          subscriber.next(outcome.value);
          subscriber.complete();
        } else subscriber.error(new MappedFailure(outcome.error));
      });
    });
  }
}

/** The pipeline's steps inside a Nest service: this process's verifier, and a CLS scope per message. */
export function messagePipelineSteps(
  verifier: EnvelopeVerifier,
  cls: ClsService,
  scope: RequestScope,
): PipelineSteps {
  return {
    verify: (payload) => verifier.contextOf(payload),
    enter: <T>(ctx: RequestContext, next: () => Promise<T>) =>
      cls.run(() => {
        scope.set(ctx);
        return next();
      }),
  };
}

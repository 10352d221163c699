import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Observable } from 'rxjs';
import { RequestScope } from '@hearth/platform';
import { EnvelopeVerifier } from './envelope-verifier';

/**
 * Opens one CLS scope per message holding its verified context (correlation id, actor, tenant). The context
 * the handler sees (`@Ctx()`) is replaced by the verified one: a message without a valid token never reaches
 * a handler.
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  constructor(
    private readonly cls: ClsService,
    private readonly scope: RequestScope,
    private readonly verifier: EnvelopeVerifier,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const payload = context.switchToRpc().getData<{ ctx?: unknown } | null>();
    return new Observable((subscriber) =>
      this.cls.run(() => {
        this.verifier.contextOf(payload).then(
          (ctx) => {
            if (payload && typeof payload === 'object') payload.ctx = ctx;
            this.scope.set(ctx);
            next.handle().subscribe(subscriber);
          },
          (err: unknown) => subscriber.error(err),
        );
      }),
    );
  }
}

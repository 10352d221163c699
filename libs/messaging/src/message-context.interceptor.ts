import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Observable } from 'rxjs';
import { AppError, type Envelope, type RequestContext } from '@hearth/contracts';
import { RequestScope } from '@hearth/platform';

function contextOf(payload: unknown): RequestContext {
  const ctx = (payload as Partial<Envelope> | null)?.ctx;
  if (!ctx || typeof ctx.requestId !== 'string' || ctx.requestId.length > 200) {
    throw new AppError('VALIDATION', 'A message must carry an envelope { ctx: { requestId }, data }.');
  }
  return ctx;
}

/** Opens one CLS scope per message, holding its envelope's context (correlation id, actor, tenant). */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  constructor(
    private readonly cls: ClsService,
    private readonly scope: RequestScope,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const ctx = contextOf(context.switchToRpc().getData());
    return new Observable((subscriber) =>
      this.cls.run(() => {
        this.scope.set(ctx);
        return next.handle().subscribe(subscriber);
      }),
    );
  }
}

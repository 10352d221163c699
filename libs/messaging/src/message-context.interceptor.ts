import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Observable } from 'rxjs';
import { AppError, ROLES, type Actor, type Envelope, type RequestContext } from '@hearth/contracts';
import { RequestScope } from '@hearth/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalUuid = (v: unknown) => v === undefined || (typeof v === 'string' && UUID.test(v));

function validActor(actor: unknown): actor is Actor {
  const a = actor as Actor;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.accountId === 'string' &&
    UUID.test(a.accountId) &&
    typeof a.email === 'string' &&
    Array.isArray(a.grants) &&
    a.grants.every(
      (g) =>
        (ROLES as readonly string[]).includes(g?.role) &&
        optionalUuid(g.regionId) &&
        optionalUuid(g.tenantId) &&
        optionalUuid(g.memberId),
    )
  );
}

/** The envelope's context is checked like its data: a malformed actor or tenant never reaches a handler. */
function contextOf(payload: unknown): RequestContext {
  const ctx = (payload as Partial<Envelope> | null)?.ctx;
  if (!ctx || typeof ctx.requestId !== 'string' || ctx.requestId.length > 200) {
    throw new AppError('VALIDATION', 'A message must carry an envelope { ctx: { requestId }, data }.');
  }
  if (ctx.actor !== undefined && !validActor(ctx.actor)) {
    throw new AppError('VALIDATION', 'The envelope carries a malformed actor.');
  }
  if (!optionalUuid(ctx.tenantId))
    throw new AppError('VALIDATION', 'The envelope carries a malformed tenant id.');
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

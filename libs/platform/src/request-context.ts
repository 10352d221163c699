import { Injectable } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { AppError, type RequestContext } from '@hearth/contracts';

const CTX = 'hearth.ctx';

/** The current message's context, carried by nestjs-cls. Reading a tenant where none is set throws. */
@Injectable()
export class RequestScope {
  constructor(private readonly cls: ClsService) {}

  set(ctx: RequestContext): void {
    this.cls.set(CTX, ctx);
  }

  ctx(): RequestContext {
    const ctx = this.cls.isActive() ? this.cls.get<RequestContext>(CTX) : undefined;
    if (!ctx) throw new AppError('INTERNAL', 'No request context is active.');
    return ctx;
  }

  tenantId(): string {
    const id = this.ctx().tenantId;
    if (!id) throw new AppError('INTERNAL', 'This operation needs a tenant, and none is set.');
    return id;
  }
}

/** Log fields for the active message: correlation id and tenant. Used as pino's mixin. */
export function logContext(): Record<string, string> {
  const cls = ClsServiceManager.getClsService();
  if (!cls?.isActive()) return {};
  const ctx = cls.get<RequestContext | undefined>(CTX);
  const out: Record<string, string> = {};
  if (ctx?.requestId) out.requestId = ctx.requestId;
  if (ctx?.tenantId) out.tenantId = ctx.tenantId;
  return out;
}

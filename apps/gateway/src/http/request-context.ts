import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError, type Actor, type RequestContext } from '@hearth/contracts';

type GatewayRequest = FastifyRequest & { user?: Actor; hearthToken?: string };

/** The envelope context of a request: its id, its token (set by JwtAuthGuard), the actor, the addressed LERO. */
export function contextOf(req: GatewayRequest): RequestContext {
  const params = req.params as Record<string, string> | undefined;
  if (!req.hearthToken) throw new AppError('UNAUTHENTICATED', 'Sign in to do that.');
  return {
    requestId: String(req.id),
    token: req.hearthToken,
    ...(req.user ? { actor: req.user } : {}),
    ...(params?.tenantId ? { tenantId: params.tenantId } : {}),
  };
}

/** The envelope context of this HTTP request (see `contextOf`). */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  contextOf(context.switchToHttp().getRequest<GatewayRequest>()),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new AppError('VALIDATION', `Invalid ${this.name}: must be a UUID.`, {
        errors: [{ field: this.name, message: 'must be a UUID' }],
      });
    }
    return value.toLowerCase();
  }
}

/** A path id, rejected with a 400 naming it when it is not a UUID; a `uuid` in the API document. */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new UuidPipe(name))(target, key, index);
    const handler = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && handler)
      ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, key, handler);
  };

import { Injectable, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError, type Actor } from '@hearth/contracts';
import { IS_PUBLIC } from '@hearth/platform';

export { Public } from '@hearth/platform';

const VERIFIED_CACHE_MAX = 10_000;

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: Actor;
}

/**
 * Every route needs a valid access token unless it is marked @Public(). Passport verifies a token the first
 * time it is seen; the result is remembered until the token's own expiry, so a client's repeated requests
 * skip the signature check (the largest cost of the gateway's request path when measured). Access tokens are
 * not revocable before expiry anyway, so this changes nothing about what is accepted.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const hit = token ? this.verified.get(token) : undefined;
    if (hit && hit.expiresAt > Date.now()) {
      req.user = hit.actor;
      return true;
    }
    const ok = (await super.canActivate(context)) as boolean;
    if (ok && token && req.user) this.remember(token, req.user);
    return ok;
  }

  private remember(token: string, actor: Actor): void {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: number;
    };
    if (typeof payload.exp !== 'number') return;
    if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
    this.verified.set(token, { actor, expiresAt: payload.exp * 1000 });
  }

  override handleRequest<T = Actor>(err: unknown, user: T | false): T {
    if (err || !user)
      throw new AppError(
        'UNAUTHENTICATED',
        'Sign in to do that: the access token is missing, expired or not valid.',
      );
    return user;
  }
}

/** The authenticated actor (undefined on public routes). */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | undefined => {
    return context.switchToHttp().getRequest<{ user?: Actor }>().user;
  },
);

import { Injectable, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import { AppError, type Actor } from '@hearth/contracts';
import { IS_PUBLIC } from '@hearth/platform';
import { signAnonymousToken } from './access-token';
import { bearerToken } from './bearer-token.strategy';

export { Public } from '@hearth/platform';

/** The gateway's own key for anonymous tokens (public routes); services hold only its public half. */
export class AnonymousTokenSigner {
  constructor(private readonly key: KeyObject) {}

  sign(requestId: string): string {
    return signAnonymousToken(this.key, requestId);
  }
}

interface AuthRequest {
  id: unknown;
  headers: Record<string, string | string[] | undefined>;
  user?: Actor;
  /** The token this request's messages carry to the services. */
  hearthToken?: string;
}

/**
 * Every route needs a valid access token unless it is marked @Public(). A public route gets an anonymous
 * token signed for it, so every message the gateway sends carries a token a service can verify.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly anonymous: AnonymousTokenSigner,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) {
      req.hearthToken = this.anonymous.sign(String(req.id));
      return true;
    }
    const ok = (await super.canActivate(context)) as boolean;
    req.hearthToken = bearerToken(req);
    return ok;
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

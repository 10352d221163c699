import { Injectable, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError, type Actor } from '@hearth/contracts';
import { IS_PUBLIC } from '@hearth/platform';

export { Public } from '@hearth/platform';

/** Every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
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

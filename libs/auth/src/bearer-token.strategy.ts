import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import type { Actor } from '@hearth/contracts';
import { TokenVerifier } from './access-token';

type Done = (err: unknown, user?: Actor | false) => void;
type Verify = (token: string, done: Done) => void;

interface BearerRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The token of an `Authorization: Bearer …` header, if there is exactly one. */
export function bearerToken(req: BearerRequest): string | undefined {
  const header = req.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** A passport strategy for bearer access tokens; the verification itself is the caller's (TokenVerifier). */
class BearerStrategy extends passport.Strategy {
  constructor(private readonly verifyToken: Verify) {
    super();
  }

  override authenticate(req: BearerRequest): void {
    const token = bearerToken(req);
    if (!token) return this.fail(401);
    this.verifyToken(token, (err, actor) => (err || !actor ? this.fail(401) : this.success(actor)));
  }
}

/**
 * Passport's `jwt` strategy for the gateway: the same verification as every service does (jose: ES256 only,
 * `typ: at+jwt`, `exp` required, unknown `crit` refused), so the gateway never accepts what a service refuses.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(BearerStrategy, 'jwt') {
  constructor(private readonly verifier: TokenVerifier) {
    super();
  }

  validate(token: string): Promise<Actor> {
    return this.verifier.verifyUser(token);
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createPublicKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { JWTPayload } from 'jose';
import type { Actor } from '@hearth/contracts';
import { actorFromClaims } from './access-token';
import { ACCESS_TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './signing-keys';

export const PUBLIC_KEY_PEM = Symbol('PUBLIC_KEY_PEM');

/** Passport's JWT strategy: bearer token, public key, one allowed algorithm, issuer and audience pinned. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(publicKeyPem: string) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, parsed once: given a PEM string, jsonwebtoken parses it again on every request.
      secretOrKey: createPublicKey(publicKeyPem) as unknown as string,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(payload: JWTPayload): Actor {
    return actorFromClaims(payload);
  }
}

import { SignJWT, jwtVerify, importSPKI, type JWTPayload } from 'jose';
import type { KeyObject } from 'node:crypto';
import { AppError, type Actor, type Grant } from '@hearth/contracts';
import { ACCESS_TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './signing-keys';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

interface AccessClaims extends JWTPayload {
  email: string;
  grants: Grant[];
}

export async function signAccessToken(
  actor: Actor,
  key: KeyObject,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ email: actor.email, grants: actor.grants })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(actor.accountId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Math.min(ttlSeconds, ACCESS_TOKEN_TTL_SECONDS)}s`)
    .sign(key);
}

export function actorFromClaims(claims: JWTPayload): Actor {
  const c = claims as Partial<AccessClaims>;
  if (typeof c.sub !== 'string' || typeof c.email !== 'string' || !Array.isArray(c.grants)) {
    throw new AppError('UNAUTHENTICATED', 'The access token is not valid.');
  }
  return { accountId: c.sub, email: c.email, grants: c.grants };
}

/** Verifies with an algorithm allowlist, issuer, audience and expiry. */
export class AccessTokenVerifier {
  private key?: Awaited<ReturnType<typeof importSPKI>>;

  constructor(private readonly publicKeyPem: string) {}

  async verify(token: string): Promise<Actor> {
    this.key ??= await importSPKI(this.publicKeyPem, ACCESS_TOKEN_ALGORITHM);
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      return actorFromClaims(payload);
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The access token is missing, expired or not valid.');
    }
  }
}

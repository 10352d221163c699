import { createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { AppError, ROLES, type Actor, type Grant } from '@hearth/contracts';
import { ACCESS_TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './signing-keys';

/** RFC 9068's media type for access tokens: an ID token or any other JWT signed by the same key is refused. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Issuer of the anonymous tokens the gateway signs for public routes (with a key of its own). */
export const ANONYMOUS_TOKEN_ISSUER = 'hearth-gateway';
export const ANONYMOUS_SUBJECT = 'anonymous';

/**
 * How long an access token lives, and so the longest a removed grant, a disabled account or a suspended LERO
 * keeps working for a token already issued (refresh tokens are revoked at once).
 */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 60;
/** The most an operator may configure; tokens claiming a longer life are refused. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 900;
export const ANONYMOUS_TOKEN_TTL_SECONDS = 30;
/** Verified tokens are remembered at most this long (and never past their own expiry). */
export const DEFAULT_REVOCATION_HORIZON_MS = 60_000;
const CLOCK_TOLERANCE_SECONDS = 5;
const CACHE_MAX = 20_000;

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS with ES256 (RFC 7515/7518): the signature in IEEE P1363 form, as JOSE requires. Signing is
 * synchronous (node:crypto), so the gateway can sign an anonymous token inside any request; verifying, the
 * part that must refuse every malformed token, is jose's.
 */
function signJws(claims: JWTPayload, key: KeyObject): string {
  const input = `${b64url({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE })}.${b64url(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The tenants service's access token: the account, its grants, the LEROs of those grants now closed, and the
 * sign-in it belongs to (`sid`).
 */
export function signAccessToken(
  actor: Actor,
  key: KeyObject,
  ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
): string {
  const iat = nowSeconds();
  return signJws(
    {
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: actor.accountId,
      iat,
      exp: iat + Math.min(Math.max(1, Math.floor(ttlSeconds)), MAX_ACCESS_TOKEN_TTL_SECONDS),
      jti: randomUUID(),
      email: actor.email,
      grants: actor.grants,
      ...(actor.closedTenantIds?.length ? { closed: actor.closedTenantIds } : {}),
      ...(actor.sessionId ? { sid: actor.sessionId } : {}),
    },
    key,
  );
}

/** The gateway's token for one public request: it proves the request came through the gateway, and no more. */
export function signAnonymousToken(key: KeyObject, requestId: string): string {
  const iat = nowSeconds();
  return signJws(
    {
      iss: ANONYMOUS_TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: ANONYMOUS_SUBJECT,
      iat,
      exp: iat + ANONYMOUS_TOKEN_TTL_SECONDS,
      jti: requestId,
    },
    key,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalUuid = (v: unknown) => v === undefined || (typeof v === 'string' && UUID.test(v));

function isGrant(value: unknown): value is Grant {
  const g = value as Partial<Grant> | null;
  return (
    typeof g === 'object' &&
    g !== null &&
    (ROLES as readonly string[]).includes(g.role as string) &&
    optionalUuid(g.regionId) &&
    optionalUuid(g.tenantId) &&
    optionalUuid(g.memberId)
  );
}

/** The actor of verified claims; a token we signed has this shape, anything else is refused. */
export function actorFromClaims(claims: JWTPayload): Actor {
  const c = claims as JWTPayload & { email?: unknown; grants?: unknown; closed?: unknown; sid?: unknown };
  const closed = c.closed;
  if (
    typeof c.sub !== 'string' ||
    !UUID.test(c.sub) ||
    typeof c.email !== 'string' ||
    !Array.isArray(c.grants) ||
    !c.grants.every(isGrant) ||
    (closed !== undefined &&
      !(Array.isArray(closed) && closed.every((id) => typeof id === 'string' && UUID.test(id)))) ||
    (c.sid !== undefined && !(typeof c.sid === 'string' && UUID.test(c.sid)))
  ) {
    throw invalidToken();
  }
  return {
    accountId: c.sub,
    email: c.email,
    grants: c.grants,
    ...(Array.isArray(closed) && closed.length ? { closedTenantIds: closed as string[] } : {}),
    ...(typeof c.sid === 'string' ? { sessionId: c.sid } : {}),
  };
}

const invalidToken = () =>
  new AppError('UNAUTHENTICATED', 'The access token is missing, expired or not valid. Sign in again.');

/** The public keys a process trusts: the tenants service's (access tokens) and the gateway's (anonymous). */
export interface TrustKeys {
  accessTokenPublicKeyPem: string;
  gatewayPublicKeyPem: string;
  /** Verified tokens are remembered no longer than this. Default 60 s. */
  revocationHorizonMs?: number;
}

interface Verified {
  /** Undefined for the gateway's anonymous token. */
  actor?: Actor;
  until: number;
}

/**
 * Verifies the tokens that arrive with requests: ES256 only, `typ: at+jwt`, issuer, audience, `exp`, `iat`
 * and `sub` required, unknown `crit` headers refused (jose), and a lifetime no longer than a token of ours
 * can have. A verified token is remembered until it expires or the revocation horizon passes, whichever is
 * first, so a client's repeated requests skip the signature check.
 */
export class TokenVerifier {
  private readonly accessTokenKey: KeyObject;
  private readonly gatewayKey: KeyObject;
  private readonly horizonMs: number;
  private readonly verified = new Map<string, Verified>();

  constructor(keys: TrustKeys) {
    this.accessTokenKey = createPublicKey(keys.accessTokenPublicKeyPem);
    this.gatewayKey = createPublicKey(keys.gatewayPublicKeyPem);
    this.horizonMs = keys.revocationHorizonMs ?? DEFAULT_REVOCATION_HORIZON_MS;
  }

  /** A user's access token: its actor. Anything else, the anonymous token included, is UNAUTHENTICATED. */
  async verifyUser(token: unknown): Promise<Actor> {
    const { actor } = await this.check(token);
    if (!actor) throw invalidToken();
    return actor;
  }

  /** A user's access token (its actor) or the gateway's anonymous token (undefined). */
  async verify(token: unknown): Promise<Actor | undefined> {
    return (await this.check(token)).actor;
  }

  private async check(token: unknown): Promise<Verified> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) throw invalidToken();
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.until > now) return hit;
      this.verified.delete(token);
    }
    const result = await this.verifyOnce(token);
    this.remember(token, result);
    return result;
  }

  private async verifyOnce(token: string): Promise<Verified> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw invalidToken();
    }
    const anonymous = issuer === ANONYMOUS_TOKEN_ISSUER;
    if (!anonymous && issuer !== TOKEN_ISSUER) throw invalidToken();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, anonymous ? this.gatewayKey : this.accessTokenKey, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        issuer: anonymous ? ANONYMOUS_TOKEN_ISSUER : TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      throw invalidToken();
    }
    const exp = payload.exp!;
    const lifetime = anonymous ? ANONYMOUS_TOKEN_TTL_SECONDS : MAX_ACCESS_TOKEN_TTL_SECONDS;
    if (exp - payload.iat! > lifetime) throw invalidToken();
    const until = Math.min(exp * 1000, Date.now() + this.horizonMs);
    if (anonymous) {
      if (payload.sub !== ANONYMOUS_SUBJECT) throw invalidToken();
      return { until };
    }
    return { actor: actorFromClaims(payload), until };
  }

  private remember(token: string, entry: Verified): void {
    if (this.verified.size >= CACHE_MAX) {
      // Oldest first: a Map iterates in insertion order.
      const drop = this.verified.keys();
      for (let i = 0; i < CACHE_MAX / 10; i++) this.verified.delete(drop.next().value as string);
    }
    this.verified.set(token, entry);
  }
}

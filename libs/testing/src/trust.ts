import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Actor, RequestContext } from '@hearth/contracts';
import {
  keysFromPrivatePem,
  signAccessToken,
  signAnonymousToken,
  type SigningKeys,
  type TrustKeys,
} from '@hearth/auth';

const newKeys = (): Required<SigningKeys> =>
  keysFromPrivatePem(
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );

/**
 * The keys of one test file's Hearth: the tenants service's (access tokens) and the gateway's (anonymous
 * tokens). Services under test are given `trust`; tests speaking to them directly sign contexts with `ctx`,
 * as the gateway would forward an end user's token.
 */
export class TestTrust {
  readonly accessKeys = newKeys();
  readonly gatewayKeys = newKeys();

  constructor(private readonly revocationHorizonMs?: number) {}

  get trust(): TrustKeys {
    return {
      accessTokenPublicKeyPem: this.accessKeys.publicKeyPem,
      gatewayPublicKeyPem: this.gatewayKeys.publicKeyPem,
      ...(this.revocationHorizonMs ? { revocationHorizonMs: this.revocationHorizonMs } : {}),
    };
  }

  /** The actor's access token (signed as the tenants service would), or an anonymous one. */
  token(actor?: Actor, ttlSeconds = 600): string {
    return actor
      ? signAccessToken(actor, this.accessKeys.privateKey, ttlSeconds)
      : signAnonymousToken(this.gatewayKeys.privateKey, uuidv7());
  }

  /** A request context as the gateway sends it: a fresh request id and the caller's token. */
  ctx(actor?: Actor, fields: Partial<Omit<RequestContext, 'token' | 'actor'>> = {}): RequestContext {
    return { requestId: uuidv7(), token: this.token(actor), ...fields };
  }
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT made by hand, as an attacker would: any header and claims, signed with any key, or not at all. */
export function craftToken(header: object, claims: object, key: KeyObject | null): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = key
    ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
    : Buffer.alloc(0);
  return `${input}.${signature.toString('base64url')}`;
}

/** This test file's keys (jest gives every test file its own module registry). */
export const testTrust = new TestTrust();

/**
 * argon2id at its cheapest (1 MiB, one pass, one lane) for the passwords tests make by the thousand: the default
 * costs ~0.2 s of CPU a hash, which was a third or more of the suite's time. Production never takes it (a tenants
 * option in code, not from the environment).
 */
export const FAST_PASSWORD_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

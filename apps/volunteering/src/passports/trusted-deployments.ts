import type { KeyObject } from 'node:crypto';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { safeFetch, type SafeFetchOptions, type SafeFetchResponse } from '@hearth/platform';
import { PASSPORT_ALGORITHM, PASSPORT_TYPE } from './passport-keys';

/** The path below a Hearth deployment's address where its LEROs' issuer ids live (ADR 0056). */
export const ISSUERS_PATH = '/api/v1/public/volunteering/issuers/';

/** Another Hearth deployment whose passports this one verifies: its JWKS address, configured by the operator. */
export interface TrustedDeployment {
  jwksUrl: string;
  /** Its LEROs' issuer ids start with it: the JWKS's origin and the issuers path. */
  issuerPrefix: string;
}

type Fetch = (url: string, options: SafeFetchOptions) => Promise<SafeFetchResponse>;

/** A public key as jose imports a JWK (a CryptoKey) or node makes one (a KeyObject). */
export type VerifyKey = Awaited<ReturnType<typeof importJWK>> | KeyObject;

interface Cached<T> {
  value: T;
  at: number;
}

export interface TrustedOptions {
  /** How long a fetched JWKS or status list is used before it is fetched again (default 10 minutes). */
  cacheTtlMs?: number;
  /** An unknown kid fetches the JWKS again (a rotation), at most this often per deployment (default 30 s). */
  refetchAfterMs?: number;
  /** Only tests set this, in code: their JWKS is served on this machine's loopback (never private ranges). */
  allowLoopback?: boolean;
  fetch?: Fetch;
}

/** A status list fetched from a trusted deployment, its signature checked. */
export interface RemoteStatusList {
  issuer: string;
  encodedList: string;
}

const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 5_000;

export const trustedDeployment = (jwksUrl: string): TrustedDeployment => ({
  jwksUrl,
  issuerPrefix: `${new URL(jwksUrl).origin}${ISSUERS_PATH}`,
});

/**
 * The JWKS of the deployments an operator trusts (`PASSPORT_TRUSTED_JWKS`), fetched only through `safeFetch`
 * (public addresses, bounded in size and time) and cached; and their status lists, verified with those keys. A
 * deployment that does not answer is skipped: its passports are then `unknown-issuer` until it answers.
 */
export class TrustedDeployments {
  private readonly keys = new Map<string, Cached<Map<string, VerifyKey>>>();
  private readonly lists = new Map<string, Cached<RemoteStatusList>>();
  private readonly tried = new Map<string, number>();
  private readonly ttl: number;
  private readonly refetchAfter: number;
  private readonly fetch: Fetch;

  constructor(
    readonly deployments: readonly TrustedDeployment[],
    private readonly options: TrustedOptions = {},
  ) {
    this.ttl = options.cacheTtlMs ?? 600_000;
    this.refetchAfter = options.refetchAfterMs ?? 30_000;
    this.fetch = options.fetch ?? safeFetch;
  }

  async findKey(kid: string): Promise<{ deployment: TrustedDeployment; key: VerifyKey } | undefined> {
    for (const deployment of this.deployments) {
      const key = (await this.keysOf(deployment, kid))?.get(kid);
      if (key) return { deployment, key };
    }
    return undefined;
  }

  async statusList(deployment: TrustedDeployment, url: string): Promise<RemoteStatusList | undefined> {
    if (!url.startsWith(deployment.issuerPrefix)) return undefined;
    const hit = this.lists.get(url);
    if (hit && Date.now() - hit.at < this.ttl) return hit.value;
    try {
      const res = await this.get(url, 'application/vc+jwt, application/jwt');
      if (res.status !== 200) return undefined;
      const token = res.text().trim();
      const kid = decodeKid(token);
      const key = kid ? (await this.keysOf(deployment, kid))?.get(kid) : undefined;
      if (!key) return undefined;
      const { payload } = await jwtVerify(token, key, {
        algorithms: [PASSPORT_ALGORITHM],
        typ: PASSPORT_TYPE,
      });
      const subject = payload.credentialSubject as
        { encodedList?: unknown; statusPurpose?: unknown } | undefined;
      const types = payload.type;
      if (
        !Array.isArray(types) ||
        !types.includes('BitstringStatusListCredential') ||
        payload.id !== url ||
        typeof payload.iss !== 'string' ||
        subject?.statusPurpose !== 'revocation' ||
        typeof subject.encodedList !== 'string'
      )
        return undefined;
      const value = { issuer: payload.iss, encodedList: subject.encodedList };
      this.lists.set(url, { value, at: Date.now() });
      return value;
    } catch {
      return undefined;
    }
  }

  private async keysOf(
    deployment: TrustedDeployment,
    kid: string,
  ): Promise<Map<string, VerifyKey> | undefined> {
    const hit = this.keys.get(deployment.jwksUrl);
    const now = Date.now();
    if (hit && now - hit.at < this.ttl && hit.value.has(kid)) return hit.value;
    // An unknown kid, an old or no copy: asked again at most every `refetchAfter`, whatever anyone sends (a stream
    // of passports with made-up kids, or a deployment that does not answer, costs one fetch per interval).
    if (now - (this.tried.get(deployment.jwksUrl) ?? -Infinity) < this.refetchAfter) return hit?.value;
    this.tried.set(deployment.jwksUrl, now);
    try {
      const res = await this.get(deployment.jwksUrl, 'application/jwk-set+json, application/json');
      if (res.status !== 200) return hit?.value;
      const body = res.json() as { keys?: unknown };
      const keys = new Map<string, VerifyKey>();
      for (const jwk of Array.isArray(body.keys) ? (body.keys as JWK[]) : []) {
        if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.kid !== 'string' || jwk.d !== undefined)
          continue;
        keys.set(jwk.kid, await importJWK(jwk, PASSPORT_ALGORITHM));
      }
      this.keys.set(deployment.jwksUrl, { value: keys, at: Date.now() });
      return keys;
    } catch {
      return hit?.value;
    }
  }

  private get(url: string, accept: string): Promise<SafeFetchResponse> {
    return this.fetch(url, {
      maxBytes: MAX_BYTES,
      timeoutMs: TIMEOUT_MS,
      maxRedirects: 0,
      headers: { accept },
      ...(this.options.allowLoopback ? { allowLoopback: true } : {}),
    });
  }
}

function decodeKid(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as {
      kid?: unknown;
    };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

import { checkFetchTarget } from '@hearth/platform';
import type { Configuration, ServerMetadata } from 'openid-client';

/** How long one request to a provider (discovery, keys, token) may take. */
const REQUEST_TIMEOUT_S = 10;
/** Seconds of clock difference allowed between Hearth and a provider when checking an ID token's times. */
const CLOCK_TOLERANCE_S = 5;
/** The most a provider's answer (discovery document, keys, token response) may weigh. */
export const MAX_PROVIDER_ANSWER_BYTES = 256 * 1024;
/** How long a provider's discovery document is reused before it is fetched again. */
export const DISCOVERY_TTL_MS = 10 * 60 * 1000;

export interface ProviderClient {
  /** The provider's row id: discovery is cached per provider. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface OidcClientOptions {
  /** Tests and development on one machine only: http and loopback issuers (never private addresses). */
  allowLoopback: boolean;
  /** The service's clock, so an ID token's expiry is judged by the same clock as everything else. */
  now: () => Date;
  /** How long a discovery document is reused (tests shorten it). */
  discoveryTtlMs?: number;
}

/**
 * openid-client is ESM only; the service is CommonJS, so it is loaded once, on first use.
 */
let loaded: Promise<typeof import('openid-client')> | undefined;
export const openidClient = () => (loaded ??= import('openid-client'));

/** An answer read whole, refused past `MAX_PROVIDER_ANSWER_BYTES`, as a new `Response` openid-client reads. */
async function bounded(res: Response): Promise<Response> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_PROVIDER_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new Error('the identity provider’s answer is too large');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_PROVIDER_ANSWER_BYTES) {
        await reader.cancel();
        throw new Error('the identity provider’s answer is too large');
      }
      chunks.push(value);
    }
  }
  const empty = [101, 204, 205, 304].includes(res.status);
  return new Response(empty ? null : Buffer.concat(chunks), {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}

/**
 * Every request to a provider first checks where the address resolves (as `safeFetch` does): an issuer an admin
 * typed can't make Hearth reach inside its own network. Redirects are not followed, answers are bounded.
 */
const guardedFetchFor = (allowLoopback: boolean) => async (url: string, init: RequestInit) => {
  const { url: target } = await checkFetchTarget(url, { allowLoopback });
  if (target.protocol !== 'https:' && !allowLoopback) throw new Error('an identity provider must use https');
  return bounded(await fetch(target, { ...init, redirect: 'manual' }));
};

/** Discovery documents by provider id (and the issuer they were fetched from), reused for a while (service clock). */
const discovered = new Map<string, { issuer: string; server: ServerMetadata; until: number }>();

/**
 * A provider's configuration from its discovery document, fetched at most once per `discoveryTtlMs` for each
 * provider (anonymous `start` calls must not make Hearth fetch the issuer each time). The client's settings and
 * the clock are applied afresh on each call, so a rotated secret or a moved clock needs no fresh discovery.
 */
export async function discoverProvider(
  provider: ProviderClient,
  opts: OidcClientOptions,
): Promise<Configuration> {
  const oc = await openidClient();
  const guardedFetch = guardedFetchFor(opts.allowLoopback);
  const clientMetadata = {
    // oauth4webapi takes its time as the wall clock plus this many seconds.
    [oc.clockSkew]: Math.round((opts.now().getTime() - Date.now()) / 1000),
    [oc.clockTolerance]: CLOCK_TOLERANCE_S,
  };
  const cached = discovered.get(provider.id);
  let config: Configuration;
  const now = opts.now().getTime();
  if (cached && cached.issuer === provider.issuer && cached.until > now) {
    config = new oc.Configuration(
      cached.server,
      provider.clientId,
      clientMetadata,
      oc.ClientSecretPost(provider.clientSecret),
    );
    if (opts.allowLoopback) oc.allowInsecureRequests(config);
  } else {
    config = await oc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      clientMetadata,
      oc.ClientSecretPost(provider.clientSecret),
      {
        [oc.customFetch]: guardedFetch,
        timeout: REQUEST_TIMEOUT_S,
        execute: opts.allowLoopback ? [oc.allowInsecureRequests] : [],
      },
    );
    discovered.set(provider.id, {
      issuer: provider.issuer,
      server: config.serverMetadata(),
      until: now + (opts.discoveryTtlMs ?? DISCOVERY_TTL_MS),
    });
  }
  config[oc.customFetch] = guardedFetch;
  config.timeout = REQUEST_TIMEOUT_S;
  return config;
}

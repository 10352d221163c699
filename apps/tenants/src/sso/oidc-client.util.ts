import type { LookupAddress } from 'node:dns';
import { SafeFetchError, safeFetch, type SafeFetchResponse } from '@hearth/platform';
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
  /** The resolver (default the system's): tests give one that answers for a name of their own. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

/**
 * openid-client is ESM only; the service is CommonJS, so it is loaded once, on first use.
 */
let loaded: Promise<typeof import('openid-client')> | undefined;
export const openidClient = () => (loaded ??= import('openid-client'));

/** A request's body as `safeFetch` sends it (openid-client sends forms as URLSearchParams). */
function bodyOf(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new Error('an identity provider request with a body Hearth does not send');
}

/** `safeFetch`'s answer as the `Response` openid-client reads. */
function responseOf(res: SafeFetchResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const empty = [101, 204, 205, 304].includes(res.status);
  return new Response(empty ? null : new Uint8Array(res.body), { status: res.status, headers });
}

/**
 * Every request to a provider goes through `safeFetch`: the issuer's host is resolved once, checked (an issuer an
 * admin typed can't make Hearth reach inside its own network) and the connection pinned to the checked address,
 * so DNS rebinding can't answer differently between the check and the fetch. Redirects are not followed (answered
 * as they are), answers are bounded.
 */
export const guardedFetchFor =
  (allowLoopback: boolean, resolve?: OidcClientOptions['resolve']) =>
  async (url: string, init: RequestInit): Promise<Response> => {
    if (new URL(url).protocol !== 'https:' && !allowLoopback)
      throw new Error('an identity provider must use https');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    try {
      return responseOf(
        await safeFetch(url, {
          allowLoopback,
          resolve,
          headers,
          body: bodyOf(init.body),
          maxBytes: MAX_PROVIDER_ANSWER_BYTES,
          maxRedirects: 0,
          timeoutMs: REQUEST_TIMEOUT_S * 1000,
          signal: init.signal ?? undefined,
        }),
      );
    } catch (err) {
      if (err instanceof SafeFetchError && err.reason === 'size')
        throw new Error('the identity provider’s answer is too large', { cause: err });
      throw err;
    }
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
  const guardedFetch = guardedFetchFor(opts.allowLoopback, opts.resolve);
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

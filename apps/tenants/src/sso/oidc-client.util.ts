import { checkFetchTarget } from '@hearth/platform';
import type { Configuration } from 'openid-client';

/** How long one request to a provider (discovery, keys, token) may take. */
const REQUEST_TIMEOUT_S = 10;
/** Seconds of clock difference allowed between Hearth and a provider when checking an ID token's times. */
const CLOCK_TOLERANCE_S = 5;

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface OidcClientOptions {
  /** Tests and development on one machine only: http and loopback issuers (never private addresses). */
  allowLoopback: boolean;
  /** The service's clock, so an ID token's expiry is judged by the same clock as everything else. */
  now: () => Date;
}

/**
 * openid-client is ESM only; the service is CommonJS, so it is loaded once, on first use.
 */
let loaded: Promise<typeof import('openid-client')> | undefined;
export const openidClient = () => (loaded ??= import('openid-client'));

/**
 * A provider's configuration from its discovery document. Every request to the provider goes through a fetch
 * that first checks where the address resolves (as `safeFetch` does): an issuer an admin typed can't make
 * Hearth reach inside its own network. Redirects are not followed (openid-client asks for `manual`).
 */
export async function discoverProvider(
  provider: ProviderClient,
  opts: OidcClientOptions,
): Promise<Configuration> {
  const oc = await openidClient();
  const guardedFetch = async (url: string, init: RequestInit) => {
    const { url: target } = await checkFetchTarget(url, { allowLoopback: opts.allowLoopback });
    if (target.protocol !== 'https:' && !opts.allowLoopback)
      throw new Error('an identity provider must use https');
    return fetch(target, { ...init, redirect: 'manual' });
  };
  const config = await oc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    {
      // oauth4webapi takes its time as the wall clock plus this many seconds.
      [oc.clockSkew]: Math.round((opts.now().getTime() - Date.now()) / 1000),
      [oc.clockTolerance]: CLOCK_TOLERANCE_S,
    },
    oc.ClientSecretPost(provider.clientSecret),
    {
      [oc.customFetch]: guardedFetch,
      timeout: REQUEST_TIMEOUT_S,
      execute: opts.allowLoopback ? [oc.allowInsecureRequests] : [],
    },
  );
  config[oc.customFetch] = guardedFetch;
  config.timeout = REQUEST_TIMEOUT_S;
  return config;
}

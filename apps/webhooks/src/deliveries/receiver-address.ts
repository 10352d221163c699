import { AppError } from '@hearth/contracts';
import { checkFetchTarget, SafeFetchError, type SafeFetchOptions } from '@hearth/platform';
import type { WebhooksOptions } from '../webhooks.options';

/**
 * What `safeFetch` is told about a receiver: loopback only for a host named in `insecureHosts` (tests and
 * development), never for an address typed as such, and never a private or link-local one (ADR 0079).
 */
export function fetchOptionsFor(
  url: URL,
  options: WebhooksOptions,
): Pick<SafeFetchOptions, 'allowLoopback' | 'resolve'> {
  const insecure = (options.insecureHosts ?? []).includes(url.hostname.toLowerCase());
  return { allowLoopback: insecure, resolve: options.resolve };
}

const invalid = (message: string) =>
  new AppError('VALIDATION', `The receiver's address ${message}.`, { errors: [{ field: 'url', message }] });

/**
 * A receiver's address, checked when a subscription is made: https:// (http:// only for an insecure host), and a
 * host that resolves to public addresses only. Each delivery checks again (the name may point elsewhere later).
 */
export async function checkReceiverUrl(value: string, options: WebhooksOptions): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('is not an address (a URL)');
  }
  const insecure = (options.insecureHosts ?? []).includes(url.hostname.toLowerCase());
  if (url.protocol !== 'https:' && !(insecure && url.protocol === 'http:'))
    throw invalid('must be an https:// address');
  try {
    await checkFetchTarget(url, fetchOptionsFor(url, options));
  } catch (err) {
    if (err instanceof SafeFetchError) throw invalid(err.message);
    throw err;
  }
  return url.toString();
}

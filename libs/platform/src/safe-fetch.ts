import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';

/**
 * One way for Hearth to fetch an address someone else chose (an imported feed, later a webhook or a logo): it must
 * never reach inside the network Hearth runs in (server-side request forgery). The host is resolved once and the
 * connection pinned to the addresses checked (no second lookup that DNS rebinding could answer differently);
 * only public unicast addresses over http(s); redirects re-checked hop by hop; the body and the time bounded.
 */
export interface SafeFetchOptions {
  /** Loopback addresses (127.0.0.0/8, ::1) too: for tests and development on one machine only, never private ones. */
  allowLoopback?: boolean;
  /** The most a body may be (default 5 MiB); a larger one fails with `size`, without reading the rest. */
  maxBytes?: number;
  /** The whole fetch, redirects included (default 20 s). */
  timeoutMs?: number;
  /** Redirects followed, each target checked again (default 3; 0: a redirect is answered as it is). */
  maxRedirects?: number;
  headers?: Record<string, string>;
  /** A body to POST (a webhook's message): a redirect is then answered as it is, never followed. */
  body?: string;
  signal?: AbortSignal;
  /** The resolver (default the system's, as `dns.lookup`): tests give one that answers a private address. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface SafeFetchResponse {
  status: number;
  /** The address finally fetched (after redirects). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The body as JSON; a body that is not JSON fails with `SafeFetchError('content')`. */
  json(): unknown;
}

export type SafeFetchFailure =
  'url' | 'address' | 'redirect' | 'size' | 'timeout' | 'aborted' | 'network' | 'content';

/** Why a fetch was refused or failed, as a reason a caller can act on and a sentence it can show. */
export class SafeFetchError extends Error {
  constructor(
    readonly reason: SafeFetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

const DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 3 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Global unicast IPv6 (2000::/3): anything else (IPv4-compatible ::a.b.c.d, ULA, NAT64 …) is refused. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why an address may not be fetched (its range: `private`, `loopback`, `linkLocal` …), or undefined when it is a
 * public unicast one. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function refusedAddress(address: string, opts: { allowLoopback?: boolean } = {}): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === 'loopback' && opts.allowLoopback) return undefined;
  if (range !== 'unicast') return range;
  if (ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) return 'not global unicast';
  return undefined;
}

/** A URL Hearth may be asked to fetch: http(s), with a host, without credentials in it. */
export function fetchableUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SafeFetchError('url', 'is not an address (a URL)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SafeFetchError('url', 'must be an http:// or https:// address');
  if (url.username || url.password) throw new SafeFetchError('url', 'must not carry a user name or password');
  if (!url.hostname) throw new SafeFetchError('url', 'has no host');
  return url;
}

const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the URL's host once and checks every address it has: one refused address refuses the host (a name
 * that also points inside is not one to trust). Answers the addresses to connect to.
 */
export async function checkFetchTarget(
  value: string | URL,
  opts: Pick<SafeFetchOptions, 'allowLoopback' | 'resolve'> = {},
): Promise<{ url: URL; addresses: LookupAddress[] }> {
  const url = fetchableUrl(value);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
      : await (opts.resolve ?? systemResolve)(host);
  } catch {
    throw new SafeFetchError('network', `its host (${host}) could not be found`);
  }
  if (addresses.length === 0) throw new SafeFetchError('network', `its host (${host}) has no address`);
  for (const { address } of addresses) {
    const why = refusedAddress(address, opts);
    if (why)
      throw new SafeFetchError(
        'address',
        `leads to an address Hearth does not fetch (${why}: only public internet addresses)`,
      );
  }
  return { url, addresses };
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for the socket that answers only the addresses already checked: the connection is pinned to them. */
const pinnedLookup =
  (addresses: LookupAddress[]) =>
  (_host: string, options: { all?: boolean } | number | undefined, callback: LookupCallback) => {
    if (typeof options === 'object' && options?.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function fetchOnce(
  url: URL,
  addresses: LookupAddress[],
  headers: Record<string, string>,
  maxBytes: number,
  signal: AbortSignal,
  body?: string,
): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const settle = (err: SafeFetchError | undefined, hop?: Hop) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(hop!);
    };
    const onAbort = () => settle(new SafeFetchError('aborted', 'was stopped'));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers:
        body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
      lookup: pinnedLookup(addresses) as never,
    });
    signal.addEventListener('abort', onAbort);
    req.on('error', (err: Error) => settle(new SafeFetchError('network', `did not answer (${err.message})`)));
    req.on('response', (res: IncomingMessage) => {
      const tooLarge = () => settle(new SafeFetchError('size', `answered more than ${maxBytes} bytes`));
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return tooLarge();
        chunks.push(chunk);
      });
      res.on('end', () =>
        settle(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', (err: Error) => settle(new SafeFetchError('network', `broke off (${err.message})`)));
      res.on('close', () => settle(new SafeFetchError('network', 'broke off before the end')));
    });
    if (signal.aborted) onAbort();
    else req.end(body);
  });
}

/**
 * GET (or, with a `body`, POST to) an address someone else chose, safely (see `SafeFetchOptions`). Any status is answered (the caller judges a
 * 404), except a redirect, which is followed to a target checked as the first was. Fails with a
 * `SafeFetchError` saying why: `url`, `address`, `redirect`, `size`, `timeout`, `aborted` or `network`.
 */
export async function safeFetch(
  value: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResponse> {
  const { maxBytes, timeoutMs, maxRedirects } = { ...DEFAULTS, ...withoutUndefined(options) };
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const headers = {
    accept: 'application/json',
    'accept-encoding': 'identity',
    'user-agent': 'Hearth (+https://github.com/hearth)',
    ...options.headers,
  };
  let current: string | URL = value;
  try {
    for (let hop = 0; ; hop++) {
      if (signal.aborted) throw new SafeFetchError('aborted', 'was stopped');
      const { url, addresses } = await checkFetchTarget(current, options);
      const res = await fetchOnce(url, addresses, headers, maxBytes, signal, options.body);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location || maxRedirects === 0 || options.body !== undefined) {
        const body = res.body;
        return {
          status: res.status,
          url: url.toString(),
          headers: res.headers,
          body,
          text: () => body.toString('utf8'),
          json: () => parseJson(body),
        };
      }
      if (hop >= maxRedirects)
        throw new SafeFetchError('redirect', `redirected more than ${maxRedirects} times`);
      try {
        current = new URL(location, url);
      } catch {
        throw new SafeFetchError('redirect', 'redirected to something that is not an address');
      }
    }
  } catch (err) {
    if (deadline.aborted) throw new SafeFetchError('timeout', `took longer than ${timeoutMs} ms`);
    throw err;
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new SafeFetchError('content', 'did not answer JSON');
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface OrukFeedOptions {
  /** The most services on a page, whatever `per_page` asks (default 2, so that a small feed has pages). */
  pageSize?: number;
  /** Answers `modified_after` (a Hearth extension; default false: 400 as a feed without it may). */
  modifiedAfter?: boolean;
  /** Answered at `/organizations/{id}`, `/taxonomies/{id}`, `/taxonomy_terms/{id}`. */
  named?: Partial<Record<'organizations' | 'taxonomies' | 'taxonomy_terms', Json[]>>;
  /** Waits this long before answering a page of `/services` (an import that is still running). */
  delayMs?: number;
}

export interface OrukFeed {
  /** The feed's base address (`http://127.0.0.1:<port>/oruk`). */
  url: string;
  /** Its services, fully nested, in the order of its pages: change them to change the feed. */
  services: Json[];
  /** Every path and query asked, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** What a page of `/services` shows of a service: its own fields and its organisation, nothing nested deeper. */
const summaryOf = (service: Json): Json =>
  Object.fromEntries(Object.entries(service).filter(([k, v]) => !Array.isArray(v) || k === 'organization'));

/**
 * An Open Referral UK 3.0 feed served from memory on this machine's loopback, as the UK profile's OpenAPI document
 * has it: `/`, `/services?page=&per_page=` (HSDS pages of summaries), `/services/{id}` (fully nested) and the named
 * lookups. For import tests (the reference examples, or a Hearth export served back as a feed).
 */
export async function startOrukFeed(services: Json[], opts: OrukFeedOptions = {}): Promise<OrukFeed> {
  const requests: string[] = [];
  const feed = { services: [...services] };
  const answer = (url: URL, send: (status: number, body: unknown) => void) => {
    const path = url.pathname.replace(/^\/oruk/, '').replace(/\/$/, '');
    if (path === '')
      return send(200, {
        version: '3.0',
        profile: 'https://github.com/openreferral/uk-profile',
        openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
      });
    if (path === '/services') {
      const since = url.searchParams.get('modified_after');
      if (since !== null && !opts.modifiedAfter)
        return send(400, { message: 'modified_after is not supported' });
      const all = since
        ? feed.services.filter((s) => String(s.last_modified ?? '') > new Date(since).toISOString())
        : feed.services;
      const size = Math.min(Number(url.searchParams.get('per_page') ?? 50), opts.pageSize ?? 2);
      const page = Number(url.searchParams.get('page') ?? 1);
      const totalPages = Math.max(1, Math.ceil(all.length / size));
      const contents = all.slice((page - 1) * size, page * size).map(summaryOf);
      return send(200, {
        total_items: all.length,
        total_pages: totalPages,
        page_number: page,
        size: contents.length,
        first_page: page === 1,
        last_page: page >= totalPages,
        empty: contents.length === 0,
        contents,
      });
    }
    const item = /^\/(services|organizations|taxonomies|taxonomy_terms)\/([^/]+)$/.exec(path);
    if (!item) return send(404, { message: 'not found' });
    const id = decodeURIComponent(item[2]);
    const list = item[1] === 'services' ? feed.services : (opts.named?.[item[1] as 'taxonomies'] ?? []);
    const found = list.find((x) => x.id === id);
    send(found ? 200 : 404, found ?? { message: 'not found' });
  };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://feed');
    const send = (status: number, body: unknown) =>
      res
        .writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        .end(JSON.stringify(body));
    if (opts.delayMs && url.pathname.endsWith('/services'))
      setTimeout(() => answer(url, send), opts.delayMs).unref();
    else answer(url, send);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/oruk`,
    get services() {
      return feed.services;
    },
    set services(value: Json[]) {
      feed.services = value;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeFetch, SafeFetchError } from '../src/safe-fetch';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** safeFetch against a real HTTP server on this machine (loopback, so each test that reaches it says so). */
describe('safeFetch', () => {
  let server: Server;
  let base: string;
  let port: number;
  const routes = new Map<string, Handler>();
  const hits: string[] = [];
  const open = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      open.add(res);
      res.on('close', () => open.delete(res));
      const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (handler) handler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    routes.set('/feed', (req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, host: req.headers.host })),
    );
    routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 32; i++) res.write(chunk);
      res.end();
    });
    routes.set('/declared-big', (_req, res) => res.writeHead(200, { 'content-length': '999999999' }).end());
    routes.set('/slow', (_req, res) => {
      res.writeHead(200);
      res.write('{');
    });
    routes.set('/hang', () => undefined);
    routes.set('/to-feed', (_req, res) => res.writeHead(302, { location: '/feed' }).end());
    routes.set('/to-metadata', (_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    routes.set('/to-private', (_req, res) => res.writeHead(307, { location: 'http://10.0.0.1/' }).end());
    routes.set('/to-file', (_req, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end());
    routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    routes.set('/not-json', (_req, res) => res.writeHead(200).end('<html>'));
  });

  afterAll(async () => {
    for (const res of open) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const loopback = { allowLoopback: true };
  const reasonOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SafeFetchError);
    return (err as SafeFetchError).reason;
  };

  it('fetches from loopback only when allowed, by address or by a name that resolves to it', async () => {
    const res = await safeFetch(`${base}/feed`, loopback);
    expect([res.status, res.json()]).toEqual([200, { ok: true, host: `127.0.0.1:${port}` }]);
    const before = hits.length;
    expect(await reasonOf(safeFetch(`${base}/feed`))).toBe('address');
    expect(await reasonOf(safeFetch(`http://localhost:${port}/feed`))).toBe('address');
    expect(await reasonOf(safeFetch(`http://[::ffff:127.0.0.1]:${port}/feed`))).toBe('address');
    expect(hits.length).toBe(before);
    const byName = await safeFetch(`http://localhost:${port}/feed`, loopback);
    expect(byName.json()).toEqual({ ok: true, host: `localhost:${port}` });
  });

  it('connects to the address it resolved once, keeping the name in Host', async () => {
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const res = await safeFetch(`http://feed.example.org:${port}/feed`, { ...loopback, resolve });
    expect(res.json()).toEqual({ ok: true, host: `feed.example.org:${port}` });
    expect(lookups).toBe(1);
    const rebinding = async () => [{ address: '10.0.0.7', family: 4 }];
    expect(await reasonOf(safeFetch(`http://feed.example.org:${port}/feed`, { resolve: rebinding }))).toBe(
      'address',
    );
  });

  it('follows a redirect it may, and refuses one to a private, link-local or non-http target', async () => {
    const res = await safeFetch(`${base}/to-feed`, loopback);
    expect([res.status, res.url]).toEqual([200, `${base}/feed`]);
    expect(await reasonOf(safeFetch(`${base}/to-metadata`, loopback))).toBe('address');
    expect(await reasonOf(safeFetch(`${base}/to-private`, loopback))).toBe('address');
    expect(await reasonOf(safeFetch(`${base}/to-file`, loopback))).toBe('url');
    expect(await reasonOf(safeFetch(`${base}/loop`, loopback))).toBe('redirect');
    const unfollowed = await safeFetch(`${base}/to-feed`, { ...loopback, maxRedirects: 0 });
    expect(unfollowed.status).toBe(302);
  });

  it('stops a body over the size limit, read or declared', async () => {
    expect(await reasonOf(safeFetch(`${base}/big`, { ...loopback, maxBytes: 1024 * 1024 }))).toBe('size');
    expect((await safeFetch(`${base}/big`, { ...loopback, maxBytes: 4 * 1024 * 1024 })).body.length).toBe(
      2 * 1024 * 1024,
    );
    expect(await reasonOf(safeFetch(`${base}/declared-big`, loopback))).toBe('size');
  });

  it('stops at the time limit, whether the server is silent or slow, and when the caller stops it', async () => {
    const started = Date.now();
    expect(await reasonOf(safeFetch(`${base}/hang`, { ...loopback, timeoutMs: 300 }))).toBe('timeout');
    expect(await reasonOf(safeFetch(`${base}/slow`, { ...loopback, timeoutMs: 300 }))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    expect(await reasonOf(safeFetch(`${base}/hang`, { ...loopback, signal: stop.signal }))).toBe('aborted');
  });

  it('says when an answer is not JSON, and when nothing listens', async () => {
    const res = await safeFetch(`${base}/not-json`, loopback);
    expect(() => res.json()).toThrow(SafeFetchError);
    expect(await reasonOf(safeFetch('http://127.0.0.1:1/', loopback))).toBe('network');
  });
});

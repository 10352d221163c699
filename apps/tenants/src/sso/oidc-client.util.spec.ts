import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { MAX_PROVIDER_ANSWER_BYTES, discoverProvider } from './oidc-client.util';

/** An issuer whose discovery document is larger than Hearth reads, sent in chunks without a length. */
describe('discoverProvider', () => {
  let server: Server;
  let issuer: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      res.write(`{"issuer":"${issuer}","padding":"`);
      for (let sent = 0; sent <= MAX_PROVIDER_ANSWER_BYTES; sent += chunk.length) res.write(chunk);
      res.end('"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses a provider’s answer larger than it reads', async () => {
    const discovery = discoverProvider(
      { id: randomUUID(), issuer, clientId: 'hearth', clientSecret: 'secret' },
      { allowLoopback: true, now: () => new Date() },
    );
    // openid-client wraps what its fetch threw.
    const err = (await discovery.catch((e: unknown) => e)) as Error & { cause?: Error };
    expect(err.cause?.message ?? err.message).toMatch(/too large/);
  });
});

/**
 * The issuer's host is resolved once, checked, and the connection pinned to what was checked: a name only the
 * test's resolver knows reaches the test's issuer (a second lookup by the system, as a plain `fetch` makes, could
 * not find it — nor be answered differently by a rebinding DNS server).
 */
describe('discoverProvider’s requests', () => {
  let server: Server;
  let port: number;
  const lookups: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: `http://issuer.hearth-test.invalid:${port}`, jwks_uri: 'x' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A provider at a name only `resolve` knows. */
  const named = (
    resolve: (hostname: string) => Promise<{ address: string; family: number }[]>,
  ): Parameters<typeof discoverProvider> => [
    {
      id: randomUUID(),
      issuer: `http://issuer.hearth-test.invalid:${port}`,
      clientId: 'hearth',
      clientSecret: 's',
    },
    { allowLoopback: true, now: () => new Date(), resolve },
  ];

  it('connect to the address they checked, resolved once', async () => {
    const config = await discoverProvider(
      ...named(async (hostname) => {
        lookups.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      }),
    );
    expect(config.serverMetadata().issuer).toBe(`http://issuer.hearth-test.invalid:${port}`);
    expect(lookups).toEqual(['issuer.hearth-test.invalid']);
  });

  it('refuse an address inside the network, whatever the name', async () => {
    const discovery = discoverProvider(...named(async () => [{ address: '10.1.2.3', family: 4 }]));
    const err = (await discovery.catch((e: unknown) => e)) as Error & { cause?: Error };
    expect(err.cause?.message ?? err.message).toMatch(/private|not a public|address/i);
  });
});

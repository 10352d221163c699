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

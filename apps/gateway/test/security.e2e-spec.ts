import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { createGatewayApp } from '../src/gateway.app';
import { ApiClient, eventually } from '@hearth/testing';
import { ReadinessRegistry } from '@hearth/platform';

type Json = Record<string, unknown>;

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('gateway security', () => {
  let h: DistributedHearth;

  beforeAll(async () => {
    h = await startDistributedHearth();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await h.api.get<Json>('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('is ready only with its broker: /health/ready checks NATS', async () => {
    const ready = await h.api.get<{ status: string; details: Record<string, { status: string }> }>(
      '/health/ready',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.details.nats).toEqual({ status: 'up' });
  });

  it('says which check is down when it is not ready: a 503 problem with every check and why', async () => {
    let down = true;
    h.gateway.get(ReadinessRegistry).register('test-dependency', {
      isReady: async () => (down ? { ready: false, details: { reason: 'switched off by the test' } } : true),
    });
    try {
      const res = await h.api.get<Json>('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        code: 'UNAVAILABLE',
        detail: 'Not ready: test-dependency.',
        checks: {
          nats: { status: 'up' },
          'test-dependency': { status: 'down', reason: 'switched off by the test' },
        },
      });
    } finally {
      down = false;
    }
    expect((await h.api.get('/health/ready')).status).toBe(200);
  });

  it('keeps a caller’s X-Request-Id as the correlation id', async () => {
    const res = await h.api.request<Json>('GET', '/api/v1/me', undefined, {
      'x-request-id': 'trace-0123456789',
    });
    expect(res.headers.get('x-request-id')).toBe('trace-0123456789');
    expect(res.body.requestId).toBe('trace-0123456789');
  });

  describe('access tokens', () => {
    const claims = (sub: string) => ({
      sub,
      email: 'forged@example.org',
      grants: [{ role: 'platform-admin' }],
      iss: 'hearth',
      aud: 'hearth-api',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    it('refuses a token with alg "none"', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims('0190a000-0000-7000-8000-000000000000'))}.`;
      expect((await h.api.as(token).get('/api/v1/regions')).status).toBe(401);
    });

    it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const header = b64({ alg: 'HS256', typ: 'JWT' });
      const body = b64(claims('0190a000-0000-7000-8000-000000000000'));
      const sig = createHmac('sha256', h.publicKeyPem).update(`${header}.${body}`).digest('base64url');
      expect((await h.api.as(`${header}.${body}.${sig}`).get('/api/v1/regions')).status).toBe(401);
    });

    it('refuses a well-formed ES256 token signed by another key', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = await new SignJWT(claims('0190a000-0000-7000-8000-000000000000'))
        .setProtectedHeader({ alg: 'ES256' })
        .sign(privateKey);
      expect((await h.api.as(token).get('/api/v1/regions')).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const [header, payload, sig] = (await h.given.platformAdmin()).split('.');
      const tampered = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: 1 };
      expect((await h.api.as(`${header}.${b64(tampered)}.${sig}`).get('/api/v1/me')).status).toBe(401);
    });
  });

  /** A gateway of its own with a small sign-in budget (3 a minute per client address). */
  async function strictGateway(trustProxy: string[] = []) {
    const app = await createGatewayApp(
      {
        publicKeyPem: h.publicKeyPem,
        gatewayKey: h.trust.gatewayKeys.privateKey,
        authRateLimit: 3,
        trustProxy,
      },
      { ...h.nats.as('gateway'), requestTimeoutMs: 2000, trust: h.trust.trust },
      'warn',
    );
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    return {
      app,
      api: new ApiClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`),
    };
  }
  let n = 0;
  const wrongSignIn = (api: ApiClient, from?: string, email = `nobody-${++n}@example.org`) =>
    api.request<Json>(
      'POST',
      '/api/v1/auth/login',
      { email, password: 'wrong password' },
      from ? { 'x-forwarded-for': from } : {},
    );

  it('rate-limits the sign-in routes', async () => {
    const { app, api } = await strictGateway();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await wrongSignIn(api)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await wrongSignIn(api);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      // Other routes are not limited by the sign-in budget.
      expect((await api.get('/health/live')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('gives unsubscribe links a budget of their own, far above sign-in’s: a mail provider’s one-click posts share its address', async () => {
    const { app, api } = await strictGateway();
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < 8; i++) {
        const token = randomBytes(32).toString('base64url');
        statuses.add((await api.post('/api/v1/public/unsubscribe', { token })).status);
        statuses.add((await api.post('/api/v1/auth/digest-unsubscribe', { token })).status);
      }
      // Unknown links, answered as such, never 429 (sign-in's budget here is 3 a minute).
      expect(statuses.has(429)).toBe(false);
      expect([...statuses].every((s) => s < 500)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('rate-limits forgot-password and reset-password as it does sign-in', async () => {
    const { app, api } = await strictGateway();
    try {
      const forgot: number[] = [];
      const reset: number[] = [];
      for (let i = 0; i < 5; i++) {
        const email = `nobody-${++n}@example.org`;
        forgot.push((await api.post<Json>('/api/v1/auth/forgot-password', { email })).status);
        const body = { token: 'x'.repeat(43), newPassword: 'long enough passphrase' };
        reset.push((await api.post<Json>('/api/v1/auth/reset-password', body)).status);
      }
      expect([forgot, reset]).toEqual([
        [202, 202, 202, 429, 429],
        [400, 400, 400, 429, 429],
      ]);
    } finally {
      await app.close();
    }
  });

  it('still limits a client that rotates X-Forwarded-For when it is not a trusted proxy', async () => {
    const { app, api } = await strictGateway();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await wrongSignIn(api, `198.51.100.${i + 1}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('counts each person behind a trusted proxy (the web app’s server) on their own', async () => {
    const { app, api } = await strictGateway(['127.0.0.1']);
    try {
      const people = [];
      for (let i = 0; i < 5; i++) people.push((await wrongSignIn(api, `203.0.113.${i + 1}`)).status);
      expect(people).toEqual([401, 401, 401, 401, 401]);
      const one = [];
      for (let i = 0; i < 4; i++) one.push((await wrongSignIn(api, '203.0.113.99')).status);
      expect(one).toEqual([401, 401, 401, 429]);
      // Only the proxy's last hop is believed: a client cannot prepend addresses of its own choosing.
      const spoofed = [];
      for (let i = 0; i < 2; i++) spoofed.push((await wrongSignIn(api, `10.9.9.${i}, 203.0.113.99`)).status);
      expect(spoofed).toEqual([429, 429]);
    } finally {
      await app.close();
    }
  });

  it('slows down wrong passwords for one account, from wherever they come, without locking its owner out', async () => {
    const platform = await h.given.platformAdmin();
    const lero = await h.given.lero((await h.given.region(platform)).id, platform);
    const { app, api } = await strictGateway(['127.0.0.1']);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await wrongSignIn(api, `192.0.2.${i + 1}`, lero.adminEmail)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const waiting = await wrongSignIn(api, '192.0.2.77', lero.adminEmail);
      expect(waiting.status).toBe(429);
      expect(waiting.body).toMatchObject({ code: 'RATE_LIMITED', reason: 'SignInThrottled' });
      expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
      // While it waits, even the right password is refused: the wait is what slows a guesser down.
      const owner = (from: string) =>
        api.request<Json>(
          'POST',
          '/api/v1/auth/login',
          { email: lero.adminEmail, password: 'correct horse battery staple' },
          { 'x-forwarded-for': from },
        );
      expect((await owner('192.0.2.200')).status).toBe(429);
      // A second later (the first delay), the owner signs in, with their code, and that clears the count.
      const code = await h.given.authenticators.code(lero.adminEmail);
      let n2 = 200;
      const signedIn = await eventually(
        async () => {
          const res = await owner(`192.0.2.${++n2}`);
          expect(res.status).toBe(200);
          return res;
        },
        { timeoutMs: 5000 },
      );
      expect(signedIn.body.mfaRequired).toBe(true);
      const completed = await api.request<Json>(
        'POST',
        '/api/v1/auth/login/second-factor',
        { challenge: signedIn.body.challenge, code },
        { 'x-forwarded-for': '192.0.2.240' },
      );
      expect(completed.body.accessToken).toEqual(expect.any(String));
      expect((await wrongSignIn(api, '192.0.2.250', lero.adminEmail)).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { createGatewayApp } from '../src/gateway.app';
import { ApiClient } from '@hearth/testing';

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
      const login = await h.api.post<Json>('/api/v1/auth/login', h.admin);
      const [header, payload, sig] = String(login.body.accessToken).split('.');
      const tampered = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: 1 };
      expect((await h.api.as(`${header}.${b64(tampered)}.${sig}`).get('/api/v1/me')).status).toBe(401);
    });
  });

  it('rate-limits the sign-in routes', async () => {
    const { publicKeyPem } = h;
    const strict = await createGatewayApp(
      { publicKeyPem, gatewayKey: h.trust.gatewayKeys.privateKey, authRateLimit: 3 },
      { ...h.nats.as('gateway'), requestTimeoutMs: 2000, trust: h.trust.trust },
      'warn',
    );
    await strict.listen(0, '127.0.0.1');
    try {
      const address = strict.getHttpServer().address();
      const api = new ApiClient(
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      );
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await api.post('/api/v1/auth/login', { email: 'x@example.org', password: 'wrong password' }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await api.post<Json>('/api/v1/auth/login', {
        email: 'x@example.org',
        password: 'wrong password',
      });
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      // Other routes are not limited by the sign-in budget.
      expect((await api.get('/health/live')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

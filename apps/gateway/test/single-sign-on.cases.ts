import { startTestOidcProvider, type ApiClient, type TestOidcProvider } from '@hearth/testing';
import {
  LERO_CAST,
  bodyOf as ok,
  castInRegion,
  problemFieldsOf as fieldsOf,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
/** The web app's callback page, as the test Hearth's public address makes it. */
export const SSO_PUBLIC_URL = 'http://hearth.test';
const PASSWORD = 'correct horse battery staple';
const MISSING = '0190a3c4-0000-7000-8000-000000000000';

const grantsIn = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { grants: Json[] }).grants;

/** Who may set up a LERO's or region's provider: its region's admins and platform admins; its own people 403. */
const managers = (own: Who[], allowed: number): Matrix => ({
  ...(Object.fromEntries(LERO_CAST.map((who) => [who, own.includes(who) ? 403 : 404])) as Matrix),
  'platform admin': allowed,
  'region admin': allowed,
  anonymous: 401,
});
const LERO_OWN: Who[] = ['tenant-admin', 'coordinator', 'volunteer', 'member'];

/**
 * Single sign-on (ADR 80) through the gateway, against a real OpenID provider on a loopback port. The test
 * file's Hearth runs with `tenants: { publicUrl: SSO_PUBLIC_URL, ssoAllowLoopbackIssuers: true }`.
 */
export function singleSignOnCases(hearth: () => DistributedHearth) {
  let h: DistributedHearth;
  let idp: TestOidcProvider;
  let cast: Awaited<ReturnType<typeof castInRegion>>;
  let as: (who: Who) => ApiClient;
  let providerId: string;
  let adminEmail: string;

  const settings = (over: Json = {}): Json => ({
    displayName: 'LERO Workspace',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowedDomains: ['example.org', 'admin.example.org'],
    ...over,
  });

  /** A whole sign-in in a browser: start at the gateway, the provider as `email`, back to the callback. */
  const signInAs = async (email: string, emailVerified = true) => {
    idp.signInAs({ sub: `sub-${email}`, email, emailVerified });
    // As a browser's first step: the gateway's redirect, not followed here but by the provider's walk.
    const start = await fetch(`${h.api.baseUrl}/api/v1/auth/sso/${providerId}/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const answer = await idp.authorise(start.headers.get('location')!);
    return h.api.post<Json>('/api/v1/auth/sso/callback', {
      binding: start.headers.get('hearth-sso-binding'),
      code: answer.get('code'),
      state: answer.get('state'),
      iss: answer.get('iss'),
    });
  };

  beforeAll(async () => {
    h = hearth();
    idp = await startTestOidcProvider(`${SSO_PUBLIC_URL}/sign-in/sso/callback`);
    cast = await castInRegion(h);
    as = (who: Who) => h.api.as(cast.tokens[who]);
    const me = await h.api.as(cast.tokens['platform admin']).get<{ email: string }>('/api/v1/me');
    adminEmail = me.body.email;
  });

  afterAll(async () => {
    await idp?.stop();
  });

  it('lets the region’s admins and platform admins set up a LERO’s provider; everyone else is refused', async () => {
    const base = `/api/v1/tenants/${cast.lero.id}/identity-providers`;
    expect(await statusesOf(as, (api) => api.post(base, settings()))).toEqual(managers(LERO_OWN, 201));
    expect(await statusesOf(as, (api) => api.get(base))).toEqual(managers(LERO_OWN, 200));
    const listed = ok(await as('region admin').get<{ items: Json[] }>(base), 200).items;
    expect(listed).toHaveLength(2);
    expect(listed[0]).not.toHaveProperty('clientSecret');
    providerId = String(listed[0].id);
    const verify = `${base}/${providerId}/domain-verification`;
    expect(await statusesOf(as, (api) => api.post(verify))).toEqual({
      ...managers(LERO_OWN, 403),
      'platform admin': 200,
    });
    // Through another LERO, or the region, the provider is missing.
    const viaOther = `/api/v1/tenants/${cast.other.id}/identity-providers/${providerId}/domain-verification`;
    expect((await as('platform admin').post(viaOther)).status).toBe(404);
    const viaRegion = `/api/v1/regions/${cast.region.id}/identity-providers/${providerId}/domain-verification`;
    expect((await as('platform admin').post(viaRegion)).status).toBe(404);
    const spare = String(listed[1].id);
    expect((await as('another LERO’s admin').request('DELETE', `${base}/${spare}`)).status).toBe(404);
    expect((await as('region admin').request('DELETE', `${base}/${spare}`)).status).toBe(204);
    expect((await as('region admin').request('DELETE', `${base}/${spare}`)).status).toBe(404);
  });

  it('lets the region’s admins and platform admins set up a region’s provider', async () => {
    const base = `/api/v1/regions/${cast.region.id}/identity-providers`;
    expect(await statusesOf(as, (api) => api.get(base))).toEqual({
      ...managers(['commissioner'], 200),
    });
    expect((await as('region admin').post(base, settings())).status).toBe(201);
    expect((await as('platform admin').get(`/api/v1/regions/${MISSING}/identity-providers`)).status).toBe(
      404,
    );
  });

  it('refuses bad input with a 400 problem naming the field', async () => {
    const base = `/api/v1/tenants/${cast.lero.id}/identity-providers`;
    const admin = as('region admin');
    expect(fieldsOf(await admin.post(base, settings({ issuer: 'ftp://idp' })))).toEqual(['issuer']);
    expect(fieldsOf(await admin.post(base, settings({ allowedDomains: [] })))).toEqual(['allowedDomains']);
    expect(fieldsOf(await admin.post(base, settings({ allowedDomains: ['Not A Domain'] })))).toEqual([
      'allowedDomains',
    ]);
    expect(fieldsOf(await admin.post(base, settings({ clientSecret: undefined })))).toEqual(['clientSecret']);
    expect(fieldsOf(await admin.post(base, settings({ tenantId: cast.other.id })))).toEqual(['tenantId']);
    expect(fieldsOf(await admin.post(`${base}/nope/domain-verification`))).toEqual(['providerId']);
    expect(fieldsOf(await h.api.get('/api/v1/auth/sso/nope/start'))).toEqual(['providerId']);
    expect(fieldsOf(await h.api.get('/api/v1/auth/sso/providers?email=nope'))).toEqual(['email']);
    expect(fieldsOf(await h.api.post('/api/v1/auth/sso/callback', { state: 'x', code: '' }))).toEqual(
      expect.arrayContaining(['state', 'code', 'binding']),
    );
    expect(
      fieldsOf(await h.api.post('/api/v1/auth/sso/invitation-providers', { invitationToken: 1 })),
    ).toEqual(['invitationToken']);
    expect(fieldsOf(await h.api.post('/api/v1/auth/sso/link', { linkToken: 'short' }))).toEqual(
      expect.arrayContaining(['linkToken', 'password']),
    );
  });

  it('signs a coordinator in with the LERO’s provider, once linked with their password', async () => {
    const coordinator = await h.given.tenantUser(cast.lero.id, 'coordinator', cast.lero.adminToken);
    // Anyone may ask which providers accept an invitation; a token nobody was sent has none.
    expect(
      await statusesOf(as, (api) =>
        api.post('/api/v1/auth/sso/invitation-providers', {
          invitationToken: 'an-invitation-nobody-was-sent',
        }),
      ),
    ).toEqual(Object.fromEntries(LERO_CAST.map((who) => [who, 200])));
    const found = ok(
      await h.api.get<{ items: Json[] }>(`/api/v1/auth/sso/providers?email=${coordinator.email}`),
      200,
    );
    expect(found.items).toContainEqual({ id: providerId, displayName: 'LERO Workspace' });
    const offer = ok(await signInAs(coordinator.email), 200);
    expect(offer).toMatchObject({ linkRequired: true, email: coordinator.email });
    const linked = await h.api.post<{ accessToken: string }>('/api/v1/auth/sso/link', {
      linkToken: offer.linkToken,
      password: PASSWORD,
    });
    expect(grantsIn(ok(linked, 200).accessToken)).toEqual([{ role: 'coordinator', tenantId: cast.lero.id }]);
    const again = ok(await signInAs(coordinator.email), 200) as { accessToken: string };
    const me = ok(await h.api.as(again.accessToken).get<{ email: string }>('/api/v1/me'), 200);
    expect(me.email).toBe(coordinator.email);
    const log = ok(
      await as('tenant-admin').get<{ items: { action: string; details: Json }[] }>(
        `/api/v1/tenants/${cast.lero.id}/audit?limit=100`,
      ),
      200,
    ).items;
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'account.sso-linked',
        details: expect.objectContaining({ providerId, providerName: 'LERO Workspace' }),
      }),
    );
  });

  it('refuses, as 403 problems, an unverified email, a platform admin and another LERO’s coordinator', async () => {
    const coordinator = await h.given.tenantUser(cast.lero.id, 'coordinator', cast.lero.adminToken);
    const otherCoordinator = await h.given.tenantUser(cast.other.id, 'coordinator', cast.other.adminToken);
    const refused = async (email: string, verified = true) => {
      const res = await signInAs(email, verified);
      expect(res.headers.get('content-type')).toContain('problem+json');
      return [res.status, res.body.reason];
    };
    expect(await refused(coordinator.email, false)).toEqual([403, 'SsoEmailUnverified']);
    expect(await refused(adminEmail)).toEqual([403, 'SsoAccountNotAllowed']);
    expect(await refused(otherCoordinator.email)).toEqual([403, 'SsoAccountNotAllowed']);
    expect(await refused('someone@elsewhere.example.net')).toEqual([403, 'SsoEmailNotAllowed']);
    const replayed = await h.api.post<Json>('/api/v1/auth/sso/callback', {
      code: 'a-code',
      state: 'a-state-nobody-was-given-0000',
      binding: 'a-binding-nobody-was-given-00',
    });
    expect([replayed.status, replayed.body.reason]).toEqual([401, 'SsoFlowUnknown']);
    // The provider's answer without the binding `start` gave its starter: unknown, and still theirs to use.
    idp.signInAs({ sub: `sub-${coordinator.email}`, email: coordinator.email, emailVerified: true });
    const start = await fetch(`${h.api.baseUrl}/api/v1/auth/sso/${providerId}/start`, { redirect: 'manual' });
    const answer = await idp.authorise(start.headers.get('location')!);
    const callback = (binding: string | null) =>
      h.api.post<Json>('/api/v1/auth/sso/callback', {
        code: answer.get('code'),
        state: answer.get('state'),
        iss: answer.get('iss'),
        binding,
      });
    const stolen = await callback('someone-elses-binding-0000000000');
    expect([stolen.status, stolen.body.reason]).toEqual([401, 'SsoFlowUnknown']);
    expect((await callback(start.headers.get('hearth-sso-binding'))).status).toBe(200);
  });
}

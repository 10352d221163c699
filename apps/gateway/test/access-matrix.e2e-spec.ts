import type { ApiClient, ApiResponse } from '@hearth/testing';
import { LERO_CAST as WHO, statusesOf, type Who, type Matrix } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** A route inside a LERO: refused (403) to those who can see it, 404 to those who cannot, unless said otherwise. */
const inLero = (allowed: Partial<Matrix>): Matrix => ({
  'platform admin': 403,
  'region admin': 403,
  commissioner: 404,
  'tenant-admin': 403,
  coordinator: 403,
  volunteer: 403,
  member: 403,
  'another LERO’s admin': 404,
  anonymous: 401,
  ...allowed,
});

/** Anyone signed in gets `status(who)`; nobody signed in a 401. */
const signedIn = (status: (who: Who) => number): Matrix =>
  Object.fromEntries(WHO.map((who) => [who, who === 'anonymous' ? 401 : status(who)])) as Matrix;

/** A route of the region or the platform: refused to its other staff, 404 to the LEROs' people. */
const inRegion = (allowed: Partial<Matrix>): Matrix => ({
  'platform admin': 403,
  'region admin': 403,
  commissioner: 403,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  anonymous: 401,
  ...allowed,
});

/**
 * Every new route of the access lifecycle (issue 11, parts 3 and 4), asked by every role: the LERO's own
 * people, its region's staff, another LERO's admin and nobody signed in. Routes that change something get a
 * fresh target for each caller, so each answer stands on its own.
 */
describe('the access lifecycle, role by role (gateway → NATS → tenants)', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let lero: { id: string; adminToken: string; adminEmail: string };
  let other: { id: string; adminToken: string };
  const tokens = {} as Record<Who, string | undefined>;
  let n = 0;

  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const idOf = async (token: string) => (await h.api.as(token).get<{ id: string }>('/api/v1/me')).body.id;

  async function regionUser(role: 'region-admin' | 'commissioner') {
    const email = `${role}-${++n}-${region.slug}@example.org`;
    const invite = await h.api
      .as(tokens['platform admin'])
      .post<Json>(`/api/v1/regions/${region.id}/invitations`, { email, role });
    const token = await h.given.acceptInvitation(invite.body.token as string, email);
    return { email, token, accountId: await idOf(token) };
  }

  /** Someone with a role in the LERO, invited by its admin. */
  async function leroUser(role: string) {
    const user = await h.given.tenantUser(lero.id, role, lero.adminToken);
    return { ...user, accountId: await idOf(user.token) };
  }

  /** Runs one request as every role and compares all the statuses at once. */
  async function expectMatrix(expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) {
    expect(await statusesOf(as, call)).toEqual(expected);
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    tokens['platform admin'] = await h.given.platformAdmin();
    region = await h.given.region(tokens['platform admin']);
    tokens['region admin'] = (await regionUser('region-admin')).token;
    tokens.commissioner = (await regionUser('commissioner')).token;
    lero = await h.given.lero(region.id, tokens['region admin']);
    other = await h.given.lero(region.id, tokens['region admin']);
    tokens['tenant-admin'] = lero.adminToken;
    tokens['another LERO’s admin'] = other.adminToken;
    for (const role of ['coordinator', 'volunteer', 'member'] as const)
      tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
    tokens.anonymous = undefined;
  });

  afterAll(async () => {
    await h?.close();
  });

  // First: later tests change these people's passwords and sign them out everywhere.
  it('two-factor routes: anyone signed in for their own account; admins cannot turn it off', async () => {
    const admins: Who[] = ['platform admin', 'region admin', 'tenant-admin', 'another LERO’s admin'];
    const byAdmin = (admin: number, other: number) =>
      signedIn((who) => (admins.includes(who) ? admin : other));
    // Public: only the challenge decides (an unknown one, whoever asks).
    await expectMatrix(Object.fromEntries(WHO.map((who) => [who, 401])) as Matrix, (api) =>
      api.post('/api/v1/auth/login/second-factor', { challenge: 'x'.repeat(43), code: '123456' }),
    );
    await expectMatrix(
      signedIn(() => 200),
      (api) => api.get('/api/v1/auth/session'),
    );
    await expectMatrix(
      signedIn(() => 201),
      (api) => api.post('/api/v1/auth/two-factor/totp'),
    );
    await expectMatrix(
      signedIn(() => 200),
      (api) => api.get('/api/v1/auth/two-factor/totp'),
    );
    // A code that is not the app's: the form is wrong, the person is still signed in (400, not 401).
    await expectMatrix(
      signedIn(() => 400),
      (api) => api.post('/api/v1/auth/two-factor/totp/confirm', { code: '000000', currentPassword: 'x' }),
    );
    // The admins set theirs up when they signed in (Given); the others have it off.
    await expectMatrix(byAdmin(201, 409), (api, who) =>
      api.post('/api/v1/auth/two-factor/recovery-codes', {
        currentPassword: who === 'platform admin' ? h.admin.password : 'correct horse battery staple',
      }),
    );
    await expectMatrix(byAdmin(403, 409), (api) =>
      api.post('/api/v1/auth/two-factor/disable', { currentPassword: 'x', code: '123456' }),
    );
  });

  it('GET /tenants/{id}/team: the LERO’s admins and coordinators see everyone, region staff its admins only', async () => {
    await expectMatrix(
      inLero({ 'platform admin': 200, 'region admin': 200, 'tenant-admin': 200, coordinator: 200 }),
      (api) => api.get(`/api/v1/tenants/${lero.id}/team`),
    );
    type Team = { accounts: { roles: { role: string }[] }[]; hasEnabledAdmin: boolean };
    const rolesSeenBy = async (who: Who) =>
      (await as(who).get<Team>(`/api/v1/tenants/${lero.id}/team`)).body.accounts
        .flatMap((a) => a.roles.map((r) => r.role))
        .sort();
    expect(await rolesSeenBy('tenant-admin')).toEqual(['coordinator', 'member', 'tenant-admin', 'volunteer']);
    expect(await rolesSeenBy('region admin')).toEqual(['tenant-admin']);
    expect(await rolesSeenBy('platform admin')).toEqual(['tenant-admin']);
  });

  it('DELETE /tenants/{id}/team/{accountId}/roles/{role}: admins any role, coordinators volunteers and members', async () => {
    await expectMatrix(inLero({ 'tenant-admin': 204, coordinator: 204 }), async (api) => {
      const target = await leroUser('volunteer');
      return api.request('DELETE', `/api/v1/tenants/${lero.id}/team/${target.accountId}/roles/volunteer`);
    });
    const coordinator = await leroUser('coordinator');
    const path = `/api/v1/tenants/${lero.id}/team/${coordinator.accountId}/roles/coordinator`;
    expect((await as('coordinator').request('DELETE', path)).status).toBe(403);
    expect((await as('tenant-admin').request('DELETE', path)).status).toBe(204);
    expect((await as('tenant-admin').request('DELETE', path)).status).toBe(404);
  });

  it('GET /regions/{id}/team: the region’s admins and platform admins', async () => {
    await expectMatrix(inRegion({ 'platform admin': 200, 'region admin': 200 }), (api) =>
      api.get(`/api/v1/regions/${region.id}/team`),
    );
  });

  it('DELETE /regions/{id}/team/{accountId}/roles/{role}: the region’s admins and platform admins', async () => {
    await expectMatrix(inRegion({ 'platform admin': 204, 'region admin': 204 }), async (api) => {
      const target = await regionUser('commissioner');
      return api.request(
        'DELETE',
        `/api/v1/regions/${region.id}/team/${target.accountId}/roles/commissioner`,
      );
    });
  });

  it.each(['disable', 'enable'])('POST /accounts/{id}/%s: platform admins only', async (change) => {
    await expectMatrix(
      signedIn((who) => (who === 'platform admin' ? 204 : 403)),
      async (api) => {
        const target = await leroUser('volunteer');
        if (change === 'enable')
          await as('platform admin').post(`/api/v1/accounts/${target.accountId}/disable`);
        return api.post(`/api/v1/accounts/${target.accountId}/${change}`);
      },
    );
  });

  it('POST /accounts/{id}/password-reset: the admins of the LERO that holds every role of the account', async () => {
    await expectMatrix(inLero({ commissioner: 403, 'tenant-admin': 201 }), async (api) => {
      const target = await leroUser('volunteer');
      return api.post(`/api/v1/accounts/${target.accountId}/password-reset`);
    });
  });

  it('POST /auth/password and /auth/logout-all: anyone signed in, for their own account', async () => {
    const everyoneSignedIn = (status: number) => signedIn(() => status);
    // A wrong current password is a 400 on that field for everyone (a real change is tested on its own).
    await expectMatrix(everyoneSignedIn(400), (api) =>
      api.post('/api/v1/auth/password', {
        currentPassword: 'not my password at all',
        newPassword: 'a brand new passphrase',
      }),
    );
    await expectMatrix(everyoneSignedIn(204), (api) => api.post('/api/v1/auth/logout-all'));
  });

  it('DELETE /invitations/{id}: whoever may give the role there, or whoever made it', async () => {
    await expectMatrix(inLero({ 'tenant-admin': 204, coordinator: 204 }), async (api) => {
      const invite = await as('tenant-admin').post<Json>(`/api/v1/tenants/${lero.id}/invitations`, {
        email: `cancel-${++n}@example.org`,
        role: 'volunteer',
      });
      return api.request('DELETE', `/api/v1/invitations/${String(invite.body.id)}`);
    });
  });

  it('POST /tenants/{id}/break-glass: region staff only, and only for a LERO with no enabled admin', async () => {
    await expectMatrix(inLero({ 'platform admin': 409, 'region admin': 409 }), (api) =>
      api.post(`/api/v1/tenants/${lero.id}/break-glass`, {
        email: `glass-${++n}@example.org`,
        reason: 'Their only admin has left the LERO',
      }),
    );
    const refused = await as('region admin').post<Json>(`/api/v1/tenants/${lero.id}/break-glass`, {
      email: 'glass@example.org',
      reason: 'Their only admin has left the LERO',
    });
    expect(refused.body.reason).toBe('TenantHasAdmin');
  });

  it('POST /tenants/{id}/invitations: into an active LERO only its own admins (coordinators: volunteers and members)', async () => {
    const inviteAs = (role: string) => (api: ApiClient) =>
      api.post<Json>(`/api/v1/tenants/${lero.id}/invitations`, { email: `in-${++n}@example.org`, role });
    const expected = (coordinator: number) => inLero({ 'tenant-admin': 201, coordinator });
    await expectMatrix(expected(403), inviteAs('tenant-admin'));
    await expectMatrix(expected(201), inviteAs('member'));
    const refused = await inviteAs('coordinator')(as('region admin'));
    expect(refused.body.reason).toBe('LeroAdminsOnly');
  });

  it('PATCH /tenants/{id} reportingVisibility: the LERO’s own admins only', async () => {
    await expectMatrix(inLero({ 'tenant-admin': 200 }), (api) =>
      api.patch(`/api/v1/tenants/${lero.id}`, { reportingVisibility: 'regional-total-only' }),
    );
    const lookedUp = await as('tenant-admin').get<Json>(`/api/v1/tenants/${lero.id}`);
    expect(lookedUp.body.reportingVisibility).toBe('regional-total-only');
    // A region admin can no longer switch it back to per-LERO figures.
    const back = await as('region admin').patch<Json>(`/api/v1/tenants/${lero.id}`, {
      reportingVisibility: 'per-lero',
    });
    expect([back.status, back.body.reason]).toEqual([403, 'LeroAdminsOnly']);
  });

  it('describes every route of the access lifecycle in the OpenAPI document', async () => {
    const doc = await h.api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/openapi.json');
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/tenants/{tenantId}/team',
        'DELETE /api/v1/tenants/{tenantId}/team/{accountId}/roles/{role}',
        'POST /api/v1/tenants/{tenantId}/break-glass',
        'GET /api/v1/regions/{regionId}/team',
        'DELETE /api/v1/regions/{regionId}/team/{accountId}/roles/{role}',
        'POST /api/v1/accounts/{accountId}/disable',
        'POST /api/v1/accounts/{accountId}/enable',
        'POST /api/v1/accounts/{accountId}/password-reset',
        'POST /api/v1/auth/password',
        'POST /api/v1/auth/password-reset',
        'POST /api/v1/auth/forgot-password',
        'POST /api/v1/auth/reset-password',
        'GET /api/v1/me/digest',
        'PATCH /api/v1/me/digest',
        'POST /api/v1/auth/digest-unsubscribe',
        'POST /api/v1/auth/logout-all',
        'DELETE /api/v1/invitations/{invitationId}',
        'POST /api/v1/auth/login/second-factor',
        'GET /api/v1/auth/session',
        'POST /api/v1/auth/two-factor/totp',
        'GET /api/v1/auth/two-factor/totp',
        'POST /api/v1/auth/two-factor/totp/confirm',
        'POST /api/v1/auth/two-factor/recovery-codes',
        'POST /api/v1/auth/two-factor/disable',
      ]),
    );
    const remove = doc.body.paths['/api/v1/tenants/{tenantId}/team/{accountId}/roles/{role}'].delete as {
      parameters: { name: string; schema?: { enum?: string[] } }[];
    };
    expect(remove.parameters.find((p) => p.name === 'role')?.schema?.enum).toEqual([
      'tenant-admin',
      'coordinator',
      'volunteer',
      'member',
    ]);
  });

  it('answers bad input on the new routes with a 400 naming the field, never a 500', async () => {
    const admin = as('tenant-admin');
    const cases: [Promise<ApiResponse<Json>>, string][] = [
      [admin.request('DELETE', `/api/v1/tenants/${lero.id}/team/not-an-id/roles/volunteer`), 'accountId'],
      [admin.request('DELETE', `/api/v1/tenants/${lero.id}/team/${lero.id}/roles/overlord`), 'role'],
      [
        as('region admin').request('DELETE', `/api/v1/regions/${region.id}/team/${lero.id}/roles/member`),
        'role',
      ],
      [admin.request('DELETE', '/api/v1/invitations/12345'), 'invitationId'],
      [admin.post('/api/v1/accounts/12345/password-reset'), 'accountId'],
      [admin.post('/api/v1/auth/password', { currentPassword: 'x' }), 'newPassword'],
      [admin.post('/api/v1/auth/password', { currentPassword: 'x', newPassword: 'short' }), 'newPassword'],
      [
        h.api.post('/api/v1/auth/password-reset', { token: 'x'.repeat(43), newPassword: 'short' }),
        'newPassword',
      ],
      [
        h.api.post('/api/v1/auth/password-reset', {
          token: 'x'.repeat(43),
          newPassword: 'long enough passphrase',
        }),
        'token',
      ],
      [h.api.post('/api/v1/auth/forgot-password', {}), 'email'],
      [h.api.post('/api/v1/auth/forgot-password', { email: 'not an address' }), 'email'],
      [h.api.post('/api/v1/auth/reset-password', { token: 'x'.repeat(43) }), 'newPassword'],
      [h.api.post('/api/v1/auth/reset-password', { newPassword: 'long enough passphrase' }), 'token'],
      [
        h.api.post('/api/v1/auth/reset-password', {
          token: 'x'.repeat(43),
          newPassword: 'long enough passphrase',
        }),
        'token',
      ],
      [
        as('region admin').post(`/api/v1/tenants/${lero.id}/break-glass`, { email: 'a@example.org' }),
        'reason',
      ],
      [
        as('region admin').post(`/api/v1/tenants/${lero.id}/break-glass`, {
          email: 'nope',
          reason: 'Because it has no admin',
        }),
        'email',
      ],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('POST /auth/forgot-password: 202 for anyone, the same for an account’s address and an unknown one', async () => {
    const answers = [];
    for (const email of [lero.adminEmail, 'nobody-at-all@example.org']) {
      const res = await h.api.post<Json>('/api/v1/auth/forgot-password', { email });
      answers.push([res.status, res.body]);
    }
    expect(answers).toEqual([
      [202, undefined],
      [202, undefined],
    ]);
  });

  it('POST /public/unsubscribe: anyone holding a reminder’s link, the same answer whoever asks (ADR 0081)', async () => {
    // A token Hearth does not hold: refused alike for everyone (signing in gives no other answer).
    await expectMatrix(Object.fromEntries(WHO.map((who) => [who, 400])) as Matrix, (api) =>
      api.post('/api/v1/public/unsubscribe', { token: 'x'.repeat(43) }),
    );
    const doc = await h.api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/openapi.json');
    expect(Object.keys(doc.body.paths['/api/v1/public/unsubscribe'] ?? {})).toEqual(['post']);
  });

  it('answers another LERO’s ids exactly like ids that do not exist', async () => {
    const missing = '00000000-0000-7000-8000-000000000000';
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    const admin = as('tenant-admin');
    const pairs: [string, string][] = [
      [`/api/v1/tenants/${other.id}/team`, `/api/v1/tenants/${missing}/team`],
    ];
    for (const [theirs, none] of pairs) {
      const [a, b] = [await admin.get<Json>(theirs), await admin.get<Json>(none)];
      expect([a.status, strip(a.body)]).toEqual([404, strip(b.body)]);
    }
    const otherAdminId = await idOf(other.adminToken);
    const removeTheirs = await admin.request<Json>(
      'DELETE',
      `/api/v1/tenants/${other.id}/team/${otherAdminId}/roles/tenant-admin`,
    );
    const removeNone = await admin.request<Json>(
      'DELETE',
      `/api/v1/tenants/${missing}/team/${otherAdminId}/roles/tenant-admin`,
    );
    expect([removeTheirs.status, strip(removeTheirs.body)]).toEqual([404, strip(removeNone.body)]);
    const theirInvite = await h.api
      .as(other.adminToken)
      .post<Json>(`/api/v1/tenants/${other.id}/invitations`, {
        email: `theirs-${++n}@example.org`,
        role: 'volunteer',
      });
    const [cancelTheirs, cancelNone] = [
      await admin.request<Json>('DELETE', `/api/v1/invitations/${String(theirInvite.body.id)}`),
      await admin.request<Json>('DELETE', `/api/v1/invitations/${missing}`),
    ];
    expect(cancelTheirs.status).toBe(404);
    expect(cancelNone.status).toBe(404);
    expect(cancelTheirs.body.detail).toBe(cancelNone.body.detail);
    const [resetTheirs, resetNone] = [
      await admin.post<Json>(`/api/v1/accounts/${otherAdminId}/password-reset`),
      await admin.post<Json>(`/api/v1/accounts/${missing}/password-reset`),
    ];
    expect([resetTheirs.status, strip(resetTheirs.body)]).toEqual([404, strip(resetNone.body)]);
  });
});

import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM } from '@hearth/contracts';
import { eventually } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

describe('onboarding a LERO end to end (gateway → NATS → tenants → Postgres)', () => {
  let h: DistributedHearth;
  let admin: string;

  beforeAll(async () => {
    h = await startDistributedHearth();
    admin = await h.given.platformAdmin();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('signs in the platform admin and shows its grants at /me', async () => {
    const res = await h.api.as(admin).get('/api/v1/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: h.admin.email, grants: [{ role: 'platform-admin' }] });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a wrong email and a wrong password with the same 401', async () => {
    const wrongEmail = await h.api.post<Json>('/api/v1/auth/login', {
      email: 'nobody@example.org',
      password: 'whatever-password',
    });
    const wrongPassword = await h.api.post<Json>('/api/v1/auth/login', {
      email: h.admin.email,
      password: 'not-the-password',
    });
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    const strip = ({ requestId: _r, ...rest }: Json) => rest;
    expect(strip(wrongEmail.body)).toEqual(strip(wrongPassword.body));
    expect(wrongEmail.headers.get('content-type')).toContain('application/problem+json');
  });

  it('onboards a LERO: onboarding until its first admin accepts, then active', async () => {
    const region = await h.given.region(admin);
    const created = await h.api
      .as(admin)
      .post<Json & { invitation: { token: string; email: string } }>('/api/v1/tenants', {
        regionId: region.id,
        name: 'Phoenix Recovery Community',
        slug: `phoenix-${region.slug}`,
        adminEmail: 'Coordinator@Phoenix.example.org',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      regionId: region.id,
      status: 'onboarding',
      reportingVisibility: 'per-lero',
      invitation: { email: 'coordinator@phoenix.example.org' },
    });
    const id = created.body.id as string;
    const accepted = await h.api.post<Json>('/api/v1/invitations/accept', {
      token: created.body.invitation.token,
      password: 'a long enough password',
      displayName: 'Sam',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.accountId).toEqual(expect.any(String));
    const lero = await h.api.as(admin).get<Json>(`/api/v1/tenants/${id}`);
    expect(lero.body.status).toBe('active');
    // Its region's short name: where the region's public directory and feed are.
    expect(lero.body.regionSlug).toBe(region.slug);
    const token = await h.given.login('coordinator@phoenix.example.org', 'a long enough password');
    const me = await h.api.as(token).get<Json>('/api/v1/me');
    expect(me.body).toMatchObject({ displayName: 'Sam', grants: [{ role: 'tenant-admin', tenantId: id }] });
    const again = await h.api.post<Json>('/api/v1/invitations/accept', {
      token: created.body.invitation.token,
      password: 'a long enough password',
      displayName: 'Sam',
    });
    expect(again.status).toBe(410);
  });

  it('keeps two LEROs onboarded by a region admin apart: neither admin can see or change the other', async () => {
    const region = await h.given.region(admin);
    const invite = await h.api.as(admin).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: `ra-${region.slug}@example.org`,
      role: 'region-admin',
    });
    const regionAdmin = await h.given.acceptInvitation(
      invite.body.token as string,
      `ra-${region.slug}@example.org`,
    );
    const a = await h.given.lero(region.id, regionAdmin);
    const b = await h.given.lero(region.id, regionAdmin);
    const asA = h.api.as(a.adminToken);
    const notFound = [
      await asA.get(`/api/v1/tenants/${b.id}`),
      await asA.patch(`/api/v1/tenants/${b.id}`, { name: 'Taken over' }),
      await asA.post(`/api/v1/tenants/${b.id}/invitations`, { email: 'x@example.org', role: 'coordinator' }),
      await asA.post(`/api/v1/tenants/${b.id}/suspend`),
      await asA.get(`/api/v1/tenants/${b.id}/audit`),
      await asA.get(`/api/v1/tenants/00000000-0000-7000-8000-000000000000`),
    ];
    expect(notFound.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // An id of another LERO answers exactly like an id that does not exist.
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    expect(strip(notFound[0].body)).toEqual(strip(notFound[5].body));
    const list = await asA.get<{ items: Json[] }>('/api/v1/tenants');
    expect(list.body.items.map((t) => t.id)).toEqual([a.id]);
    const own = await asA.patch<Json>(`/api/v1/tenants/${a.id}`, {
      reportingVisibility: 'regional-total-only',
    });
    expect(own.status).toBe(200);
    expect(own.body.reportingVisibility).toBe('regional-total-only');
    expect((await h.api.as(admin).get<Json>(`/api/v1/tenants/${b.id}`)).body.name).not.toBe('Taken over');
    const asB = h.api.as(b.adminToken);
    expect((await asB.get(`/api/v1/tenants/${a.id}`)).status).toBe(404);
    expect((await asB.patch(`/api/v1/tenants/${a.id}`, { reportingVisibility: 'per-lero' })).status).toBe(
      404,
    );
    expect((await asB.get<Json>(`/api/v1/tenants/${a.id}`)).body.reportingVisibility).toBeUndefined();
    // The region admin who onboarded both sees both.
    const both = await h.api.as(regionAdmin).get<{ items: Json[] }>(`/api/v1/tenants?regionId=${region.id}`);
    expect(both.body.items.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('lets a region admin onboard in its own region only', async () => {
    const north = await h.given.region(admin);
    const south = await h.given.region(admin);
    const invite = await h.api.as(admin).post<Json>(`/api/v1/regions/${north.id}/invitations`, {
      email: `ra-${north.slug}@example.org`,
      role: 'region-admin',
    });
    expect(invite.status).toBe(201);
    const regionAdmin = await h.given.acceptInvitation(
      invite.body.token as string,
      `ra-${north.slug}@example.org`,
    );
    const lero = await h.given.lero(north.id, regionAdmin);
    expect((await h.api.as(regionAdmin).get<Json>(`/api/v1/tenants/${lero.id}`)).status).toBe(200);
    const elsewhere = await h.api.as(regionAdmin).post('/api/v1/tenants', {
      regionId: south.id,
      name: 'Elsewhere',
      slug: `elsewhere-${south.slug}`,
      adminEmail: 'e@example.org',
    });
    expect(elsewhere.status).toBe(404);
    const regions = await h.api.as(regionAdmin).get<{ items: Json[] }>('/api/v1/regions');
    expect(regions.body.items.map((r) => r.id)).toEqual([north.id]);
    const createRegion = await h.api
      .as(regionAdmin)
      .post('/api/v1/regions', { name: 'Mine', slug: `mine-${north.slug}` });
    expect(createRegion.status).toBe(403);
    const inviteElsewhere = await h.api
      .as(regionAdmin)
      .post(`/api/v1/regions/${south.id}/invitations`, { email: 'c@example.org', role: 'commissioner' });
    expect(inviteElsewhere.status).toBe(404);
    const commissioner = await h.api.as(regionAdmin).post<Json>(`/api/v1/regions/${north.id}/invitations`, {
      email: `c-${north.slug}@example.org`,
      role: 'commissioner',
    });
    expect(commissioner.status).toBe(201);
    const asCommissioner = h.api.as(
      await h.given.acceptInvitation(commissioner.body.token as string, `c-${north.slug}@example.org`),
    );
    expect((await asCommissioner.get(`/api/v1/tenants/${lero.id}`)).status).toBe(404);
    expect((await asCommissioner.get<{ items: Json[] }>('/api/v1/tenants')).body.items).toEqual([]);
  });

  it('runs the lifecycle: suspend closes the LERO to its own users, archive is final', async () => {
    const region = await h.given.region(admin);
    const lero = await h.given.lero(region.id, admin);
    const asAdmin = h.api.as(admin);
    expect((await asAdmin.post<Json>(`/api/v1/tenants/${lero.id}/suspend`)).body.status).toBe('suspended');
    expect((await asAdmin.post(`/api/v1/tenants/${lero.id}/suspend`)).status).toBe(409);
    const own = await h.api.as(lero.adminToken).get<Json>(`/api/v1/tenants/${lero.id}`);
    expect(own.status).toBe(403);
    expect(own.body.reason).toBe('TenantClosed');
    expect((await asAdmin.post<Json>(`/api/v1/tenants/${lero.id}/activate`)).body.status).toBe('active');
    expect((await h.api.as(lero.adminToken).get(`/api/v1/tenants/${lero.id}`)).status).toBe(200);
    expect((await h.api.as(lero.adminToken).post(`/api/v1/tenants/${lero.id}/archive`)).status).toBe(403);
    expect((await asAdmin.post<Json>(`/api/v1/tenants/${lero.id}/archive`)).body.status).toBe('archived');
    expect((await asAdmin.post(`/api/v1/tenants/${lero.id}/activate`)).status).toBe(409);
    expect((await asAdmin.get<Json>(`/api/v1/tenants/${lero.id}`)).body.status).toBe('archived');
  });

  it('rejects bad input with a 400 naming the field, and writes nothing', async () => {
    const region = await h.given.region(admin);
    const before = await h.api.as(admin).get<{ items: Json[] }>(`/api/v1/tenants?regionId=${region.id}`);
    const valid = {
      regionId: region.id,
      name: 'Valid name',
      slug: `valid-${region.slug}`,
      adminEmail: 'a@example.org',
    };
    const cases: [unknown, string][] = [
      [{ ...valid, tenantId: region.id }, 'tenantId'],
      [{ ...valid, role: 'platform-admin' }, 'role'],
      [{ ...valid, regionId: 'not-a-uuid' }, 'regionId'],
      [{ ...valid, name: 42 }, 'name'],
      [{ ...valid, slug: 'Not A Slug' }, 'slug'],
      [{ ...valid, adminEmail: 'nope' }, 'adminEmail'],
    ];
    for (const [body, field] of cases) {
      const res = await h.api.as(admin).post<Json & { errors: { field: string }[] }>('/api/v1/tenants', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e) => e.field)).toContain(field);
      expect(res.body.detail).toContain(field);
    }
    const malformed = await h.api.as(admin).get<Json>('/api/v1/tenants/12345');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('tenantId');
    const notJson = await h.api
      .as(admin)
      .request('POST', '/api/v1/tenants', '{"regionId":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    const after = await h.api.as(admin).get<{ items: Json[] }>(`/api/v1/tenants?regionId=${region.id}`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('rotates refresh tokens; a spent one revokes its family; logout ends the session', async () => {
    // Someone without two-factor sign-in, so each sign-in here is a password alone.
    const region = await h.given.region(admin);
    const invite = await h.api.as(admin).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: `c-${region.slug}@example.org`,
      role: 'commissioner',
    });
    await h.given.acceptInvitation(invite.body.token as string, `c-${region.slug}@example.org`);
    const person = { email: `c-${region.slug}@example.org`, password: 'correct horse battery staple' };
    const first = await h.api.post<Json>('/api/v1/auth/login', person);
    const second = await h.api.post<Json>('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.expiresIn).toBeLessThanOrEqual(900);
    const reuse = await h.api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(reuse.status).toBe(401);
    const afterReuse = await h.api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
    const other = await h.api.post<Json>('/api/v1/auth/login', person);
    expect((await h.api.post('/api/v1/auth/logout', { refreshToken: other.body.refreshToken })).status).toBe(
      204,
    );
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(
      401,
    );
  });

  it('adds a grant to an existing account only with its password', async () => {
    const region = await h.given.region(admin);
    const a = await h.given.lero(region.id, admin);
    const b = await h.given.lero(region.id, admin);
    const invite = await h.api
      .as(b.adminToken)
      .post<Json>(`/api/v1/tenants/${b.id}/invitations`, { email: a.adminEmail, role: 'volunteer' });
    expect(invite.status).toBe(201);
    const wrong = await h.api.post('/api/v1/invitations/accept', {
      token: invite.body.token,
      password: 'not the right password',
      displayName: 'X',
    });
    expect(wrong.status).toBe(401);
    const right = await h.api.post('/api/v1/invitations/accept', {
      token: invite.body.token,
      password: 'correct horse battery staple',
      displayName: 'X',
    });
    expect(right.status).toBe(201);
    const token = await h.given.login(a.adminEmail, 'correct horse battery staple');
    const me = await h.api.as(token).get<{ grants: Json[] }>('/api/v1/me');
    expect(me.body.grants).toEqual(
      expect.arrayContaining([
        { role: 'tenant-admin', tenantId: a.id },
        { role: 'volunteer', tenantId: b.id },
      ]),
    );
    const unknown = await h.api.post('/api/v1/invitations/accept', {
      token: 'x'.repeat(43),
      password: 'whatever password',
      displayName: 'X',
    });
    expect(unknown.status).toBe(400);
    const short = await h.api.post<Json>('/api/v1/invitations/accept', {
      token: 'x'.repeat(43),
      password: 'short',
      displayName: 'X',
    });
    expect(short.status).toBe(400);
    expect(short.body.detail).toContain('password');
  });

  it('lets a coordinator invite volunteers and members but not admins', async () => {
    const region = await h.given.region(admin);
    const lero = await h.given.lero(region.id, admin);
    const coordinator = await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
    const asCoordinator = h.api.as(coordinator.token);
    expect(
      (
        await asCoordinator.post(`/api/v1/tenants/${lero.id}/invitations`, {
          email: 'v@example.org',
          role: 'volunteer',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await asCoordinator.post(`/api/v1/tenants/${lero.id}/invitations`, {
          email: 't@example.org',
          role: 'tenant-admin',
        })
      ).status,
    ).toBe(403);
    expect((await asCoordinator.patch(`/api/v1/tenants/${lero.id}`, { name: 'Renamed' })).status).toBe(403);
  });

  it('keeps an activity log in the LERO’s own space, for its admins only', async () => {
    const region = await h.given.region(admin);
    const lero = await h.given.lero(region.id, admin);
    const coordinator = await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
    const first = await h.api
      .as(lero.adminToken)
      .get<{ items: Json[]; nextCursor: string }>(`/api/v1/tenants/${lero.id}/audit?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await h.api
      .as(lero.adminToken)
      .get<{ items: Json[]; nextCursor: string | null }>(
        `/api/v1/tenants/${lero.id}/audit?cursor=${first.body.nextCursor}`,
      );
    const actions = [...first.body.items, ...rest.body.items].map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'tenant.onboarded',
        'invitation.accepted',
        'tenant.activated',
        'invitation.created',
      ]),
    );
    expect(JSON.stringify([...first.body.items, ...rest.body.items])).not.toContain(coordinator.email);
    expect((await h.api.as(coordinator.token).get(`/api/v1/tenants/${lero.id}/audit`)).status).toBe(403);
  });

  it('serves security headers and the OpenAPI document', async () => {
    const doc = await h.api.get<Json & { paths: Json }>('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/tenants', '/api/v1/auth/login']),
    );
    const res = await h.api.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await (await fetch(`${h.api.baseUrl}/health/live`)).json()).toMatchObject({ status: 'ok' });
  });

  it('answers 503 within 5 s when the tenants service is stopped', async () => {
    await h.stopTenants();
    const started = Date.now();
    const res = await h.api.post<Json>('/api/v1/auth/login', h.admin);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('domain events of the LERO lifecycle', () => {
  let h: DistributedHearth;

  beforeAll(async () => {
    h = await startDistributedHearth();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('publishes onboarded, activated and suspended to JetStream through the outbox', async () => {
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    const lero = await h.given.lero(region.id, admin);
    await h.api.as(admin).post(`/api/v1/tenants/${lero.id}/suspend`);
    const nc = await h.nats.connect('migrate');
    try {
      const jsm = await jetstreamManager(nc);
      for (const event of ['onboarded', 'activated', 'suspended']) {
        const msg = await eventually(async () => {
          const found = await jsm.streams.getMessage(EVENTS_STREAM, {
            last_by_subj: `evt.tenants.tenant.${event}`,
          });
          if (!found) throw new Error(`no ${event} event yet`);
          return found;
        });
        const body = msg.json<{ id: string; tenantId: string; data: Json }>();
        expect(body.tenantId).toBe(lero.id);
        expect(body.data).toMatchObject({ tenantId: lero.id, regionId: region.id });
        expect(msg.header?.get('Nats-Msg-Id')).toBe(body.id);
      }
    } finally {
      await nc.close();
    }
  });
});

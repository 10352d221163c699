import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, MembershipEvents } from '@hearth/contracts';
import { eventually, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { TENANT_ACCESS_TTL_MS } from '../src/http/tenant-access.guard';

type Json = Record<string, unknown>;
type Problem = Json & { errors?: { field: string; row?: number; message: string }[] };
type MemberPage = { items: Json[]; nextCursor: string | null };

const CSV_HEADER = 'displayName,email,phone,communityRoles,pathway';
/** How long a person's export waits here for every service that holds a part. */
const EXPORT_WAIT_MS = 1500;

describe('membership through the gateway (gateway → NATS → membership → Postgres)', () => {
  let h: DistributedHearth;
  let owner: Client;
  let platformAdmin: string;
  let region: { id: string; slug: string };
  let lero: { id: string; adminToken: string; adminEmail: string };
  let other: { id: string; adminToken: string };
  let asAdmin: ApiClient;
  let n = 0;

  const members = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/members`;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n);

  async function createMember(
    body: Json = {},
    api = asAdmin,
    tenantId = lero.id,
  ): Promise<Json & { id: string }> {
    const res = await api.post<Json & { id: string }>(members(tenantId), {
      displayName: `Person ${++n}`,
      ...body,
    });
    if (res.status !== 201)
      throw new Error(`create member failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function regionUser(role: 'region-admin' | 'commissioner'): Promise<string> {
    const email = `${role}-${++n}-${region.slug}@example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<Json>(`/api/v1/regions/${region.id}/invitations`, { email, role });
    return h.given.acceptInvitation(invite.body.token as string, email);
  }

  /** A member account linked to a member record (the invitation names the record). */
  async function linkedMember(memberId: string, tenantId = lero.id, inviter = lero.adminToken) {
    const email = `member-${++n}@example.org`;
    const invite = await h.api
      .as(inviter)
      .post<Json>(`/api/v1/tenants/${tenantId}/invitations`, { email, role: 'member', memberId });
    if (invite.status !== 201)
      throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
    return { email, token: await h.given.acceptInvitation(invite.body.token as string, email) };
  }

  beforeAll(async () => {
    h = await startDistributedHearth({ membership: { exportWaitMs: EXPORT_WAIT_MS } });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    other = await h.given.lero(region.id, platformAdmin);
    asAdmin = h.api.as(lero.adminToken);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('lets a tenant-admin import 200 members, find one in under a second, record consent, export and erase them', async () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) => `Imported ${i},imported${i}@example.org,07700 900${String(i).padStart(3, '0')},member,`,
    );
    rows[41] = 'Harriet Quill,HQuill@Example.org,01632 960041,member;volunteer,"peer support, SMART"';
    const imported = await asAdmin.request<Json>(
      'POST',
      `${members()}/import`,
      [CSV_HEADER, ...rows].join('\n'),
      {
        'content-type': 'text/csv',
      },
    );
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ created: 200, updated: 0, unchanged: 0, errors: [] });

    const started = Date.now();
    const found = await asAdmin.get<MemberPage>(`${members()}?search=harriet%20q`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        displayName: 'Harriet Quill',
        email: 'hquill@example.org',
        communityRoles: ['member', 'volunteer'],
        pathway: 'peer support, SMART',
        status: 'active',
      }),
    ]);
    const byEmail = await asAdmin.get<MemberPage>(`${members()}?search=HQUILL@`);
    expect(byEmail.body.items.map((m) => m.displayName)).toEqual(['Harriet Quill']);
    const harriet = found.body.items[0].id as string;

    const consent = await asAdmin.patch<Json>(`${members()}/${harriet}`, {
      consents: { contact: true, photos: false },
      preferredContact: 'email',
    });
    expect(consent.status).toBe(200);
    expect(consent.body.consents).toEqual({ contact: true, photos: false, shareStoriesAnonymously: false });
    await asAdmin.patch(`${members()}/${harriet}`, { consents: { photos: true } });
    const history = await asAdmin.get<{ items: Json[] }>(`${members()}/${harriet}/consents`);
    expect(history.body.items.map((c) => [c.consent, c.given])).toEqual([
      ['photos', true],
      ['contact', true],
    ]);

    const exported = await asAdmin.get<Json & { parts: { service: string; data: Json }[] }>(
      `${members()}/${harriet}/export`,
    );
    expect(exported.status).toBe(200);
    // Every service holding member ids gives its part: the export is whole.
    expect(exported.body.parts.map((p) => p.service)).toEqual([
      'advocacy',
      'events',
      'membership',
      'tenants',
      'volunteering',
    ]);
    expect(exported.body.parts.find((p) => p.service === 'membership')?.data).toMatchObject({
      member: { id: harriet, displayName: 'Harriet Quill', email: 'hquill@example.org' },
      consentHistory: expect.any(Array),
    });

    const erased = await asAdmin.request('DELETE', `${members()}/${harriet}`);
    expect(erased.status).toBe(204);
    expect((await asAdmin.get(`${members()}/${harriet}`)).status).toBe(404);
    expect((await asAdmin.get<MemberPage>(`${members()}?search=harriet`)).body.items).toEqual([]);
    const [tombstone] = (await owner.query('select * from membership.members where id = $1', [harriet])).rows;
    expect(tombstone).toMatchObject({
      status: 'erased',
      display_name: null,
      email: null,
      phone: null,
      pathway: null,
    });
    expect(JSON.stringify(tombstone)).not.toMatch(/Harriet|Quill|960041|SMART/i);
    const nc = await h.nats.connect('migrate');
    try {
      const jsm = await jetstreamManager(nc);
      const msg = await eventually(async () => {
        const m = await jsm.streams.getMessage(EVENTS_STREAM, {
          last_by_subj: MembershipEvents.memberErased,
        });
        if (!m) throw new Error('no erased event yet');
        return m;
      });
      expect(msg.json<{ data: Json }>().data).toEqual({
        tenantId: lero.id,
        memberId: harriet,
        occurredAt: expect.any(String),
        communityRoles: ['member', 'volunteer'],
      });
    } finally {
      await nc.close();
    }
  });

  it('rejects bad input with a 400 problem naming the field, and writes nothing', async () => {
    const target = await createMember();
    const before = await count('membership.members');
    const cases: [string, string, unknown, string][] = [
      ['POST', members(), { displayName: 'Smuggled', tenantId: other.id }, 'tenantId'],
      ['POST', members(), { displayName: 'Extra', recoveryScore: 3 }, 'recoveryScore'],
      ['POST', members(), { displayName: 42 }, 'displayName'],
      ['POST', members(), {}, 'displayName'],
      ['POST', members(), { displayName: 'x'.repeat(81) }, 'displayName'],
      ['POST', members(), { displayName: 'Em', email: 'nope' }, 'email'],
      ['POST', members(), { displayName: 'Ph', phone: '12' }, 'phone'],
      ['POST', members(), { displayName: 'Ro', communityRoles: 'volunteer' }, 'communityRoles'],
      ['POST', members(), { displayName: 'Ro', communityRoles: ['captain'] }, 'communityRoles'],
      ['POST', members(), { displayName: 'Pc', preferredContact: 'carrier pigeon' }, 'preferredContact'],
      ['POST', members(), { displayName: 'Co', consents: { contact: 'yes' } }, 'consents.contact'],
      ['PATCH', `${members()}/${target.id}`, { tenantId: other.id }, 'tenantId'],
      ['PATCH', `${members()}/${target.id}`, { displayName: '' }, 'displayName'],
      ['PATCH', `${members()}/${target.id}`, { status: 'left' }, 'status'],
      ['PATCH', `/api/v1/tenants/${lero.id}/me`, { communityRoles: ['staff'] }, 'communityRoles'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await asAdmin.request<Problem>(method, path, body);
      expect({ method, path, field, status: res.status }).toEqual({ method, path, field, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
      expect(res.body.detail).toContain(field);
    }
    for (const [query, field] of [
      ['limit=abc', 'limit'],
      ['limit=1000', 'limit'],
      ['status=erased', 'status'],
      ['communityRole=captain', 'communityRole'],
      ['tenantId=x', 'tenantId'],
      ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const res = await asAdmin.get<Problem>(`${members()}?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect((await asAdmin.get<Problem>(`${members()}/not-a-uuid`)).body.errors).toEqual([
      { field: 'memberId', message: 'must be a UUID' },
    ]);
    const asJson = await asAdmin.post<Problem>(`${members()}/import`, { csv: `${CSV_HEADER}\nA,,,,` });
    expect(asJson.status).toBe(400);
    expect(await count('membership.members')).toBe(before);
    expect((await asAdmin.get<Json>(`${members()}/${target.id}`)).body.displayName).toBe(target.displayName);
  });

  it('imports all or nothing: a bad row answers 400 with every row error and writes no member', async () => {
    const before = await count('membership.members');
    const good = Array.from({ length: 20 }, (_, i) => `Fine ${i},,,,`);
    const csv = [
      CSV_HEADER,
      ...good.slice(0, 10),
      'Broken,broken-at-example,,,',
      ...good.slice(10),
      ',,,member,',
    ].join('\n');
    const res = await asAdmin.request<Problem>('POST', `${members()}/import`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.reason).toBe('ImportRejected');
    expect(res.body.errors).toEqual([
      {
        row: 12,
        field: 'email',
        column: 'email',
        cell: 'B12',
        value: 'broken-at-example',
        message: 'must be an email address',
      },
      {
        row: 23,
        field: 'displayName',
        column: 'displayName',
        cell: 'A23',
        value: '',
        message: 'is required',
      },
    ]);
    expect(await count('membership.members')).toBe(before);
    const tooBig = await asAdmin.request<Problem>(
      'POST',
      `${members()}/import`,
      `${CSV_HEADER}\n${'A Name That Repeats,,,,\n'.repeat(40_000)}`,
      { 'content-type': 'text/csv' },
    );
    expect(tooBig.status).toBe(413);
    expect(await count('membership.members')).toBe(before);
  });

  it('answers another LERO’s member ids with 404, exactly like ids that do not exist', async () => {
    const theirs = await createMember({}, h.api.as(other.adminToken), other.id);
    const missing = '01900000-0000-7000-8000-000000000000';
    const attempts = (id: string) => [
      asAdmin.get<Json>(`${members()}/${id}`),
      asAdmin.patch<Json>(`${members()}/${id}`, { notes: 'mine now' }),
      asAdmin.post<Json>(`${members()}/${id}/leave`),
      asAdmin.post<Json>(`${members()}/${id}/rejoin`),
      asAdmin.request<Json>('DELETE', `${members()}/${id}`),
      asAdmin.get<Json>(`${members()}/${id}/consents`),
      asAdmin.get<Json>(`${members()}/${id}/export`),
    ];
    const theirsRes = await Promise.all(attempts(theirs.id));
    const missingRes = await Promise.all(attempts(missing));
    expect(theirsRes.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    expect(theirsRes.map((r) => strip(r.body))).toEqual(missingRes.map((r) => strip(r.body)));
    for (const res of [
      await asAdmin.get(members(other.id)),
      await asAdmin.get(`${members(other.id)}/${theirs.id}`),
      await asAdmin.post(members(other.id), { displayName: 'Planted' }),
      await asAdmin.get(`/api/v1/tenants/${other.id}/me`),
    ])
      expect(res.status).toBe(404);
    const still = await h.api.as(other.adminToken).get<Json>(`${members(other.id)}/${theirs.id}`);
    expect(still.body).toMatchObject({ displayName: theirs.displayName, notes: null, status: 'active' });
  });

  it('closes a suspended LERO’s members to its own users (403), through the gateway’s guard', async () => {
    const closing = await h.given.lero(region.id, platformAdmin);
    const coordinator = await h.given.tenantUser(closing.id, 'coordinator', closing.adminToken);
    expect(
      (await h.api.as(closing.adminToken).post(members(closing.id), { displayName: 'Before' })).status,
    ).toBe(201);
    expect((await h.api.as(platformAdmin).post(`/api/v1/tenants/${closing.id}/suspend`)).status).toBe(200);
    const res = await h.api.as(coordinator.token).get<Problem>(members(closing.id));
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('TenantClosed');
    expect(
      (await h.api.as(coordinator.token).post(members(closing.id), { displayName: 'After' })).status,
    ).toBe(403);
    expect(await count(`membership.members where tenant_id = $1`, [closing.id])).toBe(1);
  });

  it('closes a suspended LERO to a user whose access the gateway had just checked, at once (not after its cache’s 30 s)', async () => {
    const closing = await h.given.lero(region.id, platformAdmin);
    const coordinator = await h.given.tenantUser(closing.id, 'coordinator', closing.adminToken);
    // Checked and remembered by the gateway's guard; the token was made before the suspension.
    expect((await h.api.as(coordinator.token).get(members(closing.id))).status).toBe(200);
    expect((await h.api.as(platformAdmin).post(`/api/v1/tenants/${closing.id}/suspend`)).status).toBe(200);
    const suspendedAt = Date.now();
    await eventually(
      async () => {
        const res = await h.api.as(coordinator.token).get<Problem>(members(closing.id));
        expect([res.status, res.body.reason]).toEqual([403, 'TenantClosed']);
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(Date.now() - suspendedAt).toBeLessThan(TENANT_ACCESS_TTL_MS);
  });

  it('lets a member read, change and export their own record at /me, and forgets the link when they are erased', async () => {
    const record = await createMember({
      displayName: 'Morgan',
      email: 'morgan@example.org',
      notes: 'Staff note: prefers a quiet corner',
    });
    const account = await linkedMember(record.id);
    const pending = await asAdmin.post<Json>(`/api/v1/tenants/${lero.id}/invitations`, {
      email: 'morgan-other@example.org',
      role: 'member',
      memberId: record.id,
    });
    expect(pending.status).toBe(201);
    const asMorgan = h.api.as(account.token);
    const me = `/api/v1/tenants/${lero.id}/me`;
    const mine = (await asMorgan.get<Json>(me)).body;
    expect(mine).toMatchObject({ id: record.id, displayName: 'Morgan' });
    // The staff's notes are not shown at /me; they are in the person's export (art. 15).
    expect(mine).not.toHaveProperty('notes');
    const changed = await asMorgan.patch<Json>(me, {
      displayName: 'Mo',
      consents: { shareStoriesAnonymously: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ displayName: 'Mo', consents: { shareStoriesAnonymously: true } });
    expect(changed.body).not.toHaveProperty('notes');
    const own = await asMorgan.get<Json & { parts: { service: string; data: Json }[] }>(`${me}/export`);
    expect(own.status).toBe(200);
    expect(own.body.parts.find((p) => p.service === 'membership')?.data).toMatchObject({
      member: { notes: 'Staff note: prefers a quiet corner' },
    });
    expect(own.body.parts.find((p) => p.service === 'tenants')?.data).toMatchObject({
      accounts: [{ email: account.email }],
      invitations: expect.arrayContaining([expect.objectContaining({ email: 'morgan-other@example.org' })]),
    });
    expect((await asMorgan.get(`${members()}/${record.id}`)).status).toBe(403);

    expect((await asAdmin.request('DELETE', `${members()}/${record.id}`)).status).toBe(204);
    await eventually(async () => {
      expect(
        await count(`tenants.grants where tenant_id = $1 and member_id = $2`, [lero.id, record.id]),
      ).toBe(0);
      expect(await count(`tenants.invitations where member_id = $1`, [record.id])).toBe(0);
    });
    expect(await count(`tenants.invitations where email = 'morgan-other@example.org'`)).toBe(0);
    // The account was only Morgan's way in as this member: it goes, and with it every way to sign in.
    expect(await count(`tenants.accounts where email = $1`, [account.email])).toBe(0);
    expect(await count(`tenants.invitations where email = $1`, [account.email])).toBe(0);
    expect(
      (
        await h.api.post('/api/v1/auth/login', {
          email: account.email,
          password: 'correct horse battery staple',
        })
      ).status,
    ).toBe(401);
    expect((await asMorgan.get(me)).status).toBe(404);
  });

  it('merges the LERO’s activity log from both services, newest first, every entry exactly once', async () => {
    const logged = await h.given.lero(region.id, platformAdmin);
    const api = h.api.as(logged.adminToken);
    for (let i = 0; i < 3; i++) {
      const m = await createMember(
        { displayName: `Logged ${i}`, email: `logged${i}@example.org` },
        api,
        logged.id,
      );
      await api.get(`${members(logged.id)}/${m.id}`);
    }
    await h.given.tenantUser(logged.id, 'coordinator', logged.adminToken);
    await createMember({ displayName: 'Last one' }, api, logged.id);
    const audit = `/api/v1/tenants/${logged.id}/audit`;
    const whole = await api.get<MemberPage>(`${audit}?limit=100`);
    expect(whole.body.nextCursor).toBeNull();
    const ids = whole.body.items.map((e) => e.id as string);
    expect([...ids].sort().reverse()).toEqual(ids);
    const actions = whole.body.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['tenant.onboarded', 'invitation.created', 'member.created', 'member.read']),
    );
    expect(JSON.stringify(whole.body)).not.toMatch(/Logged|logged\d@example/);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: MemberPage } = await api.get<MemberPage>(
          `${audit}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((e) => e.id as string));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
    }
    const regionAdmin = await regionUser('region-admin');
    const asRegion = await h.api.as(regionAdmin).get<MemberPage>(`${audit}?limit=100`);
    expect(asRegion.status).toBe(200);
    expect(asRegion.body.items.map((e) => e.action)).toContain('tenant.onboarded');
    expect(asRegion.body.items.filter((e) => String(e.action).startsWith('member.'))).toEqual([]);
  });

  it('describes the member routes in the OpenAPI document', async () => {
    const doc = await h.api.get<{ paths: Record<string, Json> }>('/docs/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tenants/{tenantId}/members',
        '/api/v1/tenants/{tenantId}/members/import',
        '/api/v1/tenants/{tenantId}/members/{memberId}',
        '/api/v1/tenants/{tenantId}/members/{memberId}/consents',
        '/api/v1/tenants/{tenantId}/members/{memberId}/export',
        '/api/v1/tenants/{tenantId}/me',
        '/api/v1/tenants/{tenantId}/me/export',
      ]),
    );
    expect(doc.body.paths['/api/v1/tenants/{tenantId}/members/import']).toHaveProperty(
      'post.requestBody.content.text/csv',
    );
  });

  describe('who may do what: every route × every role', () => {
    const ROLES = [
      'tenant-admin',
      'coordinator',
      'volunteer',
      'member',
      'commissioner',
      'region-admin',
      'platform-admin',
      'other LERO admin',
    ] as const;
    type Who = (typeof ROLES)[number];
    const tokens = {} as Record<Who, string>;

    beforeAll(async () => {
      tokens['tenant-admin'] = lero.adminToken;
      tokens.coordinator = (await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token;
      tokens.volunteer = (await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken)).token;
      tokens.member = (await linkedMember((await createMember({ displayName: 'Self' })).id)).token;
      tokens.commissioner = await regionUser('commissioner');
      tokens['region-admin'] = await regionUser('region-admin');
      tokens['platform-admin'] = platformAdmin;
      tokens['other LERO admin'] = other.adminToken;
    });

    type Route = { route: string; call: (api: ApiClient) => Promise<{ status: number }>; expect: number[] };
    const active = () => createMember().then((m) => m.id);
    const left = async () => {
      const id = await active();
      await asAdmin.post(`${members()}/${id}/leave`);
      return id;
    };
    const me = () => `/api/v1/tenants/${lero.id}/me`;
    //                         admin coord  vol  member comm  region platform other
    const ROUTES: Route[] = [
      {
        route: 'POST /members',
        call: (a) => a.post(members(), { displayName: 'Matrix' }),
        expect: [201, 201, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'GET /members',
        call: (a) => a.get(members()),
        expect: [200, 200, 200, 403, 404, 403, 403, 404],
      },
      {
        route: 'GET /members/{id}',
        call: async (a) => a.get(`${members()}/${await active()}`),
        expect: [200, 200, 200, 403, 404, 403, 403, 404],
      },
      {
        route: 'PATCH /members/{id}',
        call: async (a) => a.patch(`${members()}/${await active()}`, { notes: 'n' }),
        expect: [200, 200, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'POST /members/{id}/leave',
        call: async (a) => a.post(`${members()}/${await active()}/leave`),
        expect: [200, 200, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'POST /members/{id}/rejoin',
        call: async (a) => a.post(`${members()}/${await left()}/rejoin`),
        expect: [200, 200, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'DELETE /members/{id}',
        call: async (a) => a.request('DELETE', `${members()}/${await active()}`),
        expect: [204, 204, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'POST /members/import',
        call: (a) =>
          a.request('POST', `${members()}/import`, `${CSV_HEADER}\nMatrix Import,,,,`, {
            'content-type': 'text/csv',
          }),
        expect: [201, 201, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'GET /members/{id}/consents',
        call: async (a) => a.get(`${members()}/${await active()}/consents`),
        expect: [200, 200, 403, 403, 404, 403, 403, 404],
      },
      {
        route: 'GET /members/{id}/export',
        call: async (a) => a.get(`${members()}/${await active()}/export`),
        expect: [200, 200, 403, 403, 404, 403, 403, 404],
      },
      { route: 'GET /me', call: (a) => a.get(me()), expect: [404, 404, 404, 200, 404, 403, 403, 404] },
      {
        route: 'PATCH /me',
        call: (a) => a.patch(me(), { pathway: 'my way' }),
        expect: [404, 404, 404, 200, 404, 403, 403, 404],
      },
      {
        route: 'GET /me/export',
        call: (a) => a.get(`${me()}/export`),
        expect: [404, 404, 404, 200, 404, 403, 403, 404],
      },
      {
        route: 'GET /audit',
        call: (a) => a.get(`/api/v1/tenants/${lero.id}/audit`),
        expect: [200, 403, 403, 403, 404, 200, 200, 404],
      },
    ];
    const cases = ROUTES.flatMap((r) =>
      ROLES.map((who, i) => ({ route: r.route, who, status: r.expect[i], call: r.call })),
    );

    it('covers 14 routes for 8 roles', () => {
      expect(cases).toHaveLength(112);
    });

    it.each(cases)('$route as $who → $status', async ({ who, status, call }) => {
      const res = await call(h.api.as(tokens[who]));
      expect(res.status).toBe(status);
    });

    it('shows a volunteer only names and community roles', async () => {
      const m = await createMember({
        displayName: 'Checked In',
        email: 'private@example.org',
        communityRoles: ['peer-mentor'],
        notes: 'private',
      });
      const one = await h.api.as(tokens.volunteer).get<Json>(`${members()}/${m.id}`);
      expect(one.body).toEqual({ id: m.id, displayName: 'Checked In', communityRoles: ['peer-mentor'] });
      const list = await h.api.as(tokens.volunteer).get<MemberPage>(`${members()}?search=checked%20in`);
      expect(list.body.items).toEqual([
        { id: m.id, displayName: 'Checked In', communityRoles: ['peer-mentor'] },
      ]);
      expect(JSON.stringify((await h.api.as(tokens.volunteer).get(members())).body)).not.toContain('private');
    });
  });
  // Last: it stops the events service.
  describe('when a service that holds a part of a person’s data does not answer', () => {
    it('gives no export with a gap: 503 problem+json naming what is missing, with Retry-After', async () => {
      const record = await createMember({ displayName: 'Robin' });
      await h.stopEvents();
      const started = Date.now();
      const res = await asAdmin.get<Problem>(`${members()}/${record.id}/export`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(EXPORT_WAIT_MS - 50);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(res.body).toMatchObject({
        status: 503,
        code: 'UNAVAILABLE',
        reason: 'ExportIncomplete',
        missing: ['events'],
        detail: expect.stringContaining('events'),
      });
    });
  });
});

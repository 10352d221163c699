import { eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  everyoneInLero as everyone,
  inLero,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Problem = Json & { errors?: { field: string; message: string }[] };

/** Volunteering end to end (issue 18, first step): HTTP through the gateway, NATS to the volunteering service. */
describe('volunteering through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const training = async (body: Json = {}, tenantId = lero.id, token = lero.adminToken) =>
    ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/training`, {
        name: `Training ${++n}`,
        kind: 'training',
        ...body,
      }),
      201,
    );
  const role = async (body: Json = {}, tenantId = lero.id, token = lero.adminToken) =>
    ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/roles`, {
        title: `Role ${++n}`,
        visibility: 'members',
        ...body,
      }),
      201,
    );

  async function expectMatrix(expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) {
    expect(await statusesOf(as, call)).toEqual(expected);
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, lero, other } = await castInRegion(h));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets a coordinator build the catalogue and a role that requires from it', async () => {
    const safeguarding = ok(
      await as('coordinator').post<Json>(`${base()}/training`, {
        name: 'Safeguarding adults',
        kind: 'training',
        validityMonths: 36,
      }),
      201,
    );
    const dbs = ok(
      await as('coordinator').post<Json>(`${base()}/training`, { name: 'DBS basic', kind: 'check' }),
      201,
    );
    expect(dbs).toMatchObject({ kind: 'check', validityMonths: null });
    const walk = ok(
      await as('coordinator').post<Json>(`${base()}/roles`, {
        title: 'Peer walk leader',
        description: 'Walks with people new to the group.',
        whatYoullDo: 'Lead the Tuesday walk and keep the group together.',
        skills: ['leading a group', 'first conversations'],
        requirementIds: [safeguarding.id, dbs.id],
        where: 'Hyde Park gates',
        visibility: 'public',
      }),
      201,
    );
    expect(walk).toMatchObject({
      status: 'open',
      skills: ['leading a group', 'first conversations'],
      requirements: [
        { id: safeguarding.id, name: 'Safeguarding adults', kind: 'training' },
        { id: dbs.id, name: 'DBS basic', kind: 'check' },
      ],
    });
    const renamed = ok(
      await as('tenant-admin').patch<Json>(`${base()}/training/${safeguarding.id as string}`, {
        name: 'Safeguarding (adults)',
        validityMonths: null,
      }),
      200,
    );
    expect(renamed).toMatchObject({ name: 'Safeguarding (adults)', validityMonths: null });
    const seen = ok(await as('volunteer').get<Json>(`${base()}/roles/${walk.id as string}`), 200);
    expect(seen.requirements).toEqual([
      { id: safeguarding.id, name: 'Safeguarding (adults)', kind: 'training' },
      { id: dbs.id, name: 'DBS basic', kind: 'check' },
    ]);
    const changed = ok(
      await as('coordinator').patch<Json>(`${base()}/roles/${walk.id as string}`, {
        requirementIds: [safeguarding.id],
        where: null,
      }),
      200,
    );
    expect(changed).toMatchObject({ where: null, requirements: [{ id: safeguarding.id }] });
  });

  it('answers every training route, role by role', async () => {
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/training`));
    await expectMatrix(inLero(staff(201)), (api) =>
      api.post(`${base()}/training`, { name: 'First aid', kind: 'training' }),
    );
    const item = await training();
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${base()}/training/${item.id}`, { validityMonths: 12 }),
    );
  });

  it('answers every role route, role by role: volunteers and members see open roles only', async () => {
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/roles`));
    await expectMatrix(inLero(staff(201)), (api) =>
      api.post(`${base()}/roles`, { title: 'Cook', visibility: 'public' }),
    );
    const open = await role();
    const closed = await role({ status: 'closed', visibility: 'public' });
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/roles/${open.id}`));
    await expectMatrix(inLero({ ...staff(200), volunteer: 404, member: 404 }), (api) =>
      api.get(`${base()}/roles/${closed.id}`),
    );
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${base()}/roles/${open.id}`, { skills: ['cooking'] }),
    );
    for (const who of ['volunteer', 'member'] as const) {
      const page = ok(
        await as(who).get<{ items: { id: string; status: string }[] }>(`${base()}/roles?limit=100`),
        200,
      );
      expect(page.items.every((r) => r.status === 'open')).toBe(true);
      expect(page.items.map((r) => r.id)).toContain(open.id);
      expect(page.items.map((r) => r.id)).not.toContain(closed.id);
    }
    const everything = ok(
      await as('coordinator').get<{ items: { id: string }[] }>(`${base()}/roles?status=closed`),
      200,
    );
    expect(everything.items.map((r) => r.id)).toContain(closed.id);
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const theirTraining = await training({}, other.id, other.adminToken);
    const theirRole = await role({}, other.id, other.adminToken);
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const id of [theirRole.id, missing]) {
      expect((await as('tenant-admin').get<Problem>(`${base()}/roles/${id}`)).status).toBe(404);
      expect(
        (await as('tenant-admin').patch<Problem>(`${base()}/roles/${id}`, { title: 'Mine' })).status,
      ).toBe(404);
    }
    for (const id of [theirTraining.id, missing]) {
      const patched = await as('tenant-admin').patch<Problem>(`${base()}/training/${id}`, { name: 'Mine' });
      expect(patched.status).toBe(404);
      const refused = await as('coordinator').post<Problem>(`${base()}/roles`, {
        title: 'Cook',
        visibility: 'members',
        requirementIds: [id],
      });
      expect(fieldsOf(refused)).toEqual(['requirementIds']);
    }
    const listed = ok(
      await as('tenant-admin').get<{ items: { id: string }[] }>(`${base()}/training?limit=100`),
      200,
    );
    expect(listed.items.map((t) => t.id)).not.toContain(theirTraining.id);
  });

  describe('who is a volunteer (from membership’s events over JetStream)', () => {
    type Volunteers = { items: { memberId: string }[]; nextCursor: string | null };
    const volunteersOf = async (tenantId = lero.id, token = lero.adminToken) =>
      ok(await h.api.as(token).get<Volunteers>(`${base(tenantId)}/volunteers?limit=100`), 200).items.map(
        (v) => v.memberId,
      );
    const member = async (communityRoles: string[], tenantId = lero.id, token = lero.adminToken) =>
      ok(
        await h.api.as(token).post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, {
          displayName: `Vol ${++n}`,
          communityRoles,
        }),
        201,
      ).id;
    const members = (path: string) => `/api/v1/tenants/${lero.id}/members/${path}`;

    it('lists a member made with the volunteer community role, and follows their roles, leaving and erasure', async () => {
      const ash = await member(['member', 'volunteer']);
      const bo = await member(['member']);
      await eventually(async () => expect(await volunteersOf()).toContain(ash));
      expect(await volunteersOf()).not.toContain(bo);
      ok(await as('tenant-admin').patch(members(bo), { communityRoles: ['volunteer'] }), 200);
      ok(await as('tenant-admin').patch(members(ash), { communityRoles: ['member'] }), 200);
      await eventually(async () => {
        const now = await volunteersOf();
        expect(now).toContain(bo);
        expect(now).not.toContain(ash);
      });
      ok(await as('coordinator').post(members(`${bo}/leave`), {}), 200);
      await eventually(async () => expect(await volunteersOf()).not.toContain(bo));
      ok(await as('coordinator').post(members(`${bo}/rejoin`), {}), 200);
      await eventually(async () => expect(await volunteersOf()).toContain(bo));
      expect((await as('tenant-admin').request('DELETE', members(bo))).status).toBe(204);
      await eventually(async () => expect(await volunteersOf()).not.toContain(bo));
    });

    it('answers the list route, role by role, and pages it', async () => {
      await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/volunteers`));
      const [c, d] = [await member(['volunteer']), await member(['volunteer'])];
      await eventually(async () => expect(await volunteersOf()).toEqual(expect.arrayContaining([c, d])));
      const all = await volunteersOf();
      const first = ok(await as('coordinator').get<Volunteers>(`${base()}/volunteers?limit=1`), 200);
      expect(first.items).toEqual([{ memberId: all[0] }]);
      const next = ok(
        await as('coordinator').get<Volunteers>(`${base()}/volunteers?limit=100&cursor=${first.nextCursor}`),
        200,
      );
      expect(next.items.map((v) => v.memberId)).toEqual(all.slice(1));
      expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/volunteers?limit=0`))).toContain(
        'limit',
      );
      expect(
        fieldsOf(await as('coordinator').get<Problem>(`${base()}/volunteers?cursor=nonsense`)),
      ).toContain('cursor');
      expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/volunteers?search=x`))).toContain(
        'search',
      );
    });

    it('keeps each LERO’s volunteers to itself: another LERO’s id answers like a missing one', async () => {
      // The volunteer access grant is door duty: someone holding it is no volunteer here, only the member
      // record with the community role is.
      await h.given.tenantUser(other.id, 'volunteer', other.adminToken);
      const theirs = await member(['volunteer'], other.id, other.adminToken);
      await eventually(async () => expect(await volunteersOf(other.id, other.adminToken)).toEqual([theirs]));
      expect(await volunteersOf()).not.toContain(theirs);
      const missing = '01900000-0000-7000-8000-00000000dead';
      for (const id of [other.id, missing])
        expect((await as('tenant-admin').get<Problem>(`${base(id)}/volunteers`)).status).toBe(404);
    });
  });

  it.each<[string, Json, string]>([
    ['no name', { kind: 'training' }, 'name'],
    ['an empty name', { name: '', kind: 'training' }, 'name'],
    ['an unknown kind', { name: 'DBS', kind: 'certificate' }, 'kind'],
    ['no months', { name: 'x', kind: 'check', validityMonths: 0 }, 'validityMonths'],
    ['too many months', { name: 'x', kind: 'check', validityMonths: 121 }, 'validityMonths'],
    ['months as text', { name: 'x', kind: 'check', validityMonths: '12' }, 'validityMonths'],
    ['an unknown field', { name: 'x', kind: 'check', expiresOn: '2027-01-01' }, 'expiresOn'],
  ])('refuses a catalogue item with %s (400 naming the field)', async (_what, body, field) => {
    expect(fieldsOf(await as('coordinator').post<Problem>(`${base()}/training`, body))).toContain(field);
  });

  it.each<[string, Json, string]>([
    ['no title', { visibility: 'public' }, 'title'],
    ['an unknown visibility', { title: 'x', visibility: 'everyone' }, 'visibility'],
    ['an unknown status', { title: 'x', visibility: 'public', status: 'draft' }, 'status'],
    ['skills that are not a list', { title: 'x', visibility: 'public', skills: 'cooking' }, 'skills'],
    ['an empty skill', { title: 'x', visibility: 'public', skills: [''] }, 'skills'],
    [
      'requirements that are not ids',
      { title: 'x', visibility: 'public', requirementIds: ['dbs'] },
      'requirementIds',
    ],
    [
      'a description too long',
      { title: 'x', visibility: 'public', description: 'x'.repeat(5001) },
      'description',
    ],
    ['an unknown field', { title: 'x', visibility: 'public', memberId: 'someone' }, 'memberId'],
  ])('refuses a role with %s (400 naming the field)', async (_what, body, field) => {
    expect(fieldsOf(await as('coordinator').post<Problem>(`${base()}/roles`, body))).toContain(field);
  });

  it('refuses bad changes, bad queries and bad ids, never with a 500', async () => {
    const r = await role();
    const item = await training();
    expect(
      fieldsOf(await as('coordinator').patch<Problem>(`${base()}/roles/${r.id}`, { title: null })),
    ).toContain('title');
    expect(
      fieldsOf(await as('coordinator').patch<Problem>(`${base()}/roles/${r.id}`, { status: 'gone' })),
    ).toContain('status');
    expect(
      fieldsOf(await as('coordinator').patch<Problem>(`${base()}/training/${item.id}`, { kind: null })),
    ).toContain('kind');
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/roles?status=gone`))).toContain('status');
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/training?limit=0`))).toContain('limit');
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/roles?cursor=nonsense`))).toContain(
      'cursor',
    );
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/roles/not-a-uuid`))).toContain('roleId');
    expect(
      fieldsOf(await as('coordinator').get<Problem>(`/api/v1/tenants/nope/volunteering/roles`)),
    ).toContain('tenantId');
  });
});

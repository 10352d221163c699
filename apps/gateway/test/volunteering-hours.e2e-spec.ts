import { eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  inLero,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
interface Problem {
  errors?: { field: string; message: string }[];
  reason?: string;
}
interface Entry {
  id: string;
  memberId: string;
  status: string;
  minutes: number;
  approvedMinutes: number | null;
  declineReason: string | null;
  source: string;
  version: number;
}
interface Totals {
  allTimeMinutes: number;
  thisYearMinutes: number;
  byRole: { roleId: string; allTimeMinutes: number }[];
}

const DAY_MS = 86_400_000;
const dayAhead = (days: number) => `${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)}T10:00`;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/**
 * Volunteers' hours end to end (ADR 0054): HTTP through the gateway, NATS to volunteering, JetStream for members;
 * the volunteering service's clock of hours is three days ahead, so tomorrow's shift has ended for it.
 */
describe('volunteering hours through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;
  /** A member with the volunteer community role, and an account linked to them. */
  let vol: { id: string; token: string };
  let roleId: string;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);

  async function volunteer(tenantId = lero.id, token = lero.adminToken): Promise<string> {
    const res = await h.api.as(token).post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, {
      displayName: `Vol ${++n}`,
      communityRoles: ['volunteer'],
    });
    const id = ok(res, 201).id;
    await eventually(async () => {
      const list = ok(
        await h.api
          .as(token)
          .get<{ items: { memberId: string }[] }>(`${base(tenantId)}/volunteers?limit=100`),
        200,
      );
      expect(list.items.map((v) => v.memberId)).toContain(id);
    });
    return id;
  }

  async function role(tenantId = lero.id, token = lero.adminToken): Promise<string> {
    const res = await h.api
      .as(token)
      .post<{ id: string }>(`${base(tenantId)}/roles`, { title: `Role ${++n}`, visibility: 'members' });
    return ok(res, 201).id;
  }

  const log = (body: Json = {}, token = lero.adminToken, tenantId = lero.id) =>
    h.api.as(token).post<Entry & Problem>(`${base(tenantId)}/hours`, {
      memberId: vol.id,
      roleId,
      date: daysAgo(2),
      minutes: 90,
      ...body,
    });

  beforeAll(async () => {
    h = await startDistributedHearth();
    h.volunteeringClock.offsetMs = 3 * DAY_MS;
    ({ tokens, lero, other } = await castInRegion(h));
    const id = await volunteer();
    const email = `hours-${++n}@example.org`;
    const invite = await h.api
      .as(lero.adminToken)
      .post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
        email,
        role: 'member',
        memberId: id,
      });
    vol = { id, token: await h.given.acceptInvitation(ok(invite, 201).token, email) };
    roleId = await role();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('proposes a shift’s hours once it has ended; a coordinator adjusts, the volunteer sees totals, then a decline’s reason', async () => {
    const shiftRole = await role();
    const shift = ok(
      await as('coordinator').post<{ id: string }>(`${base()}/roles/${shiftRole}/shifts`, {
        startsAt: dayAhead(1),
        durationMinutes: 120,
        capacity: 2,
      }),
      201,
    );
    ok(await h.api.as(vol.token).post(`${base()}/shifts/${shift.id}/signups`, { memberId: vol.id }), 200);
    const queue = ok(
      await as('coordinator').get<{ items: Entry[] }>(`${base()}/hours?status=pending&memberId=${vol.id}`),
      200,
    );
    const proposed = queue.items.find((e) => e.source === 'shift');
    expect(proposed).toMatchObject({ memberId: vol.id, minutes: 120, status: 'pending', version: 1 });
    const entryId = (proposed as Entry).id;
    const adjusted = ok(
      await as('coordinator').post<Entry>(`${base()}/hours/${entryId}/approve`, { minutes: 100 }),
      200,
    );
    expect(adjusted).toMatchObject({ status: 'approved', approvedMinutes: 100, version: 2 });
    const totals = ok(await h.api.as(vol.token).get<Totals>(`${base()}/me/hours/totals`), 200);
    expect(totals.byRole).toEqual([expect.objectContaining({ roleId: shiftRole, allTimeMinutes: 100 })]);
    ok(
      await as('tenant-admin').post(`${base()}/hours/${entryId}/decline`, { reason: 'Shift was cancelled' }),
      200,
    );
    const mine = ok(
      await h.api.as(vol.token).get<{ items: Entry[] }>(`${base()}/me/hours?status=declined`),
      200,
    );
    expect(mine.items).toEqual([
      expect.objectContaining({ id: entryId, declineReason: 'Shift was cancelled', version: 3 }),
    ]);
    expect(ok(await h.api.as(vol.token).get<Totals>(`${base()}/me/hours/totals`), 200).allTimeMinutes).toBe(
      0,
    );
  });

  it('answers every hours route, role by role', async () => {
    const entry = ok(await log(), 201);
    await expectMatrix(inLero(staff(201)), (api) =>
      api.post(`${base()}/hours`, { memberId: vol.id, roleId, date: daysAgo(1), minutes: 30 }),
    );
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/hours`));
    await expectMatrix(inLero(staff(200)), (api) => api.post(`${base()}/hours/${entry.id}/approve`, {}));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.post(`${base()}/hours/${entry.id}/decline`, { reason: 'Not this time' }),
    );
    // Nobody in the cast has an account linked to a member record: "mine" is theirs to ask for, not to get.
    await expectMatrix(inLero({}), (api) => api.get(`${base()}/me/hours`));
    await expectMatrix(inLero({}), (api) => api.get(`${base()}/me/hours/totals`));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/volunteers/${vol.id}/hours/totals`));
    // The linked volunteer: their own, and nothing of anyone else's, and no approving.
    const someoneElse = await volunteer();
    const self = h.api.as(vol.token);
    expect(
      (await self.post(`${base()}/hours`, { memberId: vol.id, roleId, date: daysAgo(1), minutes: 30 }))
        .status,
    ).toBe(201);
    expect(
      (await self.post(`${base()}/hours`, { memberId: someoneElse, roleId, date: daysAgo(1), minutes: 30 }))
        .status,
    ).toBe(403);
    expect((await self.get(`${base()}/hours?memberId=${vol.id}`)).status).toBe(200);
    expect((await self.get(`${base()}/hours`)).status).toBe(403);
    expect((await self.get(`${base()}/hours?memberId=${someoneElse}`)).status).toBe(403);
    expect((await self.post(`${base()}/hours/${entry.id}/approve`, {})).status).toBe(403);
    expect((await self.post(`${base()}/hours/${entry.id}/decline`, { reason: 'no' })).status).toBe(403);
    expect((await self.get(`${base()}/me/hours`)).status).toBe(200);
    expect((await self.get(`${base()}/me/hours/totals`)).status).toBe(200);
    expect((await self.get(`${base()}/volunteers/${vol.id}/hours/totals`)).status).toBe(200);
    expect((await self.get(`${base()}/volunteers/${someoneElse}/hours/totals`)).status).toBe(403);
  });

  it('refuses a member who is not a volunteer with the reason', async () => {
    const res = await as('coordinator').post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: `Not ${++n}`,
    });
    const refused = await log({ memberId: ok(res, 201).id as string });
    expect([refused.status, refused.body.reason]).toEqual([409, 'NotAVolunteer']);
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const theirVolunteer = await volunteer(other.id, other.adminToken);
    const theirRole = await role(other.id, other.adminToken);
    const theirs = ok(
      await log({ memberId: theirVolunteer, roleId: theirRole }, other.adminToken, other.id),
      201,
    );
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const id of [theirs.id, missing]) {
      expect((await as('tenant-admin').post(`${base()}/hours/${id}/approve`, {})).status).toBe(404);
      expect((await as('tenant-admin').post(`${base()}/hours/${id}/decline`, { reason: 'no' })).status).toBe(
        404,
      );
    }
    for (const id of [theirVolunteer, missing])
      expect((await as('tenant-admin').get(`${base()}/volunteers/${id}/hours/totals`)).status).toBe(404);
    expect(fieldsOf(await log({ roleId: theirRole }))).toEqual(['roleId']);
    const listed = ok(
      await as('tenant-admin').get<{ items: Entry[] }>(`${base()}/hours?memberId=${theirVolunteer}`),
      200,
    );
    expect(listed.items).toEqual([]);
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const entry = ok(await log(), 201);
    expect(fieldsOf(await as('coordinator').post(`${base()}/hours`, {})).sort()).toEqual([
      'date',
      'memberId',
      'minutes',
      'roleId',
    ]);
    for (const minutes of [0, 1441, '60', 1.5, null])
      expect(fieldsOf(await log({ minutes }))).toEqual(['minutes']);
    for (const date of ['2027-02-30', '5 June', daysAgo(-5), null])
      expect(fieldsOf(await log({ date }))).toEqual(['date']);
    expect(fieldsOf(await log({ description: 'x'.repeat(201) }))).toEqual(['description']);
    expect(fieldsOf(await log({ description: 42 }))).toEqual(['description']);
    expect(fieldsOf(await log({ memberId: 'jo' }))).toEqual(['memberId']);
    expect(fieldsOf(await log({ status: 'approved' }))).toEqual(['status']);
    expect(ok(await log({ description: null }), 201).minutes).toBe(90);
    const approve = (body: Json) => as('coordinator').post(`${base()}/hours/${entry.id}/approve`, body);
    for (const minutes of [0, 'all', 2000]) expect(fieldsOf(await approve({ minutes }))).toEqual(['minutes']);
    expect(fieldsOf(await approve({ reason: 'x' }))).toEqual(['reason']);
    const decline = (body: Json) => as('coordinator').post(`${base()}/hours/${entry.id}/decline`, body);
    for (const reason of [undefined, '', '   ', 'x'.repeat(501), 7])
      expect(fieldsOf(await decline({ reason }))).toEqual(['reason']);
    for (const q of ['status=done', 'memberId=jo', 'limit=0', 'cursor=nope', 'late=1'])
      expect(fieldsOf(await as('coordinator').get(`${base()}/hours?${q}`))).toEqual([q.split('=')[0]]);
    expect(fieldsOf(await h.api.as(vol.token).get(`${base()}/me/hours?memberId=${vol.id}`))).toEqual([
      'memberId',
    ]);
    expect(fieldsOf(await as('coordinator').post(`${base()}/hours/nope/approve`, {}))).toEqual(['entryId']);
    expect(fieldsOf(await as('coordinator').get(`${base()}/volunteers/jo/hours/totals`))).toEqual([
      'memberId',
    ]);
  });
});

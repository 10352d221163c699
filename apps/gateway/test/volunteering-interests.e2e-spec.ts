import { eventually, WebhookReceiver, type ApiClient, type ApiResponse } from '@hearth/testing';
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
import { webhookCases } from './webhooks.cases';

type Json = Record<string, unknown>;
interface Interest {
  id: string;
  memberId: string;
  note: string | null;
  status: string;
  outcome: string | null;
  displayName?: string | null;
  version: number;
}
interface Entry {
  id: string;
  minutes: number;
  status: string;
  version: number;
  reason?: string;
}

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/**
 * Interest in volunteering roles and a volunteer's own pending hours, end to end (ADR 0063): HTTP through the gateway,
 * NATS to volunteering, names asked of membership at read time.
 */
describe('interest in volunteering roles through the gateway', () => {
  let h: DistributedHearth;
  let receiver: WebhookReceiver;
  let region: { id: string };
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;
  /** A member (not a volunteer) and a volunteer, each with an account linked to their record. */
  let member: { id: string; api: ApiClient };
  let vol: { id: string; api: ApiClient };
  let roleId: string;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);

  async function person(displayName: string, communityRoles: string[], t = lero) {
    const id = ok(
      await h.api.as(t.adminToken).post<{ id: string }>(`/api/v1/tenants/${t.id}/members`, {
        displayName,
        communityRoles,
      }),
      201,
    ).id;
    const { token } = await h.given.tenantUser(t.id, 'member', t.adminToken, id);
    return { id, api: h.api.as(token) };
  }

  const role = async (t = lero, visibility = 'members') =>
    ok(
      await h.api.as(t.adminToken).post<{ id: string }>(`${base(t.id)}/roles`, {
        title: `Role ${++n}`,
        visibility,
      }),
      201,
    ).id;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    // Webhooks' cases share this Hearth (ADR 0079): a receiver on localhost, the tests' one insecure host.
    h = await startDistributedHearth({ webhooks: { insecureHosts: ['localhost'], dispatchIntervalMs: 200 } });
    ({ tokens, region, lero, other } = await castInRegion(h));
    member = await person('Robin Interested', ['member']);
    vol = await person('Vol Logger', ['member', 'volunteer']);
    await eventually(async () => {
      const list = ok(
        await as('coordinator').get<{ items: { memberId: string }[] }>(`${base()}/volunteers`),
        200,
      );
      expect(list.items.map((v) => v.memberId)).toContain(vol.id);
    });
    roleId = await role();
  });

  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
  });

  webhookCases(() => ({ h, tokens, region, lero, other, receiver }));

  it('lets a member say they are interested (once), staff see them by name and follow up, and the member withdraw', async () => {
    const publicRole = await role(lero, 'public');
    const said = ok(
      await member.api.post<Interest>(`${base()}/roles/${publicRole}/interest`, { note: 'Free on Tuesdays' }),
      200,
    );
    expect(said).toMatchObject({ memberId: member.id, note: 'Free on Tuesdays', status: 'open', version: 1 });
    expect(ok(await member.api.post<Interest>(`${base()}/roles/${publicRole}/interest`, {}), 200).id).toBe(
      said.id,
    );
    const list = ok(
      await as('coordinator').get<{ items: Interest[]; names: string }>(
        `${base()}/roles/${publicRole}/interests`,
      ),
      200,
    );
    expect(list.names).toBe('shown');
    expect(list.items).toEqual([expect.objectContaining({ id: said.id, displayName: 'Robin Interested' })]);
    const closed = ok(
      await as('tenant-admin').post<Interest>(`${base()}/interests/${said.id}/close`, { outcome: 'not-now' }),
      200,
    );
    expect(closed).toMatchObject({ status: 'closed', outcome: 'not-now', version: 2 });
    expect(ok(await member.api.get<{ items: Interest[] }>(`${base()}/me/interests`), 200).items).toEqual([
      expect.objectContaining({ id: said.id, outcome: 'not-now' }),
    ]);
    // Interested again, then no longer: withdrawn (204), and again is no change.
    const again = ok(await member.api.post<Interest>(`${base()}/roles/${publicRole}/interest`, {}), 200);
    expect(again.id).not.toBe(said.id);
    expect((await member.api.request('DELETE', `${base()}/roles/${publicRole}/interest`)).status).toBe(204);
    expect((await member.api.request('DELETE', `${base()}/roles/${publicRole}/interest`)).status).toBe(204);
    const open = ok(
      await as('coordinator').get<{ items: Interest[] }>(
        `${base()}/roles/${publicRole}/interests?status=open`,
      ),
      200,
    );
    expect(open.items).toEqual([]);
    // A closed role takes no new interest.
    ok(await as('coordinator').request('PATCH', `${base()}/roles/${publicRole}`, { status: 'closed' }), 200);
    const refused = await member.api.post<Json>(`${base()}/roles/${publicRole}/interest`, {});
    expect([refused.status, refused.body.reason]).toEqual([409, 'RoleClosed']);
  });

  it('answers every interest route, role by role', async () => {
    const interest = ok(await vol.api.post<Interest>(`${base()}/roles/${roleId}/interest`, {}), 200);
    // Nobody in the cast has an account linked to a member record: interest is theirs to say, not to get.
    await expectMatrix(inLero({}), (api) => api.post(`${base()}/roles/${roleId}/interest`, {}));
    await expectMatrix(inLero({}), (api) => api.request('DELETE', `${base()}/roles/${roleId}/interest`));
    await expectMatrix(inLero({}), (api) => api.get(`${base()}/me/interests`));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/roles/${roleId}/interests`));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.post(`${base()}/interests/${interest.id}/close`, { outcome: 'became-volunteer' }),
    );
    // The linked member and the linked volunteer: their own interest, never the list or the follow-up.
    for (const self of [member.api, vol.api]) {
      expect((await self.post(`${base()}/roles/${roleId}/interest`, {})).status).toBe(200);
      expect((await self.get(`${base()}/me/interests`)).status).toBe(200);
      expect((await self.get(`${base()}/roles/${roleId}/interests`)).status).toBe(403);
      expect(
        (await self.post(`${base()}/interests/${interest.id}/close`, { outcome: 'not-now' })).status,
      ).toBe(403);
      expect((await self.request('DELETE', `${base()}/roles/${roleId}/interest`)).status).toBe(204);
    }
  });

  it('lets a volunteer change or withdraw their own pending logged hours, and nothing else', async () => {
    const log = async () =>
      ok(
        await vol.api.post<Entry>(`${base()}/hours`, {
          memberId: vol.id,
          roleId,
          date: daysAgo(1),
          minutes: 60,
        }),
        201,
      );
    const entry = await log();
    await expectMatrix(inLero({}), (api) =>
      api.request('PATCH', `${base()}/me/hours/${entry.id}`, { minutes: 5 }),
    );
    await expectMatrix(inLero({}), (api) => api.request('DELETE', `${base()}/me/hours/${entry.id}`));
    const changed = ok(
      await vol.api.request<Entry>('PATCH', `${base()}/me/hours/${entry.id}`, {
        minutes: 45,
        description: 'Tea',
      }),
      200,
    );
    expect(changed).toMatchObject({ minutes: 45, status: 'pending', version: 2 });
    // Someone else's entry is as a missing one.
    expect((await member.api.request('PATCH', `${base()}/me/hours/${entry.id}`, { minutes: 5 })).status).toBe(
      404,
    );
    expect((await member.api.request('DELETE', `${base()}/me/hours/${entry.id}`)).status).toBe(404);
    expect((await vol.api.request('DELETE', `${base()}/me/hours/${entry.id}`)).status).toBe(204);
    expect((await vol.api.request('DELETE', `${base()}/me/hours/${entry.id}`)).status).toBe(404);
    const approved = await log();
    ok(await as('coordinator').post(`${base()}/hours/${approved.id}/approve`, {}), 200);
    const refused = await vol.api.request<Entry>('PATCH', `${base()}/me/hours/${approved.id}`, {
      minutes: 5,
    });
    expect([refused.status, refused.body.reason]).toEqual([409, 'HoursDecided']);
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const theirRole = await role(other);
    const theirs = await person('Their member', ['member', 'volunteer'], other);
    const theirInterest = ok(
      await theirs.api.post<Interest>(`${base(other.id)}/roles/${theirRole}/interest`, {}),
      200,
    );
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const id of [theirRole, missing]) {
      expect((await member.api.post(`${base()}/roles/${id}/interest`, {})).status).toBe(404);
      expect((await member.api.request('DELETE', `${base()}/roles/${id}/interest`)).status).toBe(404);
      expect((await as('tenant-admin').get(`${base()}/roles/${id}/interests`)).status).toBe(404);
    }
    for (const id of [theirInterest.id, missing]) {
      const res = await as('tenant-admin').post(`${base()}/interests/${id}/close`, { outcome: 'not-now' });
      expect(res.status).toBe(404);
    }
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const interest = ok(await member.api.post<Interest>(`${base()}/roles/${roleId}/interest`, {}), 200);
    const express = (body: Json) => member.api.post(`${base()}/roles/${roleId}/interest`, body);
    for (const note of ['x'.repeat(301), 42]) expect(fieldsOf(await express({ note }))).toEqual(['note']);
    expect(fieldsOf(await express({ memberId: member.id }))).toEqual(['memberId']);
    expect(fieldsOf(await member.api.post(`${base()}/roles/nope/interest`, {}))).toEqual(['roleId']);
    const close = (body: Json) => as('coordinator').post(`${base()}/interests/${interest.id}/close`, body);
    for (const outcome of [undefined, 'done', 3])
      expect(fieldsOf(await close({ outcome }))).toEqual(['outcome']);
    expect(
      fieldsOf(await as('coordinator').post(`${base()}/interests/nope/close`, { outcome: 'not-now' })),
    ).toEqual(['interestId']);
    for (const q of ['status=done', 'limit=0', 'cursor=nope'])
      expect(fieldsOf(await as('coordinator').get(`${base()}/roles/${roleId}/interests?${q}`))).toEqual([
        q.split('=')[0],
      ]);
    const entry = ok(
      await vol.api.post<Entry>(`${base()}/hours`, {
        memberId: vol.id,
        roleId,
        date: daysAgo(1),
        minutes: 60,
      }),
      201,
    );
    const change = (body: Json) => vol.api.request('PATCH', `${base()}/me/hours/${entry.id}`, body);
    for (const minutes of [0, 1441, '60', null])
      expect(fieldsOf(await change({ minutes }))).toEqual(['minutes']);
    for (const date of ['2027-02-30', daysAgo(-5)])
      expect(fieldsOf(await change({ date }))).toEqual(['date']);
    expect(fieldsOf(await change({ description: 'x'.repeat(201) }))).toEqual(['description']);
    expect(fieldsOf(await change({ roleId: 'nope' }))).toEqual(['roleId']);
    expect(fieldsOf(await change({ status: 'approved' }))).toEqual(['status']);
    expect(fieldsOf(await vol.api.request('DELETE', `${base()}/me/hours/nope`))).toEqual(['entryId']);
  });
});

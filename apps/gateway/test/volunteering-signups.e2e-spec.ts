import { Client } from 'pg';
import { TestSmtpServer, eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
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
import { remindingMembership, startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { shiftReminderCases } from './shift-reminders.cases';

type Json = Record<string, unknown>;
type Problem = Json & {
  errors?: { field: string; message: string }[];
  reason?: string;
  missingRequirements?: { id: string; name: string; kind: string }[];
};
interface Signups {
  capacity: number;
  items: { memberId: string; status: string }[];
}

const DAY_MS = 86_400_000;
/** A local date-time in London `days` from now at 10:00 (far from any clock change's hour). */
const dayAhead = (days: number) => `${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)}T10:00`;

/** Sign-ups to shifts end to end (ADR 0052): HTTP through the gateway, NATS to volunteering, JetStream for members. */
describe('volunteering sign-ups through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;
  /** A member with the volunteer community role, and an account linked to them. */
  let vol: { id: string; token: string };

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const signups = (shiftId: string, tenantId = lero.id) => `${base(tenantId)}/shifts/${shiftId}/signups`;

  async function memberWith(communityRoles: string[]): Promise<string> {
    const res = await h.api.as(lero.adminToken).post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: `Vol ${++n}`,
      communityRoles,
    });
    return ok(res, 201).id;
  }

  async function linked(memberId: string): Promise<string> {
    const email = `signups-${++n}@example.org`;
    const invite = await h.api
      .as(lero.adminToken)
      .post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, { email, role: 'member', memberId });
    return h.given.acceptInvitation(ok(invite, 201).token, email);
  }

  async function isVolunteer(memberId: string) {
    await eventually(async () => {
      const list = ok(
        await h.api
          .as(lero.adminToken)
          .get<{ items: { memberId: string }[] }>(`${base()}/volunteers?limit=100`),
        200,
      );
      expect(list.items.map((v) => v.memberId)).toContain(memberId);
    });
  }

  async function shift(body: Json = {}, roleBody: Json = {}, tenantId = lero.id, token = lero.adminToken) {
    const role = ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/roles`, {
        title: `Role ${++n}`,
        visibility: 'members',
        ...roleBody,
      }),
      201,
    );
    return ok(
      await h.api
        .as(token)
        .post<{ id: string; next: { startsAt: string }[] }>(`${base(tenantId)}/roles/${role.id}/shifts`, {
          startsAt: dayAhead(10),
          durationMinutes: 120,
          capacity: 3,
          ...body,
        }),
      201,
    );
  }

  async function expectMatrix(expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) {
    expect(await statusesOf(as, call)).toEqual(expected);
  }

  const smtp = new TestSmtpServer();
  let owner: Client;

  beforeAll(async () => {
    await smtp.start();
    // Membership emails shift reminders (ADR 0081); the sweep runs when a test runs it. Reminders wait while the
    // SMTP server is down however long a test takes (never given up), so one kept is sent once it is back.
    const reminding = remindingMembership(smtp.url);
    h = await startDistributedHearth({
      membership: { ...reminding, mail: { ...reminding?.mail, maxAttempts: 10_000 } },
    });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    ({ tokens, lero, other } = await castInRegion(h));
    const id = await memberWith(['member', 'volunteer']);
    vol = { id, token: await linked(id) };
    await isVolunteer(id);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
    await smtp.stop();
  });

  shiftReminderCases(() => ({
    h,
    smtp,
    owner,
    tenantId: lero.id,
    adminToken: lero.adminToken,
    isVolunteer,
  }));

  it('a volunteer signs themselves up, is waitlisted when full, and is promoted when a place is given up', async () => {
    const s = await shift({ capacity: 1 });
    const other1 = await memberWith(['volunteer']);
    await isVolunteer(other1);
    const first = ok(await as('coordinator').post<Json>(signups(s.id), { memberId: other1 }), 200);
    expect(first).toMatchObject({ memberId: other1, status: 'confirmed' });
    const mine = ok(await h.api.as(vol.token).post<Json>(signups(s.id), { memberId: vol.id }), 200);
    expect(mine).toMatchObject({ memberId: vol.id, status: 'waitlisted' });
    expect(ok(await h.api.as(vol.token).get<Signups>(signups(s.id)), 200).items).toEqual([
      { memberId: vol.id, status: 'waitlisted' },
    ]);
    const cancelled = ok(await as('coordinator').request<Json>('DELETE', `${signups(s.id)}/${other1}`), 200);
    expect(cancelled).toMatchObject({ status: 'cancelled', late: false });
    expect(ok(await as('tenant-admin').get<Signups>(signups(s.id)), 200).items).toEqual([
      { memberId: vol.id, status: 'confirmed' },
    ]);
  });

  it('refuses with the reason: not a volunteer, the missing training by name, a date that is not the shift’s', async () => {
    const notVolunteer = await memberWith(['member']);
    const s = await shift({ rrule: 'FREQ=WEEKLY' });
    const date = s.next[0].startsAt.slice(0, 10);
    const refused = await as('coordinator').post<Problem>(signups(s.id), { memberId: notVolunteer, date });
    expect([refused.status, refused.body.reason]).toEqual([409, 'NotAVolunteer']);
    const safeguarding = ok(
      await as('coordinator').post<{ id: string }>(`${base()}/training`, {
        name: 'Safeguarding',
        kind: 'training',
      }),
      201,
    );
    const needs = await shift({}, { requirementIds: [safeguarding.id] });
    const missing = await h.api.as(vol.token).post<Problem>(signups(needs.id), { memberId: vol.id });
    expect([missing.status, missing.body.reason, missing.body.missingRequirements]).toEqual([
      409,
      'RequirementsMissing',
      [{ id: safeguarding.id, name: 'Safeguarding', kind: 'training' }],
    ]);
    expect(String(missing.body.detail)).toContain('Safeguarding');
    expect(fieldsOf(await as('coordinator').post<Problem>(signups(s.id), { memberId: vol.id }))).toEqual([
      'date',
    ]);
    const wrongDay = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    expect(
      fieldsOf(await as('coordinator').post<Problem>(signups(s.id), { memberId: vol.id, date: wrongDay })),
    ).toEqual(['date']);
    ok(await as('coordinator').post(`${base()}/shifts/${s.id}/cancel`, {}), 200);
    const off = await as('coordinator').post<Problem>(signups(s.id), { memberId: vol.id, date });
    expect([off.status, off.body.reason]).toEqual([409, 'ShiftCancelled']);
  });

  it('answers every sign-up route, role by role', async () => {
    const s = await shift({ capacity: 50 });
    await expectMatrix(inLero(staff(200)), (api) => api.post(signups(s.id), { memberId: vol.id }));
    await expectMatrix(inLero(staff(200)), (api) => api.get(signups(s.id)));
    await expectMatrix(inLero(staff(200)), async (api) => {
      await as('coordinator').post(signups(s.id), { memberId: vol.id });
      return api.request('DELETE', `${signups(s.id)}/${vol.id}`);
    });
    ok(await h.api.as(vol.token).post(signups(s.id), { memberId: vol.id }), 200);
    ok(await h.api.as(vol.token).get(signups(s.id)), 200);
    ok(await h.api.as(vol.token).request('DELETE', `${signups(s.id)}/${vol.id}`), 200);
    const someoneElse = await memberWith(['volunteer']);
    expect((await h.api.as(vol.token).post(signups(s.id), { memberId: someoneElse })).status).toBe(403);
    expect((await h.api.as(vol.token).request('DELETE', `${signups(s.id)}/${someoneElse}`)).status).toBe(403);
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const theirs = await shift({}, {}, other.id, other.adminToken);
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const id of [theirs.id, missing]) {
      expect((await as('tenant-admin').post(signups(id), { memberId: vol.id })).status).toBe(404);
      expect((await as('tenant-admin').get(signups(id))).status).toBe(404);
      expect((await as('tenant-admin').request('DELETE', `${signups(id)}/${vol.id}`)).status).toBe(404);
    }
    const s = await shift();
    expect((await as('tenant-admin').request('DELETE', `${signups(s.id)}/${missing}`)).status).toBe(404);
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const s = await shift();
    const post = (body: Json) => as('coordinator').post<Problem>(signups(s.id), body);
    expect(fieldsOf(await post({}))).toEqual(['memberId']);
    expect(fieldsOf(await post({ memberId: 'jo' }))).toEqual(['memberId']);
    expect(fieldsOf(await post({ memberId: vol.id, date: '5 January' }))).toEqual(['date']);
    expect(fieldsOf(await post({ memberId: vol.id, date: '2027-02-30' }))).toEqual(['date']);
    expect(fieldsOf(await post({ memberId: vol.id, status: 'confirmed' }))).toEqual(['status']);
    expect(fieldsOf(await as('coordinator').get<Problem>(`${signups(s.id)}?date=tomorrow`))).toEqual([
      'date',
    ]);
    expect(fieldsOf(await as('coordinator').get<Problem>(`${signups(s.id)}?late=true`))).toEqual(['late']);
    expect(fieldsOf(await as('coordinator').request<Problem>('DELETE', `${signups(s.id)}/jo`))).toEqual([
      'memberId',
    ]);
    expect(fieldsOf(await as('coordinator').get<Problem>(signups('nope')))).toEqual(['shiftId']);
  });
});

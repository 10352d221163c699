import type { ApiClient, ApiResponse } from '@hearth/testing';
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
type Problem = Json & { errors?: { field: string; message: string }[]; reason?: string };
interface RotaShift {
  shiftId: string;
  roleTitle: string;
  startsAt: string;
  endsAt: string;
  startTime: string;
  endTime: string;
  capacity: number;
  gap: number;
  people: unknown[];
  status: string;
}
interface Rota {
  week: string;
  from: string;
  to: string;
  days: { date: string; shifts: RotaShift[] }[];
}

/** Shifts and the rota end to end (ADR 0051): HTTP through the gateway, NATS to the volunteering service. */
describe('volunteering shifts and the rota through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const role = async (body: Json = {}, tenantId = lero.id, token = lero.adminToken) =>
    ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/roles`, {
        title: `Role ${++n}`,
        visibility: 'members',
        ...body,
      }),
      201,
    );
  const oneOff = { startsAt: '2027-01-05T10:00', durationMinutes: 120, capacity: 3 };
  const shift = async (roleId: string, body: Json = oneOff, tenantId = lero.id, token = lero.adminToken) =>
    ok(await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/roles/${roleId}/shifts`, body), 201);
  const rota = async (week: string, who: Who = 'coordinator') =>
    ok(await as(who).get<Rota>(`${base()}/rota?week=${week}`), 200);

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

  it('puts a weekly shift on the rota in its weeks, at the same local time across the clocks going back', async () => {
    const walk = await role({ title: 'Peer walk leader' });
    const weekly = await shift(walk.id, {
      startsAt: '2027-10-12T10:00',
      endsAt: '2027-10-12T12:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
      place: 'Hyde Park gates',
      capacity: 4,
    });
    const mine = (r: Rota) =>
      r.days.flatMap((d) =>
        d.shifts.filter((s) => s.shiftId === weekly.id).map((s) => ({ date: d.date, ...s })),
      );
    const before = await rota('2027-W41');
    expect([before.from, before.to, before.days.length]).toEqual(['2027-10-11', '2027-10-17', 7]);
    expect(mine(before)).toEqual([
      expect.objectContaining({
        date: '2027-10-12',
        roleTitle: 'Peer walk leader',
        startsAt: '2027-10-12T10:00:00+01:00',
        endsAt: '2027-10-12T12:00:00+01:00',
        startTime: '10:00',
        endTime: '12:00',
        capacity: 4,
        people: [],
        gap: 4,
        status: 'scheduled',
      }),
    ]);
    const after = mine(await rota('2027-W44', 'volunteer'));
    expect(after).toEqual([
      expect.objectContaining({
        date: '2027-11-02',
        startsAt: '2027-11-02T10:00:00+00:00',
        startTime: '10:00',
      }),
    ]);
    expect(mine(await rota('2027-W40'))).toEqual([]);
    expect(mine(await rota('2027-W46'))).toHaveLength(1);
    expect(mine(await rota('2027-W47'))).toEqual([]);
    const today = ok(await as('member').get<Rota>(`${base()}/rota`), 200);
    expect(today.week).toMatch(/^\d{4}-W\d{2}$/);

    ok(await as('coordinator').post(`${base()}/shifts/${weekly.id}/cancel`, { reason: 'Path closed' }), 200);
    expect(mine(await rota('2027-W44'))).toEqual([expect.objectContaining({ status: 'cancelled', gap: 0 })]);
    const refused = await as('coordinator').patch<Problem>(`${base()}/shifts/${weekly.id}`, { capacity: 5 });
    expect([refused.status, refused.body.reason]).toEqual([409, 'ShiftCancelled']);
  });

  it('changes a shift: a new start keeps its length, and rrule null makes it a one-off', async () => {
    const r = await role();
    const s = await shift(r.id, { ...oneOff, rrule: 'FREQ=DAILY;COUNT=3' });
    const moved = ok(
      await as('tenant-admin').patch<Json>(`${base()}/shifts/${s.id}`, {
        startsAt: '2027-01-06T09:30',
        rrule: null,
        place: 'Back room',
        sessionId: '01900000-0000-7000-8000-0000000000ee',
      }),
      200,
    );
    expect(moved).toMatchObject({
      startsAt: '2027-01-06T09:30:00',
      endsAt: '2027-01-06T11:30:00',
      rrule: null,
      place: 'Back room',
      sessionId: '01900000-0000-7000-8000-0000000000ee',
    });
  });

  it('answers every shift route, role by role: volunteers and members see shifts of open roles', async () => {
    const open = await role();
    const closed = await role({ status: 'closed' });
    const s = await shift(open.id);
    const hidden = await shift(closed.id);
    await expectMatrix(inLero(staff(201)), (api) => api.post(`${base()}/roles/${open.id}/shifts`, oneOff));
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/roles/${open.id}/shifts`));
    await expectMatrix(inLero({ ...staff(200), volunteer: 404, member: 404 }), (api) =>
      api.get(`${base()}/roles/${closed.id}/shifts`),
    );
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/shifts/${s.id}`));
    await expectMatrix(inLero({ ...staff(200), volunteer: 404, member: 404 }), (api) =>
      api.get(`${base()}/shifts/${hidden.id}`),
    );
    await expectMatrix(inLero(staff(200)), (api) => api.patch(`${base()}/shifts/${s.id}`, { capacity: 5 }));
    await expectMatrix(inLero(staff(200)), (api) => api.post(`${base()}/shifts/${hidden.id}/cancel`, {}));
    await expectMatrix(inLero(everyone(200)), (api) => api.get(`${base()}/rota?week=2027-W01`));
    const seen = (await rota('2027-W01', 'volunteer')).days.flatMap((d) => d.shifts.map((x) => x.shiftId));
    expect(seen).toContain(s.id);
    expect(seen).not.toContain(hidden.id);
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const theirRole = await role({}, other.id, other.adminToken);
    const theirShift = await shift(theirRole.id, oneOff, other.id, other.adminToken);
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const id of [theirRole.id, missing]) {
      expect((await as('tenant-admin').post(`${base()}/roles/${id}/shifts`, oneOff)).status).toBe(404);
      expect((await as('tenant-admin').get(`${base()}/roles/${id}/shifts`)).status).toBe(404);
    }
    for (const id of [theirShift.id, missing]) {
      expect((await as('tenant-admin').get(`${base()}/shifts/${id}`)).status).toBe(404);
      expect((await as('tenant-admin').patch(`${base()}/shifts/${id}`, { capacity: 2 })).status).toBe(404);
      expect((await as('tenant-admin').post(`${base()}/shifts/${id}/cancel`, {})).status).toBe(404);
    }
    const seen = (await rota('2027-W01')).days.flatMap((d) => d.shifts.map((x) => x.shiftId));
    expect(seen).not.toContain(theirShift.id);
  });

  it.each<[string, Json, string]>([
    ['a bad rule', { ...oneOff, rrule: 'FREQ=FOO' }, 'rrule'],
    ['a rule with no occurrence', { ...oneOff, rrule: 'FREQ=DAILY;UNTIL=20260101' }, 'rrule'],
    ['a start the clocks skip', { ...oneOff, startsAt: '2027-03-28T01:30' }, 'startsAt'],
    ['a start that is not a time', { ...oneOff, startsAt: '2027-02-30T10:00' }, 'startsAt'],
    [
      'an end before the start',
      { startsAt: '2027-01-05T10:00', endsAt: '2027-01-05T09:00', capacity: 2 },
      'endsAt',
    ],
    ['an end and a duration', { ...oneOff, endsAt: '2027-01-05T12:00' }, 'endsAt'],
    ['no end', { startsAt: '2027-01-05T10:00', capacity: 2 }, 'endsAt'],
    ['no capacity', { startsAt: '2027-01-05T10:00', durationMinutes: 60 }, 'capacity'],
    ['capacity 0', { ...oneOff, capacity: 0 }, 'capacity'],
    ['capacity 501', { ...oneOff, capacity: 501 }, 'capacity'],
    ['capacity as text', { ...oneOff, capacity: '3' }, 'capacity'],
    ['an unknown zone', { ...oneOff, timezone: 'Mars/Olympus' }, 'timezone'],
    ['a session that is not an id', { ...oneOff, sessionId: 'tuesday' }, 'sessionId'],
    ['an unknown field', { ...oneOff, memberId: 'someone' }, 'memberId'],
  ])('refuses a shift with %s (400 naming the field)', async (_what, body, field) => {
    const r = await role();
    expect(fieldsOf(await as('coordinator').post<Problem>(`${base()}/roles/${r.id}/shifts`, body))).toEqual([
      field,
    ]);
  });

  it('refuses bad changes, weeks and ids, never with a 500', async () => {
    const r = await role();
    const s = await shift(r.id);
    const patch = (body: Json) => as('coordinator').patch<Problem>(`${base()}/shifts/${s.id}`, body);
    expect(fieldsOf(await patch({ capacity: null }))).toContain('capacity');
    expect(fieldsOf(await patch({ timezone: null }))).toContain('timezone');
    expect(fieldsOf(await patch({ endsAt: '2027-01-05T09:00' }))).toEqual(['endsAt']);
    expect(fieldsOf(await patch({ rrule: 'FREQ=WEEKLY;BYMONTHDAY=3' }))).toEqual(['rrule']);
    expect(fieldsOf(await patch({ roleId: r.id }))).toContain('roleId');
    expect(
      fieldsOf(await as('coordinator').post<Problem>(`${base()}/shifts/${s.id}/cancel`, { why: 'x' })),
    ).toContain('why');
    for (const week of ['2027-W53', '2027-W00', 'next', '2027-W1', '9999-W01'])
      expect(fieldsOf(await as('volunteer').get<Problem>(`${base()}/rota?week=${week}`))).toEqual(['week']);
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/shifts/nope`))).toContain('shiftId');
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/roles/nope/shifts`))).toContain('roleId');
    expect(
      fieldsOf(await as('coordinator').get<Problem>(`${base()}/roles/${r.id}/shifts?limit=0`)),
    ).toContain('limit');
  });
});

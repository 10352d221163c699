import { eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  everyoneInLero,
  inLero,
  isoWeek,
  problemFieldsOf as fieldsOf,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
interface MyShifts {
  from: string;
  to: string;
  items: Json[];
  /** On a refusal (problem+json). */
  errors?: { field: string }[];
  title?: string;
  detail?: string;
}
interface Rota {
  names: string;
  days: {
    shifts: { shiftId: string; people: { memberId: string; displayName: string | null }[]; gap: number }[];
  }[];
}

const DAY_MS = 86_400_000;
const dateAhead = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * "My shifts" and the names on the rota end to end (ADR 0055): HTTP through the gateway, NATS to volunteering, which
 * asks membership for names at read time; members' community roles reach volunteering over JetStream.
 */
describe('volunteering my shifts and rota names through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;
  /** Members with the volunteer community role, each with an account linked to them. */
  let ann: { id: string; token: string; name: string };
  let bo: { id: string; token: string; name: string };

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const admin = () => h.api.as(lero.adminToken);
  const signups = (shiftId: string) => `${base()}/shifts/${shiftId}/signups`;
  const mine = (token: string | undefined, query = '', tenantId = lero.id) =>
    h.api.as(token).get<MyShifts>(`${base(tenantId)}/me/shifts${query}`);

  async function volunteer(): Promise<{ id: string; token: string; name: string }> {
    const name = `Volunteer ${++n}`;
    const id = ok(
      await admin().post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, {
        displayName: name,
        communityRoles: ['volunteer'],
      }),
      201,
    ).id;
    const email = `my-shifts-${++n}@example.org`;
    const invite = await admin().post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
      email,
      role: 'member',
      memberId: id,
    });
    const token = await h.given.acceptInvitation(ok(invite, 201).token, email);
    await eventually(async () => {
      const list = ok(
        await admin().get<{ items: { memberId: string }[] }>(`${base()}/volunteers?limit=100`),
        200,
      );
      expect(list.items.map((v) => v.memberId)).toContain(id);
    });
    return { id, token, name };
  }

  async function shift(body: Json = {}, tenantId = lero.id, token = lero.adminToken) {
    const role = ok(
      await h.api
        .as(token)
        .post<{ id: string }>(`${base(tenantId)}/roles`, { title: `Role ${++n}`, visibility: 'members' }),
      201,
    );
    return ok(
      await h.api
        .as(token)
        .post<{ id: string; roleId: string; next: { startsAt: string }[] }>(
          `${base(tenantId)}/roles/${role.id}/shifts`,
          { startsAt: `${dateAhead(10)}T10:00`, durationMinutes: 120, capacity: 3, ...body },
        ),
      201,
    );
  }

  const signUp = async (shiftId: string, who: { id: string; token: string }, date?: string) =>
    ok(
      await h.api.as(who.token).post<Json>(signups(shiftId), { memberId: who.id, ...(date ? { date } : {}) }),
      200,
    );

  async function rotaCell(token: string | undefined, shiftId: string, date: string) {
    const rota = ok(await h.api.as(token).get<Rota>(`${base()}/rota?week=${isoWeek(date)}`), 200);
    return { names: rota.names, cell: rota.days.flatMap((d) => d.shifts).find((s) => s.shiftId === shiftId) };
  }

  async function expectMatrix(expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) {
    expect(await statusesOf(as, call)).toEqual(expected);
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, lero, other } = await castInRegion(h));
    ann = await volunteer();
    bo = await volunteer();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists a volunteer’s own coming places and waitlist positions, soonest first, within the range', async () => {
    const full = await shift({ capacity: 1, startsAt: `${dateAhead(5)}T09:30` });
    const weekly = await shift({ rrule: 'FREQ=WEEKLY', startsAt: `${dateAhead(3)}T18:00` });
    const cancelledLater = await shift({ startsAt: `${dateAhead(20)}T10:00` });
    const third = await volunteer();
    await signUp(full.id, bo);
    await signUp(full.id, third);
    await signUp(full.id, ann); // second in line
    const secondDate = weekly.next[1].startsAt.slice(0, 10);
    await signUp(weekly.id, ann, secondDate);
    await signUp(cancelledLater.id, ann);
    await signUp(weekly.id, bo, weekly.next[0].startsAt.slice(0, 10));
    const gone = await shift({ startsAt: `${dateAhead(4)}T10:00` });
    await signUp(gone.id, ann);
    ok(await h.api.as(ann.token).request('DELETE', `${signups(gone.id)}/${ann.id}`), 200);
    ok(await admin().post(`${base()}/shifts/${cancelledLater.id}/cancel`, {}), 200);

    const list = ok(await mine(ann.token), 200);
    expect(list.from).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    );
    expect(list.items.map((i) => [i.shiftId, i.status, i.waitlistPosition, i.shiftStatus])).toEqual([
      [full.id, 'waitlisted', 2, 'scheduled'],
      [weekly.id, 'confirmed', null, 'scheduled'],
      [cancelledLater.id, 'confirmed', null, 'cancelled'],
    ]);
    expect(list.items[1]).toMatchObject({
      roleId: weekly.roleId,
      roleTitle: expect.stringMatching(/^Role /),
      date: secondDate,
      startsAt: weekly.next[1].startsAt,
      startTime: '18:00',
      endTime: '20:00',
      timezone: 'Europe/London',
      memberId: ann.id,
    });
    // The range is of the occurrences' local dates.
    const toSixth = ok(await mine(ann.token, `?to=${dateAhead(6)}`), 200);
    expect(toSixth.items.map((i) => i.shiftId)).toEqual([full.id]);
    const fromNext = ok(await mine(ann.token, `?from=${secondDate}&to=${secondDate}`), 200);
    expect(fromNext.items.map((i) => i.shiftId)).toEqual([weekly.id]);
    // Bo sees only Bo's.
    expect(ok(await mine(bo.token), 200).items.map((i) => [i.shiftId, i.status])).toEqual([
      [weekly.id, 'confirmed'],
      [full.id, 'confirmed'],
    ]);
  });

  it('answers everyone in the LERO, with nothing for an account with no member record, and nobody else', async () => {
    await expectMatrix(inLero(everyoneInLero(200)), (api) => api.get(`${base()}/me/shifts`));
    for (const who of ['tenant-admin', 'coordinator', 'volunteer', 'member'] as const)
      expect(ok(await mine(tokens[who]), 200).items).toEqual([]);
  });

  it('answers another LERO’s id as it answers a missing one', async () => {
    const missing = '01900000-0000-7000-8000-00000000dead';
    for (const tenantId of [other.id, missing]) {
      const res = await mine(ann.token, '', tenantId);
      expect(res.status).toBe(404);
    }
    const [theirs, none] = [await mine(ann.token, '', other.id), await mine(ann.token, '', missing)];
    const shown = (r: typeof theirs) => [r.status, r.body.title, r.body.detail];
    expect(shown(theirs)).toEqual(shown(none));
  });

  it('refuses bad ranges with 400 naming the field, never a 500', async () => {
    expect(fieldsOf(await mine(ann.token, '?from=tomorrow'))).toEqual(['from']);
    expect(fieldsOf(await mine(ann.token, '?from=2027-02-30'))).toEqual(['from']);
    expect(fieldsOf(await mine(ann.token, '?to=2027-13-01'))).toEqual(['to']);
    expect(fieldsOf(await mine(ann.token, '?from=2027-05-02&to=2027-05-01'))).toEqual(['to']);
    expect(fieldsOf(await mine(ann.token, '?from=2027-01-01&to=2028-06-01'))).toEqual(['to']);
    expect(fieldsOf(await mine(ann.token, '?status=confirmed'))).toEqual(['status']);
    expect(fieldsOf(await mine(ann.token, '?from='))).toEqual(['from']);
  });

  it('names the people on the rota at read time, for those who may see them', async () => {
    const s = await shift({ startsAt: `${dateAhead(12)}T11:00` });
    const date = s.next[0].startsAt.slice(0, 10);
    await signUp(s.id, ann);
    await signUp(s.id, bo);
    const both = [
      { memberId: ann.id, displayName: ann.name },
      { memberId: bo.id, displayName: bo.name },
    ];
    for (const who of ['tenant-admin', 'coordinator'] as const) {
      const { names, cell } = await rotaCell(tokens[who], s.id, date);
      expect([names, cell?.people, cell?.gap]).toEqual(['shown', both, 1]);
    }
    // Everyone else sees only themselves among the people (ADR 0052), named; the gap counts everyone.
    expect((await rotaCell(ann.token, s.id, date)).cell).toMatchObject({ people: [both[0]], gap: 1 });
    for (const who of ['volunteer', 'member'] as const)
      expect((await rotaCell(tokens[who], s.id, date)).cell).toMatchObject({ people: [], gap: 1 });
    // Names are membership's, asked each time: a new name shows at once, someone who left is unnamed.
    ok(
      await admin().patch(`/api/v1/tenants/${lero.id}/members/${ann.id}`, { displayName: 'Ann Renamed' }),
      200,
    );
    ok(await admin().post(`/api/v1/tenants/${lero.id}/members/${bo.id}/leave`, {}), 200);
    expect((await rotaCell(tokens.coordinator, s.id, date)).cell?.people).toEqual([
      { memberId: ann.id, displayName: 'Ann Renamed' },
      { memberId: bo.id, displayName: null },
    ]);
    ann.name = 'Ann Renamed';
    // Another LERO's rota knows nothing of them, and ours is not theirs to read.
    const theirs = ok(
      await h.api.as(other.adminToken).get<Rota>(`${base(other.id)}/rota?week=${isoWeek(date)}`),
      200,
    );
    expect(JSON.stringify(theirs)).not.toContain(ann.id);
    expect((await h.api.as(other.adminToken).get(`${base()}/rota?week=${isoWeek(date)}`)).status).toBe(404);
  });
});

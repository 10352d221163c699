import { Client } from 'pg';
import { eventually, type ApiResponse } from '@hearth/testing';
import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Problem = Json & { reason?: string; errors?: { field: string; message: string }[] };
interface Entry {
  attended: number;
  walkIns: number;
  total: number;
  checkedIn: number;
  removed: number;
  walkInsChange: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A register entered afterwards in one go (`PUT /tenants/{id}/sessions/{id}/register`, ADR 0034): a hall with
 * no signal keeps a paper register, and staff tick who came once they are back online.
 */
describe('entering a register afterwards through the gateway', () => {
  let h: DistributedHearth;
  let owner: Client;
  let platformAdmin: string;
  let regionAdmin: string;
  let lero: { id: string; slug: string; adminToken: string };
  let other: { id: string; slug: string; adminToken: string };
  let coordinator: string;
  let volunteer: string;
  let memberToken: string;
  let people: string[];
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}`;
  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const enter = (sessionId: string, body: Json, token = volunteer, tenantId = lero.id) =>
    h.api.as(token).request<Entry & Problem>('PUT', `${base(tenantId)}/sessions/${sessionId}/register`, body);

  /** A one-off session starting `minutes` from now (negative: in the past), an hour long. */
  async function session(minutes: number, tenantId = lero.id, token = lero.adminToken): Promise<string> {
    const start = new Date(Date.now() + minutes * MINUTE);
    const a = ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/activities`, {
        title: `Group ${++n}`,
        category: 'walking',
        visibility: 'members',
        schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      }),
      201,
    );
    const from = encodeURIComponent(new Date(start.getTime() - DAY).toISOString());
    return ok(
      await h.api
        .as(token)
        .get<{ items: { id: string }[] }>(`${base(tenantId)}/sessions?activityId=${a.id}&from=${from}`),
      200,
    ).items[0].id;
  }

  const heldEvents = async (sessionId: string) =>
    Number(
      (
        await owner.query<{ n: string }>(
          `select count(*) as n from events.outbox where subject = 'evt.events.session.held'
            and payload->>'sessionId' = $1`,
          [sessionId],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    platformAdmin = await h.given.platformAdmin();
    const region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    other = await h.given.lero(region.id, platformAdmin);
    coordinator = (await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token;
    volunteer = (await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken)).token;
    memberToken = (await h.given.tenantUser(lero.id, 'member', lero.adminToken)).token;
    const email = `ra-${region.slug}@register.example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, { email, role: 'region-admin' });
    regionAdmin = await h.given.acceptInvitation(ok(invite, 201).token, email);
    people = [];
    for (const name of ['Ann', 'Bo', 'Cy', 'Di'])
      people.push(
        ok(
          await h.api.as(lero.adminToken).post<{ id: string }>(`${base()}/members`, { displayName: name }),
          201,
        ).id,
      );
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('takes a paper register after the session: ticks, walk-ins, and the session is held once', async () => {
    const s = await session(-120);
    const [ann, bo, cy] = people;
    // Bo had been ticked in at the door before the signal went.
    ok(await h.api.as(volunteer).post(`${base()}/sessions/${s}/attendance`, { memberId: bo }), 201);
    const first = ok(await enter(s, { present: [ann, bo], absent: [cy], walkIns: 3, walkInsWas: 0 }), 200);
    expect(first).toMatchObject({
      attended: 2,
      walkIns: 3,
      total: 5,
      checkedIn: 1,
      removed: 0,
      walkInsChange: 3,
    });
    // The same form again (a second tap, a resubmit after a lost answer): nothing changes.
    const again = ok(await enter(s, { present: [ann, bo], absent: [cy], walkIns: 3, walkInsWas: 0 }), 200);
    expect(again).toMatchObject({
      attended: 2,
      walkIns: 3,
      total: 5,
      checkedIn: 0,
      removed: 0,
      walkInsChange: 0,
    });
    const register = ok(
      await h.api
        .as(volunteer)
        .get<{ members: { memberId: string }[]; walkIns: number }>(`${base()}/sessions/${s}/attendance`),
      200,
    );
    expect(register.members.map((m) => m.memberId).sort()).toEqual([ann, bo].sort());
    expect(register.walkIns).toBe(3);
    // Ended with people there: announced as held, once, whatever was sent after.
    expect(await heldEvents(s)).toBe(1);
    // A correction: Bo was not there after all.
    const corrected = ok(await enter(s, { present: [ann], absent: [bo, cy] }), 200);
    expect(corrected).toMatchObject({ attended: 1, walkIns: 3, total: 4, checkedIn: 0, removed: 1 });
    expect(await heldEvents(s)).toBe(1);
    // Reporting counts each person and walk-in once: the events are those of a check-in, an undo and walk-ins.
    const month = londonWallClock(new Date(Date.now() - 120 * MINUTE)).slice(0, 7);
    await eventually(
      async () => {
        const own = ok(
          await h.api
            .as(lero.adminToken)
            .get<{ totals: Record<string, { values: Record<string, { value: number }> }> }>(
              `${base()}/reports/impact?period=month&from=${month}&to=${month}&by=category`,
            ),
          200,
        );
        expect(own.totals[month].values).toMatchObject({
          attendances: { value: 4 },
          walkIns: { value: 3 },
          sessionsHeld: { value: 1 },
        });
      },
      { timeoutMs: 20_000 },
    );
  });

  it('refuses to overwrite walk-ins someone else changed since the form was filled in', async () => {
    const s = await session(-90);
    ok(await enter(s, { walkIns: 2, walkInsWas: 0 }), 200);
    ok(await h.api.as(coordinator).post(`${base()}/sessions/${s}/walk-ins`, { count: 1 }), 201);
    const stale = await enter(s, { walkIns: 5, walkInsWas: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'RegisterChanged' });
    expect(stale.body.detail).toContain('3 are recorded now');
    // Without the count it was filled in from, the entry says how the register should be.
    expect(ok(await enter(s, { walkIns: 5 }), 200)).toMatchObject({ walkIns: 5, walkInsChange: 2 });
  });

  it('keeps the register’s rules: its window, cancelled sessions, active members of this LERO only', async () => {
    const [ann] = people;
    const later = await session((3 * DAY) / MINUTE);
    expect((await enter(later, { present: [ann] })).body).toMatchObject({ reason: 'RegisterNotOpen' });
    const old = await session((-40 * DAY) / MINUTE);
    expect((await enter(old, { present: [ann] })).body).toMatchObject({ reason: 'RegisterClosed' });
    const cancelled = await session((2 * DAY) / MINUTE + 30);
    ok(await h.api.as(coordinator).post(`${base()}/sessions/${cancelled}/cancel`, {}), 200);
    expect((await enter(cancelled, { present: [ann] })).body).toMatchObject({ reason: 'SessionCancelled' });
    const s = await session(-60);
    const theirs = ok(
      await h.api
        .as(other.adminToken)
        .post<{ id: string }>(`${base(other.id)}/members`, { displayName: 'X' }),
      201,
    ).id;
    for (const stranger of [theirs, '01900000-0000-7000-8000-000000000000']) {
      const res = await enter(s, { present: [ann, stranger] });
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe('Member was not found.');
    }
    // All or nothing: Ann was not checked in by the refused entries.
    expect(ok(await enter(s, {}), 200)).toMatchObject({ attended: 0 });
    // A member who left: once the events service has heard (a domain event), they can no longer be ticked in.
    const left = people[3];
    ok(await h.api.as(lero.adminToken).post(`${base()}/members/${left}/leave`), 200);
    await eventually(
      async () => {
        const res = await enter(await session(-60), { present: [left] });
        expect(res.status).toBe(404);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('is for staff and volunteers; members are refused and outsiders told of nothing', async () => {
    const got: Record<string, number> = {};
    const who = {
      tenantAdmin: lero.adminToken,
      coordinator,
      volunteer,
      member: memberToken,
      regionAdmin,
      platformAdmin,
      otherLero: other.adminToken,
      nobody: undefined,
    };
    for (const [name, token] of Object.entries(who)) {
      const s = await session(-60);
      const res = await h.api
        .as(token)
        .request<Problem>('PUT', `${base()}/sessions/${s}/register`, { present: [people[0]], walkIns: 1 });
      got[name] = res.status;
      if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(got).toEqual({
      tenantAdmin: 200,
      coordinator: 200,
      volunteer: 200,
      member: 403,
      regionAdmin: 404,
      platformAdmin: 404,
      otherLero: 404,
      nobody: 401,
    });
  });

  it('answers another LERO’s session exactly like one that does not exist', async () => {
    const theirs = await session(-60, other.id, other.adminToken);
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    const a = await enter(theirs, { walkIns: 1 }, lero.adminToken);
    const b = await enter('01900000-0000-7000-8000-000000000000', { walkIns: 1 }, lero.adminToken);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(strip(a.body)).toEqual(strip(b.body));
    const untouched = ok(
      await h.api.as(other.adminToken).get<{ walkIns: number }>(`${base(other.id)}/sessions/${theirs}`),
      200,
    );
    expect(untouched.walkIns).toBe(0);
  });

  it('answers bad input with 400 problem+json naming the field, never 500', async () => {
    const s = await session(-60);
    const cases: [Json | string, string][] = [
      [{ present: 'everyone' }, 'present'],
      [{ present: ['not-a-uuid'] }, 'present'],
      [{ present: [people[0], people[0]] }, 'present'],
      [{ present: Array.from({ length: 1001 }, () => crypto.randomUUID()) }, 'present'],
      [{ absent: [1] }, 'absent'],
      [{ present: [people[0]], absent: [people[0]] }, 'absent'],
      [{ walkIns: -1 }, 'walkIns'],
      [{ walkIns: 2.5 }, 'walkIns'],
      [{ walkIns: '3' }, 'walkIns'],
      [{ walkInsWas: -2 }, 'walkInsWas'],
      [{ walkIns: 1, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await enter(s, body as Json, lero.adminToken);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    const notJson = await h.api
      .as(lero.adminToken)
      .request<Problem>('PUT', `${base()}/sessions/${s}/register`, '{"present": [', {
        'content-type': 'application/json',
      });
    expect(notJson.status).toBe(400);
    const badId = await enter('nope', { walkIns: 1 }, lero.adminToken);
    expect(badId.status).toBe(400);
  });
});

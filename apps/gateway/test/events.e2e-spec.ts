import { Client } from 'pg';
import ICAL from 'ical.js';
import {
  londonWallClock,
  remindingMembership,
  startDistributedHearth,
  type DistributedHearth,
} from './hearth.harness';
import { TestSmtpServer, eventually, type ApiResponse } from '@hearth/testing';
import { sessionReminderCases } from './session-reminders.cases';

type Json = Record<string, unknown>;
type Problem = Json & { errors?: { field: string; message: string }[] };
interface SessionItem {
  id: string;
  activityId: string;
  title: string;
  startsAt: string;
  going: number;
  waitlisted: number;
  status: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The first Saturday of the month `ahead` months after this one (YYYY-MM-DD): always in the future. */
function firstSaturday(ahead: number): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
  first.setUTCDate(1 + ((6 - first.getUTCDay() + 7) % 7));
  return first.toISOString().slice(0, 10);
}
const londonTime = (d: Date) =>
  d.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour12: false,
    hour: '2-digit',
    minute: '2-digit',
  });

/** Events end to end: HTTP through the gateway, NATS to the events (and tenants, membership) services. */
describe('events through the gateway', () => {
  let h: DistributedHearth;
  let owner: Client;
  let platformAdmin: string;
  let regionAdmin: string;
  let region: { id: string; slug: string };
  let lero: { id: string; slug: string; adminToken: string };
  let other: { id: string; slug: string; adminToken: string };
  let coordinator: string;
  let volunteer: string;
  let member: { id: string; token: string };
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}`;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n);
  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function createMember(tenantId = lero.id, token = lero.adminToken): Promise<string> {
    const res = await h.api
      .as(token)
      .post<{ id: string }>(`${base(tenantId)}/members`, { displayName: `Person ${++n}` });
    return ok(res, 201).id;
  }

  async function linkedMember(
    email = `events-member-${++n}@example.org`,
  ): Promise<{ id: string; token: string }> {
    const id = await createMember();
    const invite = await h.api
      .as(lero.adminToken)
      .post<{ token: string }>(`${base()}/invitations`, { email, role: 'member', memberId: id });
    return { id, token: await h.given.acceptInvitation(ok(invite, 201).token, email) };
  }

  async function activity(body: Json, token = coordinator, tenantId = lero.id): Promise<{ id: string }> {
    return ok(await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/activities`, body), 201);
  }

  /** A one-off session starting `inMinutes` from now. */
  async function oneOff(inMinutes: number, extra: Json = {}): Promise<SessionItem> {
    const start = new Date(Date.now() + inMinutes * MINUTE);
    const a = await activity({
      title: `Session ${++n}`,
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      ...extra,
    });
    const from = new Date(start.getTime() - DAY).toISOString();
    const page = await h.api
      .as(coordinator)
      .get<{ items: SessionItem[] }>(
        `${base()}/sessions?activityId=${a.id}&from=${encodeURIComponent(from)}`,
      );
    return ok(page, 200).items[0];
  }

  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    // Membership emails session reminders (ADR 0081); the sweep runs when a test runs it.
    h = await startDistributedHearth({ membership: remindingMembership(smtp.url) });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    other = await h.given.lero(region.id, platformAdmin);
    coordinator = (await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token;
    volunteer = (await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken)).token;
    member = await linkedMember();
    const email = `ra-${region.slug}@example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, {
        email,
        role: 'region-admin',
      });
    regionAdmin = await h.given.acceptInvitation(ok(invite, 201).token, email);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
    await smtp.stop();
  });

  sessionReminderCases(() => ({
    h,
    smtp,
    owner,
    tenantId: lero.id,
    adminToken: lero.adminToken,
    coordinator,
    linkedMember: (email) => linkedMember(email),
    oneOff: (inMinutes, extra) => oneOff(inMinutes, extra),
  }));

  it('lets a coordinator set up a weekly walking group and a monthly art club and run them at the door', async () => {
    const artStart = firstSaturday(1);
    const walking = await activity({
      title: 'Walking group',
      category: 'walking',
      visibility: 'public',
      location: { name: 'Leazes Park gates', postcode: 'NE1 4PF' },
      schedule: {
        startsAt: londonWallClock(new Date(Date.now() + DAY)).slice(0, 10) + 'T10:00',
        durationMinutes: 90,
        rrule: 'FREQ=WEEKLY',
      },
    });
    const art = await activity({
      title: 'Art club',
      category: 'arts-crafts',
      visibility: 'members',
      capacity: 2,
      schedule: { startsAt: `${artStart}T14:00`, durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=1SA' },
    });
    const next3Months = ok(
      await h.api.as(coordinator).get<{ items: SessionItem[] }>(`${base()}/sessions`),
      200,
    ).items;
    const walks = next3Months.filter((s) => s.activityId === walking.id);
    expect(walks.length).toBeGreaterThanOrEqual(13);
    expect(walks.every((s) => londonTime(new Date(s.startsAt)) === '10:00')).toBe(true);
    // The first Saturdays from next month's: 28 or 35 days apart, so 80 days from the first hold exactly three.
    const to = new Date(Date.parse(artStart) + 80 * DAY).toISOString().slice(0, 10);
    const arts = ok(
      await h.api
        .as(coordinator)
        .get<{ items: SessionItem[] }>(`${base()}/sessions?activityId=${art.id}&from=${artStart}&to=${to}`),
      200,
    ).items;
    expect(arts.map((s) => s.startsAt.slice(0, 10))).toEqual([artStart, firstSaturday(2), firstSaturday(3)]);
    // RSVPs with a waitlist
    const [first] = arts;
    const people = [member.id, await createMember(), await createMember()];
    const statuses = [];
    statuses.push(
      ok(
        await h.api
          .as(member.token)
          .post<Json>(`${base()}/sessions/${first.id}/rsvps`, { memberId: member.id }),
        201,
      ).status,
    );
    for (const id of people.slice(1))
      statuses.push(
        ok(
          await h.api.as(coordinator).post<Json>(`${base()}/sessions/${first.id}/rsvps`, { memberId: id }),
          201,
        ).status,
      );
    expect(statuses).toEqual(['going', 'going', 'waitlisted']);
    ok(
      await h.api.as(member.token).request('DELETE', `${base()}/sessions/${first.id}/rsvps/${member.id}`),
      204,
    );
    const mine = ok(
      await h.api.as(member.token).get<{ items: Json[] }>(`${base()}/sessions/${first.id}/rsvps`),
      200,
    );
    expect(mine.items).toEqual([]);
    const all = ok(
      await h.api.as(coordinator).get<{ items: Json[] }>(`${base()}/sessions/${first.id}/rsvps`),
      200,
    );
    expect(all.items.map((r) => r.status)).toEqual(['going', 'going']);
    // At the door
    const tonight = await oneOff(15);
    const checkIn = await h.api
      .as(volunteer)
      .post<Json>(`${base()}/sessions/${tonight.id}/attendance`, { memberId: member.id });
    expect(ok(checkIn, 201)).toMatchObject({ recorded: true, attended: 1, total: 1 });
    ok(
      await h.api.as(volunteer).post(`${base()}/sessions/${tonight.id}/attendance`, { memberId: member.id }),
      201,
    );
    ok(await h.api.as(volunteer).post(`${base()}/sessions/${tonight.id}/walk-ins`, { count: 3 }), 201);
    const register = ok(
      await h.api.as(volunteer).get<Json>(`${base()}/sessions/${tonight.id}/attendance`),
      200,
    );
    expect(register).toMatchObject({ members: [{ memberId: member.id }], walkIns: 3, total: 4 });
  });

  it('keeps counting an erased member at the door, without their id, and exports their part', async () => {
    const jo = await createMember();
    const tonight = await oneOff(-10);
    const coming = await oneOff(3 * 24 * 60);
    ok(await h.api.as(volunteer).post(`${base()}/sessions/${tonight.id}/attendance`, { memberId: jo }), 201);
    ok(await h.api.as(coordinator).post(`${base()}/sessions/${coming.id}/rsvps`, { memberId: jo }), 201);
    const exported = ok(
      await h.api
        .as(lero.adminToken)
        .get<{ parts: { service: string; data: Json }[] }>(`${base()}/members/${jo}/export`),
      200,
    );
    expect(exported.parts.find((p) => p.service === 'events')?.data).toMatchObject({
      rsvps: [{ sessionId: coming.id, status: 'going' }],
      attendance: [{ sessionId: tonight.id }],
    });
    ok(await h.api.as(lero.adminToken).request('DELETE', `${base()}/members/${jo}`), 204);
    await eventually(async () => {
      const register = ok(
        await h.api.as(volunteer).get<Json>(`${base()}/sessions/${tonight.id}/attendance`),
        200,
      );
      expect(register).toEqual({ members: [], walkIns: 0, formerMembers: 1, total: 1 });
    });
    expect(await count('events.rsvps where member_id = $1', [jo])).toBe(0);
    const session = ok(await h.api.as(coordinator).get<Json>(`${base()}/sessions/${coming.id}`), 200);
    expect(session.going).toBe(1);
    const again = await h.api
      .as(volunteer)
      .post<Problem>(`${base()}/sessions/${tonight.id}/attendance`, { memberId: jo });
    expect(again.status).toBe(404);
  });

  describe('every route for every role', () => {
    type Who =
      | 'tenantAdmin'
      | 'coordinator'
      | 'volunteer'
      | 'member'
      | 'regionAdmin'
      | 'platformAdmin'
      | 'otherLero'
      | 'nobody';
    const WHO: Who[] = [
      'tenantAdmin',
      'coordinator',
      'volunteer',
      'member',
      'regionAdmin',
      'platformAdmin',
      'otherLero',
      'nobody',
    ];
    const tokenOf = (who: Who): string | undefined =>
      ({
        tenantAdmin: lero.adminToken,
        coordinator,
        volunteer,
        member: member.token,
        regionAdmin,
        platformAdmin,
        otherLero: other.adminToken,
        nobody: undefined,
      })[who];
    const walk = () => ({
      title: 'Walk',
      category: 'walking',
      visibility: 'public',
      schedule: { startsAt: londonWallClock(new Date(Date.now() + 5 * DAY)), durationMinutes: 60 },
    });
    const outsiders = { regionAdmin: 404, platformAdmin: 404, otherLero: 404, nobody: 401 };
    /** Each case prepares its own target, so a role's success never changes what the next role meets. */
    const cases: {
      route: string;
      call: () => Promise<[string, string, Json?]>;
      expect: Record<Who, number>;
    }[] = [
      {
        route: 'POST /activities',
        call: async () => ['POST', `${base()}/activities`, walk()],
        expect: { tenantAdmin: 201, coordinator: 201, volunteer: 403, member: 403, ...outsiders },
      },
      {
        route: 'GET /activities',
        call: async () => ['GET', `${base()}/activities`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 200, ...outsiders },
      },
      {
        route: 'GET /activities/{id}',
        call: async () => ['GET', `${base()}/activities/${(await activity(walk())).id}`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 200, ...outsiders },
      },
      {
        route: 'PATCH /activities/{id}',
        call: async () => [
          'PATCH',
          `${base()}/activities/${(await activity(walk())).id}`,
          { title: 'Renamed' },
        ],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 403, member: 403, ...outsiders },
      },
      {
        route: 'DELETE /activities/{id}',
        call: async () => ['DELETE', `${base()}/activities/${(await activity(walk())).id}`],
        expect: { tenantAdmin: 204, coordinator: 204, volunteer: 403, member: 403, ...outsiders },
      },
      {
        route: 'GET /sessions',
        call: async () => ['GET', `${base()}/sessions`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 200, ...outsiders },
      },
      {
        route: 'GET /sessions/{id}',
        call: async () => ['GET', `${base()}/sessions/${(await oneOff(600)).id}`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 200, ...outsiders },
      },
      {
        route: 'POST /sessions/{id}/cancel',
        call: async () => ['POST', `${base()}/sessions/${(await oneOff(600)).id}/cancel`, { reason: 'Snow' }],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 403, member: 403, ...outsiders },
      },
      {
        route: 'GET /sessions/{id}/rsvps',
        call: async () => ['GET', `${base()}/sessions/${(await oneOff(600)).id}/rsvps`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 200, ...outsiders },
      },
      {
        route: 'POST /sessions/{id}/rsvps',
        call: async () => [
          'POST',
          `${base()}/sessions/${(await oneOff(600)).id}/rsvps`,
          { memberId: member.id },
        ],
        expect: { tenantAdmin: 201, coordinator: 201, volunteer: 403, member: 201, ...outsiders },
      },
      {
        route: 'DELETE /sessions/{id}/rsvps/{memberId}',
        call: async () => {
          const s = await oneOff(600);
          ok(
            await h.api.as(coordinator).post(`${base()}/sessions/${s.id}/rsvps`, { memberId: member.id }),
            201,
          );
          return ['DELETE', `${base()}/sessions/${s.id}/rsvps/${member.id}`];
        },
        expect: { tenantAdmin: 204, coordinator: 204, volunteer: 403, member: 204, ...outsiders },
      },
      {
        route: 'GET /sessions/{id}/attendance',
        call: async () => ['GET', `${base()}/sessions/${(await oneOff(0)).id}/attendance`],
        expect: { tenantAdmin: 200, coordinator: 200, volunteer: 200, member: 403, ...outsiders },
      },
      {
        route: 'POST /sessions/{id}/attendance',
        call: async () => [
          'POST',
          `${base()}/sessions/${(await oneOff(0)).id}/attendance`,
          { memberId: member.id },
        ],
        expect: { tenantAdmin: 201, coordinator: 201, volunteer: 201, member: 403, ...outsiders },
      },
      {
        route: 'DELETE /sessions/{id}/attendance/{memberId}',
        call: async () => {
          const s = await oneOff(0);
          ok(
            await h.api
              .as(coordinator)
              .post(`${base()}/sessions/${s.id}/attendance`, { memberId: member.id }),
            201,
          );
          return ['DELETE', `${base()}/sessions/${s.id}/attendance/${member.id}`];
        },
        expect: { tenantAdmin: 204, coordinator: 204, volunteer: 204, member: 403, ...outsiders },
      },
      {
        route: 'POST /sessions/{id}/walk-ins',
        call: async () => ['POST', `${base()}/sessions/${(await oneOff(0)).id}/walk-ins`, { count: 2 }],
        expect: { tenantAdmin: 201, coordinator: 201, volunteer: 201, member: 403, ...outsiders },
      },
    ];

    it.each(cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const [method, path, body] = await c.call();
        const res = await h.api.as(tokenOf(who)).request<Problem>(method, path, body);
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(got).toEqual(c.expect);
    });

    it('answers another LERO’s ids inside one’s own LERO exactly like ids that do not exist', async () => {
      const theirs = await activity(
        {
          title: 'Theirs',
          category: 'music',
          visibility: 'members',
          schedule: { startsAt: '2027-01-05T19:00', durationMinutes: 60 },
        },
        other.adminToken,
        other.id,
      );
      const [theirSession] = ok(
        await h.api
          .as(other.adminToken)
          .get<{ items: SessionItem[] }>(
            `${base(other.id)}/sessions?activityId=${theirs.id}&from=2027-01-01`,
          ),
        200,
      ).items;
      const asAdmin = h.api.as(lero.adminToken);
      const missing = '01900000-0000-7000-8000-000000000000';
      const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
      const pairs: [string, string, Json?][] = [
        ['GET', `activities/${theirs.id}`],
        ['PATCH', `activities/${theirs.id}`, { title: 'Mine now' }],
        ['DELETE', `activities/${theirs.id}`],
        ['GET', `sessions/${theirSession.id}`],
        ['POST', `sessions/${theirSession.id}/cancel`, {}],
        ['POST', `sessions/${theirSession.id}/rsvps`, { memberId: member.id }],
        ['GET', `sessions/${theirSession.id}/rsvps`],
        ['DELETE', `sessions/${theirSession.id}/rsvps/${member.id}`],
        ['GET', `sessions/${theirSession.id}/attendance`],
        ['POST', `sessions/${theirSession.id}/attendance`, { memberId: member.id }],
        ['DELETE', `sessions/${theirSession.id}/attendance/${member.id}`],
        ['POST', `sessions/${theirSession.id}/walk-ins`, { count: 1 }],
      ];
      for (const [method, path, body] of pairs) {
        const theirsRes = await asAdmin.request<Json>(method, `${base()}/${path}`, body);
        const missingRes = await asAdmin.request<Json>(
          method,
          `${base()}/${path.replace(theirs.id, missing).replace(theirSession.id, missing)}`,
          body,
        );
        expect([method, path, theirsRes.status]).toEqual([method, path, 404]);
        expect(strip(theirsRes.body)).toEqual(strip(missingRes.body));
      }
      const still = ok(
        await h.api.as(other.adminToken).get<Json>(`${base(other.id)}/activities/${theirs.id}`),
        200,
      );
      expect(still.title).toBe('Theirs');
    });

    it('answers another LERO’s member ids at one’s own door exactly like ids that do not exist', async () => {
      const theirMember = await createMember(other.id, other.adminToken);
      const mine = await oneOff(0);
      const asAdmin = h.api.as(lero.adminToken);
      const missing = '01900000-0000-7000-8000-000000000000';
      const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
      for (const path of ['rsvps', 'attendance']) {
        const url = `${base()}/sessions/${mine.id}/${path}`;
        const theirsRes = await asAdmin.post<Json>(url, { memberId: theirMember });
        const missingRes = await asAdmin.post<Json>(url, { memberId: missing });
        expect([path, theirsRes.status]).toEqual([path, 404]);
        expect(strip(theirsRes.body)).toEqual(strip(missingRes.body));
      }
      const register = ok(await asAdmin.get<Json>(`${base()}/sessions/${mine.id}/attendance`), 200);
      expect(register.total).toBe(0);
    });
  });

  describe('bad input', () => {
    const problem = async (method: string, path: string, body?: unknown) => {
      const res = await h.api.as(coordinator).request<Problem>(method, path, body);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return {
        status: res.status,
        fields: [...new Set((res.body.errors ?? []).map((e) => e.field))],
        reason: res.body.reason,
      };
    };
    const valid = {
      title: 'Walk',
      category: 'walking',
      visibility: 'public',
      schedule: { startsAt: '2027-01-05T10:00', durationMinutes: 60 },
    };

    it.each([
      ['a smuggled tenantId', { ...valid, tenantId: '01900000-0000-7000-8000-000000000001' }, 'tenantId'],
      ['an unknown field', { ...valid, featured: true }, 'featured'],
      ['a capacity of the wrong type', { ...valid, capacity: 'ten' }, 'capacity'],
      ['a capacity below 1', { ...valid, capacity: 0 }, 'capacity'],
      ['an unknown category', { ...valid, category: 'bingo' }, 'category'],
      [
        'an invalid date',
        { ...valid, schedule: { startsAt: '2027-13-01T10:00', durationMinutes: 60 } },
        'schedule.startsAt',
      ],
      [
        'an unknown timezone',
        { ...valid, schedule: { ...valid.schedule, timezone: 'Europe/Narnia' } },
        'schedule.timezone',
      ],
      [
        'an invalid rule',
        { ...valid, schedule: { ...valid.schedule, rrule: 'FREQ=WEEKLY;BYDAY=XX' } },
        'schedule.rrule',
      ],
      ['a schedule that is not an object', { ...valid, schedule: 'weekly' }, 'schedule'],
    ])('refuses an activity with %s, naming the field, and writes nothing', async (_label, body, field) => {
      const before = await count('events.activities');
      const res = await problem('POST', `${base()}/activities`, body);
      expect(res.status).toBe(400);
      expect(res.fields).toContain(field);
      expect(await count('events.activities')).toBe(before);
    });

    it('refuses bad RSVPs, check-ins, walk-ins, ids and queries with 400 naming the field', async () => {
      const s = await oneOff(0);
      const before = [await count('events.rsvps'), await count('events.attendance')];
      expect(await problem('POST', `${base()}/sessions/${s.id}/rsvps`, { memberId: 'me' })).toMatchObject({
        status: 400,
        fields: ['memberId'],
      });
      expect(
        await problem('POST', `${base()}/sessions/${s.id}/rsvps`, {
          memberId: member.id,
          tenantId: other.id,
        }),
      ).toMatchObject({ status: 400, fields: ['tenantId'] });
      expect(
        await problem('POST', `${base()}/sessions/${s.id}/attendance`, {
          memberId: member.id,
          status: 'going',
        }),
      ).toMatchObject({ status: 400, fields: ['status'] });
      for (const count of [0, '1', 1.5, 5000])
        expect(await problem('POST', `${base()}/sessions/${s.id}/walk-ins`, { count })).toMatchObject({
          status: 400,
          fields: ['count'],
        });
      expect(await problem('POST', `${base()}/sessions/${s.id}/walk-ins`, { count: -1 })).toMatchObject({
        status: 409,
        reason: 'WalkInsBelowZero',
      });
      expect(await problem('GET', `${base()}/sessions/not-a-uuid`)).toMatchObject({
        status: 400,
        fields: ['sessionId'],
      });
      expect(await problem('GET', `${base()}/sessions?from=yesterday`)).toMatchObject({
        status: 400,
        fields: ['from'],
      });
      expect(await problem('GET', `${base()}/sessions?from=2027-02-01&to=2027-01-01`)).toMatchObject({
        status: 400,
        fields: ['to'],
      });
      expect(await problem('GET', `${base()}/sessions?limit=0`)).toMatchObject({
        status: 400,
        fields: ['limit'],
      });
      expect(await problem('GET', `${base()}/sessions?tenantId=${other.id}`)).toMatchObject({
        status: 400,
        fields: ['tenantId'],
      });
      expect(await problem('GET', `${base()}/sessions?category=bingo`)).toMatchObject({
        status: 400,
        fields: ['category'],
      });
      expect(await problem('GET', `${base()}/activities?limit=x`)).toMatchObject({
        status: 400,
        fields: ['limit'],
      });
      expect([await count('events.rsvps'), await count('events.attendance')]).toEqual(before);
      const register = ok(
        await h.api.as(coordinator).get<Json>(`${base()}/sessions/${s.id}/attendance`),
        200,
      );
      expect(register.walkIns).toBe(0);
    });
  });

  describe('the public face', () => {
    let publicWalk: { id: string };
    let membersOnly: { id: string };

    beforeAll(async () => {
      const start = londonWallClock(new Date(Date.now() + DAY)).slice(0, 10);
      publicWalk = await activity({
        title: 'Open walk',
        category: 'walking',
        description: 'All welcome, dogs too.',
        visibility: 'public',
        capacity: 20,
        location: {
          name: 'Town Moor',
          address: 'Grandstand Road',
          postcode: 'NE2 4NL',
          latitude: 54.99,
          longitude: -1.62,
        },
        schedule: { startsAt: `${start}T10:00`, durationMinutes: 90, rrule: 'FREQ=WEEKLY' },
      });
      membersOnly = await activity({
        title: 'Members circle',
        category: 'peer-support',
        visibility: 'members',
        schedule: { startsAt: `${start}T18:00`, durationMinutes: 60, rrule: 'FREQ=WEEKLY' },
      });
      const [firstWalk] = ok(
        await h.api
          .as(coordinator)
          .get<{ items: SessionItem[] }>(`${base()}/sessions?activityId=${publicWalk.id}`),
        200,
      ).items;
      ok(
        await h.api
          .as(member.token)
          .post(`${base()}/sessions/${firstWalk.id}/rsvps`, { memberId: member.id }),
        201,
      );
    });

    it('lists upcoming public sessions with places left, never members-only ones or names', async () => {
      const res = await h.api.get<{ lero: Json; items: (Json & { activityId: string })[] }>(
        `/api/v1/public/leros/${lero.slug}/sessions`,
      );
      const body = ok(res, 200);
      expect(body.lero).toEqual({ name: expect.any(String), slug: lero.slug });
      const walks = body.items.filter((s) => s.activityId === publicWalk.id);
      expect(walks.length).toBeGreaterThanOrEqual(13);
      expect(walks[0]).toMatchObject({
        title: 'Open walk',
        category: 'walking',
        capacity: 20,
        placesLeft: 19,
        status: 'scheduled',
      });
      expect(walks[0].location).toMatchObject({ name: 'Town Moor', postcode: 'NE2 4NL' });
      expect(body.items.some((s) => s.activityId === membersOnly.id)).toBe(false);
      expect(body.items.every((s) => !('going' in s) && !('waitlisted' in s) && !('attended' in s))).toBe(
        true,
      );
      expect(JSON.stringify(body)).not.toContain(member.id);
    });

    it('publishes an iCalendar feed that a calendar library reads back in local time', async () => {
      const res = await h.api.request<string>('GET', `/api/v1/public/leros/${lero.slug}/calendar.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(res.body));
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      const zones = calendar.getAllSubcomponents('vtimezone');
      expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toContain('Europe/London');
      for (const zone of zones) ICAL.TimezoneService.register(zone);
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const walks = events.filter((e) => e.summary === 'Open walk');
      expect(walks.length).toBeGreaterThanOrEqual(50);
      expect(events.some((e) => e.summary === 'Members circle')).toBe(false);
      const uids = new Set(events.map((e) => e.uid));
      expect(uids.size).toBe(events.length);
      const offsets = new Set<string>();
      for (const walk of walks) {
        expect(walk.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
        expect(walk.startDate.zone?.tzid).toBe('Europe/London');
        expect(walk.component.getFirstProperty('dtstamp')?.getFirstValue()?.toString()).toMatch(/Z$/);
        const start = walk.startDate.toJSDate();
        expect(londonTime(start)).toBe('10:00');
        expect(walk.endDate.toJSDate().getTime() - start.getTime()).toBe(90 * MINUTE);
        offsets.add(start.toISOString().slice(11, 16));
      }
      // A year of Tuesdays crosses both changes: 10:00 GMT is 10:00Z, 10:00 BST is 09:00Z.
      expect([...offsets].sort()).toEqual(['09:00', '10:00']);
      expect(res.body).not.toContain(member.id);
      expect(res.body).not.toMatch(/ATTENDEE/);
    });

    it('publishes nothing for an unknown, a suspended or an archived LERO', async () => {
      expect((await h.api.get('/api/v1/public/leros/no-such-lero/sessions')).status).toBe(404);
      const bad = await h.api.get<Problem>('/api/v1/public/leros/Not_A_Slug/calendar.ics');
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field)).toEqual(['slug']);
      await activity(
        {
          title: 'Theirs in public',
          category: 'music',
          visibility: 'public',
          schedule: { startsAt: '2027-01-05T19:00', durationMinutes: 60 },
        },
        other.adminToken,
        other.id,
      );
      expect((await h.api.get(`/api/v1/public/leros/${other.slug}/sessions?from=2027-01-01`)).status).toBe(
        200,
      );
      ok(await h.api.as(platformAdmin).post(`/api/v1/tenants/${other.id}/suspend`), 200);
      expect((await h.api.get(`/api/v1/public/leros/${other.slug}/sessions`)).status).toBe(404);
      expect((await h.api.get(`/api/v1/public/leros/${other.slug}/calendar.ics`)).status).toBe(404);
      ok(await h.api.as(platformAdmin).post(`/api/v1/tenants/${other.id}/archive`), 200);
      expect((await h.api.get(`/api/v1/public/leros/${other.slug}/calendar.ics`)).status).toBe(404);
    });
  });
});

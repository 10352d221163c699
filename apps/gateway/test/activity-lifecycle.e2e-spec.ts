import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';
import type { ApiResponse } from '@hearth/testing';

type Json = Record<string, unknown>;
interface SessionItem {
  id: string;
  title: string;
  status: string;
  startsAt: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const TRANSITIONS = ['pause', 'resume', 'end'] as const;

/**
 * Pausing, resuming and ending an activity (ADR 0032), and the sessions going on now in the default listing:
 * HTTP through the gateway, NATS to the events service. Every route for every role; another LERO's ids answer
 * exactly like missing ones.
 */
describe('an activity’s life through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;

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

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}`;
  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A weekly group whose first session starts `inMinutes` from now. */
  async function weekly(inMinutes = 3 * 24 * 60, tenantId = lero.id, token = lero.adminToken) {
    const res = await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/activities`, {
      title: `Group ${++n}`,
      category: 'peer-support',
      visibility: 'members',
      schedule: {
        startsAt: londonWallClock(new Date(Date.now() + inMinutes * MINUTE)),
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY',
      },
    });
    return ok(res, 201);
  }

  const sessionsOf = async (activityId: string, query = '') =>
    ok(
      await h.api
        .as(lero.adminToken)
        .get<{ items: SessionItem[] }>(`${base()}/sessions?activityId=${activityId}${query}`),
      200,
    ).items;

  beforeAll(async () => {
    h = await startDistributedHearth();
    const platformAdmin = await h.given.platformAdmin();
    const region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    other = await h.given.lero(region.id, platformAdmin);
    const member = ok(
      await h.api.as(lero.adminToken).post<{ id: string }>(`${base()}/members`, { displayName: 'Mo' }),
      201,
    );
    const email = `mo-${lero.id.slice(-6)}@example.org`;
    const invite = await h.api
      .as(lero.adminToken)
      .post<{ token: string }>(`${base()}/invitations`, { email, role: 'member', memberId: member.id });
    const raEmail = `ra-${region.slug}@example.org`;
    const raInvite = await h.api
      .as(platformAdmin)
      .post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, {
        email: raEmail,
        role: 'region-admin',
      });
    tokens = {
      tenantAdmin: lero.adminToken,
      coordinator: (await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token,
      volunteer: (await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken)).token,
      member: await h.given.acceptInvitation(ok(invite, 201).token, email),
      regionAdmin: await h.given.acceptInvitation(ok(raInvite, 201).token, raEmail),
      platformAdmin,
      otherLero: other.adminToken,
      nobody: undefined,
    };
  });

  afterAll(async () => {
    await h?.close();
  });

  it.each(TRANSITIONS)('POST /activities/{id}/%s: the LERO’s admins and coordinators', async (transition) => {
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const activity = await weekly();
      // Something to resume.
      if (transition === 'resume')
        ok(await h.api.as(lero.adminToken).post(`${base()}/activities/${activity.id}/pause`), 200);
      const res = await h.api.as(tokens[who]).post<Json>(`${base()}/activities/${activity.id}/${transition}`);
      got[who] = res.status;
      if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(got).toEqual({
      tenantAdmin: 200,
      coordinator: 200,
      volunteer: 403,
      member: 403,
      regionAdmin: 404,
      platformAdmin: 404,
      otherLero: 404,
      nobody: 401,
    });
  });

  it('answers another LERO’s activity ids exactly like ids that do not exist, and changes nothing', async () => {
    const theirs = await weekly(3 * 24 * 60, other.id, other.adminToken);
    const missing = '01900000-0000-7000-8000-000000000000';
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    for (const transition of TRANSITIONS) {
      const theirsRes = await h.api
        .as(lero.adminToken)
        .post<Json>(`${base()}/activities/${theirs.id}/${transition}`);
      const missingRes = await h.api
        .as(lero.adminToken)
        .post<Json>(`${base()}/activities/${missing}/${transition}`);
      expect([transition, theirsRes.status]).toEqual([transition, 404]);
      expect(strip(theirsRes.body)).toEqual(strip(missingRes.body));
    }
    const still = ok(
      await h.api.as(other.adminToken).get<Json>(`${base(other.id)}/activities/${theirs.id}`),
      200,
    );
    expect(still.status).toBe('active');
  });

  it('refuses an id that is not a UUID with 400 naming it, never a 500', async () => {
    for (const transition of TRANSITIONS) {
      const res = await h.api
        .as(lero.adminToken)
        .post<{ errors?: { field: string }[] }>(`${base()}/activities/not-a-uuid/${transition}`);
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['activityId']);
    }
    const unknown = await h.api
      .as(lero.adminToken)
      .post(`${base()}/activities/${(await weekly()).id}/restart`);
    expect(unknown.status).toBe(404);
  });

  it('pauses, resumes and ends: sessions to come leave the programme and come back; ended is for good', async () => {
    const activity = await weekly(2 * 24 * 60);
    const [first] = await sessionsOf(activity.id);
    const memberId = ok(
      await h.api.as(lero.adminToken).get<{ items: { id: string }[] }>(`${base()}/members`),
      200,
    ).items[0].id;
    ok(await h.api.as(tokens.coordinator).post(`${base()}/sessions/${first.id}/rsvps`, { memberId }), 201);

    const paused = ok(
      await h.api.as(tokens.coordinator).post<Json>(`${base()}/activities/${activity.id}/pause`),
      200,
    );
    expect(paused.status).toBe('paused');
    expect((await sessionsOf(activity.id)).map((s) => [s.id, s.status])).toEqual([[first.id, 'cancelled']]);

    const resumed = ok(
      await h.api.as(tokens.coordinator).post<Json>(`${base()}/activities/${activity.id}/resume`),
      200,
    );
    expect(resumed.status).toBe('active');
    const back = await sessionsOf(activity.id);
    expect(back[0]).toMatchObject({ id: first.id, status: 'cancelled' });
    expect(back.slice(1).every((s) => s.status === 'scheduled')).toBe(true);
    expect(back.length).toBeGreaterThanOrEqual(12);

    ok(await h.api.as(tokens.coordinator).post(`${base()}/activities/${activity.id}/end`), 200);
    expect((await sessionsOf(activity.id)).map((s) => s.id)).toEqual([first.id]);
    const again = await h.api
      .as(tokens.coordinator)
      .post<{ reason?: string }>(`${base()}/activities/${activity.id}/resume`);
    expect([again.status, again.body.reason]).toEqual([409, 'ActivityEnded']);
    const listed = ok(
      await h.api.as(tokens.volunteer).get<{ items: Json[] }>(`${base()}/activities?limit=100`),
      200,
    );
    expect(listed.items.find((a) => a.id === activity.id)?.status).toBe('ended');
  });

  it('lists a session that started ten minutes ago by default, but not one that has ended', async () => {
    const going = await weekly(-10);
    const over = await weekly(-2 * 60);
    const from = `&from=${encodeURIComponent(new Date(Date.now() - DAY).toISOString())}`;
    const [goingNow] = await sessionsOf(going.id, from);
    const [ended] = await sessionsOf(over.id, from);
    const defaults = ok(
      await h.api.as(tokens.member).get<{ items: SessionItem[] }>(`${base()}/sessions`),
      200,
    ).items.map((s) => s.id);
    expect(defaults).toContain(goingNow.id);
    expect(defaults).not.toContain(ended.id);
  });

  it('describes the three routes in the OpenAPI document, with a summary', async () => {
    const doc = await h.api.get<{ paths: Record<string, Record<string, { summary?: string }>> }>(
      '/docs/openapi.json',
    );
    for (const transition of TRANSITIONS)
      expect(
        doc.body.paths[`/api/v1/tenants/{tenantId}/activities/{activityId}/${transition}`]?.post?.summary,
      ).toBeTruthy();
  });
});

import { Client } from 'pg';
import { parse } from 'csv-parse/sync';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM } from '@hearth/contracts';
import { eventually, type ApiResponse } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { logRepresentation } from './advocacy-representation.cases';

type Json = Record<string, unknown>;
type Cell = { value: number } | { suppressed: true };
interface Report {
  regionId: string;
  by: string;
  disclosureControl: { suppressBelow: number; roundTo: number };
  rows: {
    period: string;
    lero?: { id: string; name: string };
    category?: string;
    status: string;
    values: Record<string, Cell>;
  }[];
  totals: Record<
    string,
    {
      status: string;
      suppressBelow: number;
      releasedAt?: string;
      values: Record<string, Cell>;
      completeness?: { leros: number; recorded: number };
    }
  >;
  pending: { period: string; releasesAt: string }[];
  yearBefore?: Omit<Report, 'yearBefore'>;
}
type Problem = Json & { errors?: { field: string; message: string }[] };

const MINUTE = 60_000;
const DAY = 86_400_000;
const londonWallClock = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false }).replace(' ', 'T').slice(0, 16);
const S: Cell = { suppressed: true };
const v = (value: number): Cell => ({ value });
/** The moment a month's figures are due: 7 days after it ends. */
const dueOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 8));
};

/**
 * Impact reporting end to end: real tenants, membership and events services produce the domain events; the
 * reporting service projects them over real NATS; commissioners read disclosure-controlled figures through
 * the gateway as JSON, CSV and SVG; a LERO reads its own exact figures.
 */
describe('impact reporting through the gateway', () => {
  let h: DistributedHearth;
  let owner: Client;
  let platformAdmin: string;
  let region: { id: string; slug: string };
  let otherRegion: { id: string; slug: string };
  let commissioner: string;
  let regionAdmin: string;
  let otherCommissioner: string;
  let otherRegionAdmin: string;
  type Lero = { id: string; slug: string; adminToken: string };
  let busy: Lero;
  let quiet: Lero;
  let shy: Lero;
  let elsewhere: Lero;
  let busySession: string;
  let month: string;
  let n = 0;

  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The body exactly as sent, for byte-for-byte comparisons. */
  const raw = async (path: string, token: string, accept = 'application/json') => {
    const res = await fetch(`${h.api.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  const report = (params: Record<string, string>) =>
    `/api/v1/reports/impact?${new URLSearchParams({ regionId: region.id, period: 'month', from: month, to: month, ...params })}`;
  const quarterOf = (m: string) => {
    const q = Math.floor((Number(m.slice(5)) - 1) / 3);
    const pad = (n: number) => String(n).padStart(2, '0');
    return { from: `${m.slice(0, 4)}-${pad(q * 3 + 1)}`, to: `${m.slice(0, 4)}-${pad(q * 3 + 3)}` };
  };
  const yearOf = (m: string) => ({ from: `${m.slice(0, 4)}-01`, to: `${m.slice(0, 4)}-12` });
  const own = (lero: Lero, params: Record<string, string> = {}) =>
    `/api/v1/tenants/${lero.id}/reports/impact?${new URLSearchParams({ period: 'month', from: month, to: month, ...params })}`;

  async function regionUser(regionId: string, role: 'region-admin' | 'commissioner'): Promise<string> {
    const email = `${role}-${++n}@reporting.example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<Json>(`/api/v1/regions/${regionId}/invitations`, { email, role });
    return h.given.acceptInvitation(ok(invite, 201).token as string, email);
  }

  /** `people` members (imported), one session in `category` that ended ten minutes ago, all of them checked in. */
  async function activity(lero: Lero, category: string, people: number, walkIns = 0): Promise<string> {
    const api = h.api.as(lero.adminToken);
    const csv = ['displayName', ...Array.from({ length: people }, (_, i) => `Person ${i}`)].join('\n');
    ok(
      await api.request('POST', `/api/v1/tenants/${lero.id}/members/import`, csv, {
        'content-type': 'text/csv',
      }),
      201,
    );
    const members = ok(
      await api.get<{ items: { id: string }[] }>(`/api/v1/tenants/${lero.id}/members?limit=100`),
      200,
    );
    const start = new Date(Date.now() - 70 * MINUTE);
    const a = ok(
      await api.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
        title: `A ${category} group`,
        category,
        visibility: 'members',
        schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      }),
      201,
    );
    const from = new Date(start.getTime() - DAY).toISOString();
    const [session] = ok(
      await api.get<{ items: { id: string }[] }>(
        `/api/v1/tenants/${lero.id}/sessions?activityId=${a.id}&from=${encodeURIComponent(from)}`,
      ),
      200,
    ).items;
    for (const m of members.items)
      ok(
        await api.post(`/api/v1/tenants/${lero.id}/sessions/${session.id}/attendance`, { memberId: m.id }),
        201,
      );
    if (walkIns)
      ok(
        await api.post(`/api/v1/tenants/${lero.id}/sessions/${session.id}/walk-ins`, { count: walkIns }),
        201,
      );
    return session.id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    otherRegion = await h.given.region(platformAdmin);
    [commissioner, regionAdmin, otherCommissioner, otherRegionAdmin] = await Promise.all([
      regionUser(region.id, 'commissioner'),
      regionUser(region.id, 'region-admin'),
      regionUser(otherRegion.id, 'commissioner'),
      regionUser(otherRegion.id, 'region-admin'),
    ]);
    [busy, quiet, shy, elsewhere] = await Promise.all([
      h.given.lero(region.id, platformAdmin),
      h.given.lero(region.id, platformAdmin),
      h.given.lero(region.id, platformAdmin),
      h.given.lero(otherRegion.id, platformAdmin),
    ]);
    ok(
      await h.api
        .as(shy.adminToken)
        .patch(`/api/v1/tenants/${shy.id}`, { reportingVisibility: 'regional-total-only' }),
      200,
    );
    month = londonWallClock(new Date(Date.now() - 70 * MINUTE)).slice(0, 7);
    busySession = await activity(busy, 'walking', 23, 5);
    await activity(quiet, 'arts-crafts', 3);
    await activity(shy, 'peer-support', 12);
    await activity(elsewhere, 'walking', 9);
    // A coordinator of the busy LERO logs 12 partnership meetings and 12 asks done (ADR 0069).
    const day = londonWallClock(new Date(Date.now() - 70 * MINUTE)).slice(0, 10);
    await logRepresentation(h.api.as(busy.adminToken), busy.id, 12, day);
    // Everything produced so far has been projected: each LERO's own exact figures say so.
    await projected([
      [busy, 28],
      [quiet, 3],
      [shy, 12],
    ]);
    await eventually(async () => {
      const exact = ok(await h.api.as(busy.adminToken).get<Json & { totals: Json }>(own(busy)), 200);
      expect(exact.totals).toMatchObject({
        [month]: { values: { meetingsAttended: v(12), asksRaised: v(12), asksResolved: v(12) } },
      });
    });
  });

  /** Waits until each LERO's own exact attendances of the month are as given. */
  async function projected(expected: [Lero, number][]): Promise<void> {
    await eventually(
      async () => {
        for (const [lero, attendances] of expected) {
          const exact = ok(
            await h.api
              .as(lero.adminToken)
              .get<{ totals: Record<string, { values: Record<string, Cell> }> }>(own(lero)),
            200,
          );
          expect(exact.totals[month].values.attendances).toEqual(v(attendances));
        }
      },
      { timeoutMs: 20_000 },
    );
  }

  /** Runs the release sweep as if it were `at`: everything due by then is released and frozen. */
  async function releaseAt(at: Date): Promise<void> {
    h.reportingClock.offsetMs = at.getTime() - Date.now();
    await h.reporting.get(ReleaseService).sweep();
  }

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('shows a commissioner nothing of a period not yet released, only when its figures are due', async () => {
    const body = ok(await h.api.as(commissioner).get<Report>(report({ by: 'lero' })), 200);
    expect(body.rows).toEqual([]);
    expect(body.totals).toEqual({});
    expect(body.pending).toEqual([{ period: month, releasesAt: dueOf(month).toISOString() }]);
    // Reading never releases anything: the sweep alone does.
    const { rows } = await owner.query(`select count(*)::int as n from reporting.released_reports`);
    expect(rows[0].n).toBe(0);
  });

  describe('once the month is released', () => {
    beforeAll(async () => {
      await releaseAt(new Date(dueOf(month).getTime() + MINUTE));
      // Released periods are read as frozen whatever the clock says; the rest of the file runs at today.
      h.reportingClock.offsetMs = 0;
    });

    it('shows a commissioner one LERO’s small figures suppressed and the other’s rounded, and no row for a total-only LERO', async () => {
      const body = ok(await h.api.as(commissioner).get<Report>(report({ by: 'lero' })), 200);
      expect(body.disclosureControl).toEqual({ suppressBelow: 8, roundTo: 5 });
      expect(body.pending).toEqual([]);
      expect(body.rows.map((r) => r.lero?.id).sort()).toEqual([busy.id, quiet.id].sort());
      const row = (id: string) => body.rows.find((r) => r.lero?.id === id)!;
      expect(row(busy.id)).toMatchObject({ period: month, status: 'released' });
      // 23 checked in + 5 walk-ins = 28 → 30; 23 people; 5 walk-ins and one session are small.
      expect(row(busy.id).values).toEqual({
        newMembers: v(25),
        activeMembers: v(25),
        sessionsHeld: S,
        attendances: v(30),
        uniqueParticipants: v(25),
        walkIns: S,
        signposts: v(0),
        volunteerHours: v(0),
        activeVolunteers: v(0),
        // 12 meetings attended, 12 asks raised and resolved → 10 each.
        meetingsAttended: v(10),
        asksRaised: v(10),
        asksResolved: v(10),
      });
      expect(row(quiet.id).values).toEqual({
        newMembers: S,
        activeMembers: S,
        sessionsHeld: S,
        attendances: S,
        uniqueParticipants: S,
        walkIns: v(0),
        signposts: v(0),
        volunteerHours: v(0),
        activeVolunteers: v(0),
        meetingsAttended: v(0),
        asksRaised: v(0),
        asksResolved: v(0),
      });
      // 28 + 3 + 12 = 43, but the total-only LERO is the only one of its kind in it: the total minus the
      // rows shown would be its own figure, so every total it is in is suppressed.
      expect(body.totals[month]).toMatchObject({
        status: 'released',
        releasedAt: dueOf(month).toISOString(),
        values: { attendances: S, uniqueParticipants: S, newMembers: S, walkIns: S },
        completeness: { leros: 3, recorded: 3 },
      });
      expect(JSON.stringify(body)).not.toContain(shy.id);
    });

    it('breaks the region down by category: a category one LERO runs alone is suppressed', async () => {
      const body = ok(await h.api.as(regionAdmin).get<Report>(report({ by: 'category' })), 200);
      const cat = (c: string) => body.rows.find((r) => r.category === c)!.values;
      expect(cat('walking').attendances).toEqual(S);
      expect(cat('arts-crafts').attendances).toEqual(S);
      expect(cat('peer-support').attendances).toEqual(S);
      expect(cat('music').attendances).toEqual(v(0));
      expect(body.rows.every((r) => !('newMembers' in r.values))).toBe(true);
    });

    it('never publishes a figure that is not 0, suppressed, or a multiple of 5 of at least 10', async () => {
      for (const period of ['month', 'quarter', 'year'])
        for (const by of ['lero', 'category']) {
          const range = period === 'month' ? {} : period === 'quarter' ? quarterOf(month) : yearOf(month);
          const body = ok(await h.api.as(commissioner).get<Report>(report({ by, period, ...range })), 200);
          expect(Object.keys(body.totals)).toHaveLength(1);
          const cells = [
            ...body.rows.map((r) => r.values),
            ...Object.values(body.totals).map((t) => t.values),
          ].flatMap((values) => Object.values(values));
          for (const c of cells)
            if ('value' in c) expect(c.value === 0 || (c.value % 5 === 0 && c.value >= 10)).toBe(true);
          expect(JSON.stringify(body)).not.toMatch(/displayName|email|memberId|participantKey/);
        }
    });

    it('writes CSV with a header line, one line per row and the regional total, suppressed cells as *', async () => {
      const res = await h.api
        .as(commissioner)
        .request<string>('GET', report({ by: 'lero' }), undefined, { accept: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = parse(res.body, { columns: true }) as Record<string, string>[];
      expect(Object.keys(lines[0])).toEqual([
        'period',
        'status',
        'leroId',
        'lero',
        'newMembers',
        'activeMembers',
        'sessionsHeld',
        'attendances',
        'uniqueParticipants',
        'walkIns',
        'signposts',
        'volunteerHours',
        'activeVolunteers',
        'meetingsAttended',
        'asksRaised',
        'asksResolved',
      ]);
      expect(lines.find((l) => l.leroId === busy.id)).toMatchObject({
        period: month,
        status: 'released',
        attendances: '30',
        walkIns: '*',
      });
      expect(lines.find((l) => l.leroId === quiet.id)).toMatchObject({ attendances: '*', walkIns: '0' });
      expect(lines.find((l) => l.lero === 'Regional total')).toMatchObject({
        attendances: '*',
        walkIns: '*',
      });
      expect(res.body).not.toContain(shy.id);
      const byCategory = parse(
        (
          await h.api
            .as(commissioner)
            .request<string>('GET', report({ by: 'category' }), undefined, { accept: 'text/csv' })
        ).body,
        { columns: true },
      ) as Record<string, string>[];
      expect(byCategory.find((l) => l.category === 'music')).toMatchObject({
        attendances: '0',
        newMembers: '',
      });
    });

    it('draws a chart of one metric, with suppressed figures as gaps and a legend saying so', async () => {
      const res = await h.api
        .as(commissioner)
        .request<string>(
          'GET',
          `${report({ by: 'lero' }).replace('/impact?', '/impact/chart.svg?')}&metric=attendances`,
        );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('image/svg+xml');
      expect(res.body).toMatch(/^<svg /);
      expect(res.body).toContain('A gap in a line is a suppressed figure');
      expect(res.body).toContain('Regional total');
      expect(res.body).not.toContain(shy.id);
      const bad = await h.api
        .as(commissioner)
        .get<Problem>(`${report({}).replace('/impact?', '/impact/chart.svg?')}&metric=hugs`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field)).toEqual(['metric']);
    });

    it('sets a period beside the same period a year before, as that one was released', async () => {
      const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
      const body = ok(await h.api.as(commissioner).get<Report>(report({ compare: 'year-before' })), 200);
      // The region did not exist a year before: that month was released with nothing in it.
      expect(body.yearBefore).toMatchObject({ from: lastYear, to: lastYear, pending: [] });
      expect(body.yearBefore!.totals[lastYear]).toMatchObject({
        status: 'released',
        values: { attendances: v(0) },
        completeness: { leros: 0, recorded: 0 },
      });
      const bad = await h.api.as(commissioner).get<Problem>(report({ compare: 'last-week' }));
      expect([bad.status, bad.body.errors?.map((e) => e.field)]).toEqual([400, ['compare']]);
    });
  });

  it('gives a LERO’s tenant-admin and coordinator its own exact figures, labelled not for publication', async () => {
    const body = ok(
      await h.api.as(busy.adminToken).get<Json & { rows: Json[] }>(own(busy, { by: 'category' })),
      200,
    );
    expect(body).toMatchObject({
      tenantId: busy.id,
      notForPublication: true,
      notice: expect.stringContaining('not for publication'),
    });
    expect(body.rows).toEqual([
      {
        period: month,
        category: 'walking',
        status: 'provisional',
        values: { sessionsHeld: v(1), attendances: v(28), uniqueParticipants: v(23), walkIns: v(5) },
      },
    ]);
    const coordinator = (await h.given.tenantUser(quiet.id, 'coordinator', quiet.adminToken)).token;
    const quietOwn = ok(
      await h.api.as(coordinator).get<Json & { totals: Record<string, Json> }>(own(quiet)),
      200,
    );
    expect(quietOwn.totals[month]).toMatchObject({
      values: {
        newMembers: v(3),
        activeMembers: v(3),
        attendances: v(3),
        uniqueParticipants: v(3),
        walkIns: v(0),
      },
    });
  });

  describe('who may see what', () => {
    it('answers the regional report for its commissioner, its region admin and platform admins only', async () => {
      const volunteer = (await h.given.tenantUser(busy.id, 'volunteer', busy.adminToken)).token;
      const coordinator = (await h.given.tenantUser(busy.id, 'coordinator', busy.adminToken)).token;
      const cases: [string, string | undefined, number][] = [
        ['commissioner', commissioner, 200],
        ['region-admin', regionAdmin, 200],
        ['platform-admin', platformAdmin, 200],
        ['commissioner of another region', otherCommissioner, 404],
        ['region-admin of another region', otherRegionAdmin, 404],
        ['tenant-admin', busy.adminToken, 403],
        ['coordinator', coordinator, 403],
        ['volunteer', volunteer, 403],
        ['nobody', undefined, 401],
      ];
      const got = [];
      for (const [who, token] of cases)
        got.push([who, (await h.api.as(token as string).get(report({}))).status]);
      expect(got).toEqual(cases.map(([who, , status]) => [who, status]));
      // Another region's id is answered like one that does not exist.
      const theirs = await h.api.as(commissioner).get<Problem>(report({ regionId: otherRegion.id }));
      const missing = await h.api
        .as(commissioner)
        .get<Problem>(report({ regionId: '01900000-0000-7000-8000-000000000099' }));
      expect([theirs.status, missing.status]).toEqual([404, 404]);
      expect(theirs.body.detail).toEqual(missing.body.detail);
      expect(
        (await h.api.as(platformAdmin).get(report({ regionId: '01900000-0000-7000-8000-000000000099' })))
          .status,
      ).toBe(404);
      expect((await h.api.as(otherCommissioner).get(report({ regionId: otherRegion.id }))).status).toBe(200);
    });

    it('answers a LERO’s own figures to its tenant-admins and coordinators only', async () => {
      const volunteer = (await h.given.tenantUser(busy.id, 'volunteer', busy.adminToken)).token;
      const coordinator = (await h.given.tenantUser(busy.id, 'coordinator', busy.adminToken)).token;
      const cases: [string, string | undefined, number][] = [
        ['tenant-admin', busy.adminToken, 200],
        ['coordinator', coordinator, 200],
        ['volunteer', volunteer, 403],
        ['commissioner', commissioner, 404],
        ['region-admin', regionAdmin, 403],
        ['platform-admin', platformAdmin, 403],
        ['another LERO’s admin', quiet.adminToken, 404],
        ['nobody', undefined, 401],
      ];
      const got = [];
      for (const [who, token] of cases)
        got.push([who, (await h.api.as(token as string).get(own(busy))).status]);
      expect(got).toEqual(cases.map(([who, , status]) => [who, status]));
      expect((await h.api.as(busy.adminToken).get(own(elsewhere))).status).toBe(404);
    });
  });

  describe('bad input', () => {
    const fields = async (path: string) => {
      const res = await h.api.as(commissioner).get<Problem>(path);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return [res.status, (res.body.errors ?? []).map((e) => e.field)];
    };

    it.each([
      ['an unknown period', { period: 'week' }, 'period'],
      ['a day instead of a month', { from: '2026-01-01' }, 'from'],
      ['an unknown breakdown', { by: 'person' }, 'by'],
      [
        'a quarter that does not start a quarter',
        { period: 'quarter', from: '2026-02', to: '2026-06' },
        'from',
      ],
      ['a quarter that does not end one', { period: 'quarter', from: '2026-01', to: '2026-04' }, 'to'],
      ['a year that does not end in December', { period: 'year', from: '2025-01', to: '2025-06' }, 'to'],
      ['a range over five years', { from: '2020-01', to: '2026-01' }, 'to'],
      ['a range that ends before it starts', { from: '2026-03', to: '2026-01' }, 'to'],
      ['a period that has not begun', { from: '2099-01', to: '2099-01' }, 'to'],
      ['an ad-hoc filter', { category: 'walking' }, 'category'],
      ['an arbitrary date range', { startDate: '2026-01-03' }, 'startDate'],
      ['a region that is not a UUID', { regionId: 'north' }, 'regionId'],
    ])('refuses %s with 400 naming the field', async (_label, params, field) => {
      const [status, named] = await fields(report(params as Record<string, string>));
      expect(status).toBe(400);
      expect(named).toContain(field);
    });

    it('refuses a LERO report by anything but category', async () => {
      const res = await h.api.as(busy.adminToken).get<Problem>(own(busy, { by: 'lero' }));
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['by']);
    });
  });

  describe('replaying every domain event', () => {
    const aggregates = async () =>
      (
        await owner.query(`select 'd' as t, tenant_id::text, day::text as k, metric, dimension, value::text as v
          from reporting.daily_counts
        union all select 'k', tenant_id::text, month::text || key, metric, dimension, refs::text from reporting.monthly_keys
        union all select 's', tenant_id::text, started_on::text || coalesce(ended_on::text, ''), '', '', count(*)::text
          from reporting.member_spans group by 2, 3
        order by 1, 2, 3, 4, 5, 6`)
      ).rows;

    it('leaves every aggregate unchanged when every event is delivered a second time', async () => {
      const before = await aggregates();
      // Standalone's user may publish every service's events, as their relays together would.
      const nc = await h.nats.connect('standalone');
      try {
        const jsm = await jetstreamManager(nc);
        const stream = EVENTS_STREAM;
        const { state } = await jsm.streams.info(stream);
        const js = jetstream(nc);
        for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
          const msg = await jsm.streams.getMessage(stream, { seq });
          // A new message id, as a relay re-send after the dedup window would have: the inbox must catch it.
          await js.publish(msg!.subject, msg!.data, { msgID: `replay-${seq}` });
        }
        await eventually(
          async () => {
            for (const name of [
              'reporting-tenants',
              'reporting-membership',
              'reporting-events',
              'reporting-signposts',
              'reporting-volunteering',
              'reporting-advocacy',
            ]) {
              const info = await jsm.consumers.info(stream, name);
              expect([name, info.num_pending, info.num_ack_pending]).toEqual([name, 0, 0]);
            }
          },
          { timeoutMs: 20_000 },
        );
      } finally {
        await nc.close();
      }
      expect(await aggregates()).toEqual(before);
    });

    it('equals a recomputation from the source services’ own tables', async () => {
      const fromSource = (
        await owner.query(`
          select s.tenant_id::text, (s.starts_at at time zone s.timezone)::date::text as day, 'attendances' as metric,
              'category=' || a.category as dimension, (count(r.id) + s.walk_ins)::text as v
            from events.sessions s join events.activities a on a.id = s.activity_id
            left join events.attendance r on r.session_id = s.id
            group by s.id, a.category having count(r.id) + s.walk_ins > 0
          union all
          select tenant_id::text, (joined_at at time zone 'Europe/London')::date::text, 'newMembers', '', count(*)::text
            from membership.members group by 1, 2
          order by 1, 2, 3, 4`)
      ).rows;
      const projected = (
        await owner.query(`select tenant_id::text, day::text, metric, dimension, value::text as v
          from reporting.daily_counts where metric in ('attendances', 'newMembers') and value <> 0
          order by 1, 2, 3, 4`)
      ).rows;
      expect(projected).toEqual(fromSource);
    });
  });

  describe('release', () => {
    afterAll(() => {
      h.reportingClock.offsetMs = 0;
    });

    it('freezes a released period: a late register, an erasure and another sweep leave it byte-identical', async () => {
      const first = await raw(report({}), commissioner);
      const released = JSON.parse(first) as Report;
      expect(released.totals[month]).toMatchObject({ status: 'released', releasedAt: expect.any(String) });
      expect(released.rows.every((r) => r.status === 'released')).toBe(true);
      const csvBefore = await raw(report({}), commissioner, 'text/csv');

      // Late: more walk-ins at the busy LERO, and one of its members erased.
      const api = h.api.as(busy.adminToken);
      ok(await api.post(`/api/v1/tenants/${busy.id}/sessions/${busySession}/walk-ins`, { count: 40 }), 201);
      const [someone] = ok(
        await api.get<{ items: { id: string }[] }>(`/api/v1/tenants/${busy.id}/members?limit=1`),
        200,
      ).items;
      ok(await api.request('DELETE', `/api/v1/tenants/${busy.id}/members/${someone.id}`), 204);
      await eventually(async () => {
        const exact = ok(
          await api.get<{ totals: Record<string, { values: Record<string, Cell> }> }>(own(busy)),
          200,
        );
        expect(exact.totals[month].values.walkIns).toEqual(v(45));
      });
      // Both sides of the erasure are in: the member's spans and (through events) their participant months.
      await eventually(async () => {
        const { rows } = await owner.query(
          `select kind, count(*)::int as n from reporting.erased_keys where replaced_by is not null
            group by kind order by kind`,
        );
        expect(rows).toEqual([
          { kind: 'member', n: 1 },
          { kind: 'participant', n: 1 },
        ]);
      });
      await h.reporting.get(ReleaseService).sweep();

      expect(await raw(report({}), commissioner)).toEqual(first);
      expect(await raw(report({}), commissioner, 'text/csv')).toEqual(csvBefore);
      // The category breakdown was frozen in the same moment, with the same totals.
      const byCategory = ok(await h.api.as(commissioner).get<Report>(report({ by: 'category' })), 200);
      expect(byCategory.totals).toEqual(released.totals);
    });

    it('lets a region be stricter for what is not yet released, never laxer', async () => {
      const settings = `/api/v1/regions/${region.id}/reporting-settings`;
      expect(
        (await h.api.as(regionAdmin).request<Problem>('PUT', settings, { suppressBelow: 5 })).status,
      ).toBe(400);
      expect((await h.api.as(commissioner).request('PUT', settings, { suppressBelow: 30 })).status).toBe(403);
      expect((await h.api.as(otherRegionAdmin).request('PUT', settings, { suppressBelow: 30 })).status).toBe(
        404,
      );
      expect(
        ok(await h.api.as(regionAdmin).request<Json>('PUT', settings, { suppressBelow: 30 }), 200),
      ).toEqual({
        regionId: region.id,
        suppressBelow: 30,
        roundTo: 5,
      });
      expect(ok(await h.api.as(commissioner).get<Json>(settings), 200)).toMatchObject({ suppressBelow: 30 });
      // The released month keeps the threshold it was frozen with; the next one is released at 30.
      const [y, m] = month.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      await releaseAt(new Date(dueOf(next).getTime() + MINUTE));
      const both = ok(await h.api.as(commissioner).get<Report>(report({ to: next })), 200);
      expect(both.totals[month].suppressBelow).toBe(8);
      expect(both.totals[next].suppressBelow).toBe(30);
      expect(both.disclosureControl.suppressBelow).toBe(30);
    });
  });

  /**
   * The two examples, each in a region of its own, through the API: whatever a commissioner downloads
   * for the month, its quarter and its year, the LERO shown only in the regional total cannot be worked out.
   */
  describe('a LERO shown only in the regional total', () => {
    async function exampleRegion(hiddenIdle: boolean) {
      const r = await h.given.region(platformAdmin);
      const reader = await regionUser(r.id, 'commissioner');
      const [a, b] = await Promise.all([
        h.given.lero(r.id, platformAdmin),
        h.given.lero(r.id, platformAdmin),
      ]);
      const idle = hiddenIdle ? await h.given.lero(r.id, platformAdmin) : undefined;
      for (const lero of [b, idle])
        if (lero)
          ok(
            await h.api
              .as(lero.adminToken)
              .patch(`/api/v1/tenants/${lero.id}`, { reportingVisibility: 'regional-total-only' }),
            200,
          );
      // A: 40 attendances walking. B: 42, in music (first example) or walking too (second).
      await activity(a, 'walking', 2, 38);
      await activity(b, hiddenIdle ? 'walking' : 'music', 2, 40);
      await projected([
        [a, 40],
        [b, 42],
      ]);
      await releaseAt(new Date(dueOf(month).getTime() + MINUTE));
      h.reportingClock.offsetMs = 0;
      return { regionId: r.id, reader, a, b };
    }

    /** Every download of the year: each period size, both breakdowns, JSON and CSV. */
    async function everything(regionId: string, reader: string) {
      const out: { json: Report; csv: Record<string, string>[] }[] = [];
      for (const [period, range] of [
        ['month', { from: month, to: month }],
        ['quarter', quarterOf(month)],
        ['year', yearOf(month)],
      ] as const)
        for (const by of ['lero', 'category']) {
          const path = report({ regionId, period, by, ...range });
          const json = ok(await h.api.as(reader).get<Report>(path), 200);
          const csv = parse(await raw(path, reader, 'text/csv'), { columns: true }) as Record<
            string,
            string
          >[];
          out.push({ json, csv });
        }
      return out;
    }

    it.each([
      ['alone in its category (music), beside a LERO shown on its own (walking)', false],
      ['beside a LERO shown on its own and an idle LERO also shown only in the total', true],
    ])('cannot be worked out when it is %s', async (_case, hiddenIdle) => {
      const { regionId, reader, a, b } = await exampleRegion(hiddenIdle);
      for (const { json, csv } of await everything(regionId, reader)) {
        expect(json.pending).toEqual([]);
        for (const t of Object.values(json.totals)) expect(t.values.attendances).toEqual(S);
        expect(csv.find((l) => l.lero === 'Regional total' || l.category === 'Regional total')).toMatchObject(
          {
            attendances: '*',
          },
        );
        if (json.by === 'lero') {
          // A chose to be shown: its 40 is published, and the total that would give B away is not.
          expect(json.rows.map((r) => [r.lero?.id, r.values.attendances])).toEqual([[a.id, v(40)]]);
          expect(JSON.stringify(json)).not.toContain(b.id);
        } else {
          // No category publishes a single LERO's figure: walking (A, or A and B) and music (B) are suppressed.
          const cat = (c: string) => json.rows.find((r) => r.category === c)!.values.attendances;
          expect([cat('walking'), cat('music')]).toEqual([S, hiddenIdle ? v(0) : S]);
        }
      }
    });
  });
});

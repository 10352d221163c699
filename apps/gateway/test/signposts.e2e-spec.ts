import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '@hearth/testing';
import { eventually, withClient } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import { LERO_CAST as WHO, type Who } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Cell = { value: number } | { suppressed: true };

const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';
const DAY = 86_400_000;
const MINUTE = 60_000;
/** A calendar day in London, `days` from today. */
const londonDay = (days = 0) =>
  new Date(Date.now() + days * DAY).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
/** The moment a month's figures are due: 7 days after it ends. */
const dueOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 8));
};

/**
 * Signposts end to end (ADR 0039): a LERO's staff and volunteers record them through the gateway, the directory
 * checks them against the LERO's region and writes them with their event, and reporting counts them in the
 * LERO's own figures and, under disclosure control, in the commissioner's report.
 */
describe('signposts (gateway → NATS → directory, tenants → reporting)', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  const tokens = {} as Record<Who, string | undefined>;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const signposts = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/signposts`;
  const listing = (name: string, status = 'active') => ({
    name,
    status,
    organization: { name: `${name} Trust` },
    taxonomyTermIds: [DEBT],
  });
  let activeService: string;
  let inactiveService: string;
  let foreignService: string;
  let foreignTerm: string;
  let ownChildOfHousing: string;
  let ownLoneTerm: string;
  let n = 0;

  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function regionUser(regionId: string, role: 'region-admin' | 'commissioner') {
    const email = `${role}-${++n}-signposts@example.org`;
    const invite = await as('platform admin').post<Json>(`/api/v1/regions/${regionId}/invitations`, {
      email,
      role,
    });
    return h.given.acceptInvitation(ok(invite, 201).token as string, email);
  }

  /** A region's own taxonomy term (no route makes one yet: written as the database's owner). */
  async function ownTerm(regionId: string, parentId: string | null): Promise<string> {
    const [taxonomy, term] = [randomUUID(), randomUUID()];
    await withClient(h.db.ownerUrl, async (c) => {
      await c.query(
        `insert into directory.taxonomies (id, region_id, name, description) values ($1, $2, 'Own', 'A region’s own')`,
        [taxonomy, regionId],
      );
      await c.query(
        `insert into directory.taxonomy_terms (id, region_id, taxonomy_id, parent_id, name, description)
          values ($1, $2, $3, $4, 'Own term', 'd')`,
        [term, regionId, taxonomy, parentId],
      );
    });
    return term;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    tokens['platform admin'] = await h.given.platformAdmin();
    region = await h.given.region(tokens['platform admin']);
    const elsewhere = await h.given.region(tokens['platform admin']);
    tokens['region admin'] = await regionUser(region.id, 'region-admin');
    tokens.commissioner = await regionUser(region.id, 'commissioner');
    const elsewhereAdmin = await regionUser(elsewhere.id, 'region-admin');
    lero = await h.given.lero(region.id, tokens['region admin']!);
    other = await h.given.lero(region.id, tokens['region admin']!);
    tokens['tenant-admin'] = lero.adminToken;
    tokens['another LERO’s admin'] = other.adminToken;
    for (const role of ['coordinator', 'volunteer', 'member'] as const)
      tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
    const services = `/api/v1/regions/${region.id}/directory/services`;
    const curator = as('region admin');
    activeService = ok(await curator.post<Json>(services, listing('Debt advice')), 201).id as string;
    inactiveService = ok(await curator.post<Json>(services, listing('Paused advice', 'inactive')), 201)
      .id as string;
    foreignService = ok(
      await h.api
        .as(elsewhereAdmin)
        .post<Json>(`/api/v1/regions/${elsewhere.id}/directory/services`, listing('Elsewhere advice')),
      201,
    ).id as string;
    foreignTerm = await ownTerm(elsewhere.id, null);
    ownChildOfHousing = await ownTerm(region.id, HOUSING);
    ownLoneTerm = await ownTerm(region.id, null);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets the LERO’s staff and volunteers record one; its members are refused, everyone else finds nothing', async () => {
    const actual = {} as Record<Who, number>;
    for (const who of WHO)
      actual[who] = (await as(who).post(signposts(), { taxonomyTermId: FOOD, channel: 'in-person' })).status;
    expect(actual).toEqual({
      'platform admin': 404,
      'region admin': 404,
      commissioner: 404,
      'tenant-admin': 201,
      coordinator: 201,
      volunteer: 201,
      member: 403,
      'another LERO’s admin': 404,
      anonymous: 401,
    });
    // A volunteer of this LERO, addressing another LERO: as if it did not exist.
    expect(
      (await as('volunteer').post(signposts(other.id), { taxonomyTermId: FOOD, channel: 'phone' })).status,
    ).toBe(404);
  });

  it('stores a random id and the day only, and writes its event in the same transaction', async () => {
    const made = ok(
      await as('volunteer').post<Json>(signposts(), {
        taxonomyTermId: HOUSING,
        serviceId: activeService,
        channel: 'phone',
      }),
      201,
    );
    expect(made).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      taxonomyTermId: HOUSING,
      serviceId: activeService,
      channel: 'phone',
      date: londonDay(),
    });
    const yesterday = ok(
      await as('coordinator').post<Json>(signposts(), {
        taxonomyTermId: DEBT,
        channel: 'online',
        date: londonDay(-1),
      }),
      201,
    );
    expect(yesterday.date).toBe(londonDay(-1));
    await withClient(h.db.ownerUrl, async (c) => {
      const columns = await c.query<{ column_name: string; data_type: string }>(
        `select column_name, data_type from information_schema.columns
          where table_schema = 'directory' and table_name = 'signposts' order by ordinal_position`,
      );
      // Nothing about the person, no free text, no time of day.
      expect(columns.rows.map((r) => `${r.column_name} ${r.data_type}`)).toEqual([
        'id uuid',
        'tenant_id uuid',
        'taxonomy_term_id uuid',
        'service_id uuid',
        'channel text',
        'signposted_on date',
      ]);
      const [event] = (
        await c.query<{ id: string; payload: Json; occurred_at: Date; tenant_id: string }>(
          `select id, payload, occurred_at, tenant_id from directory.outbox
            where subject = 'evt.directory.signpost.recorded' and payload->>'signpostId' = $1`,
          [made.id],
        )
      ).rows;
      expect(event.payload).toEqual({
        tenantId: lero.id,
        signpostId: made.id,
        date: londonDay(),
        taxonomyTermId: HOUSING,
        category: HOUSING,
      });
      expect(event.tenant_id).toBe(lero.id);
      // Not even the event tells the time: a random id, and its day for its moment.
      expect(event.id[14]).toBe('4');
      expect(event.occurred_at.toISOString()).toBe(`${londonDay()}T00:00:00.000Z`);
    });
  });

  it('counts a region’s own term under the Hearth term above it, or as something else', async () => {
    const category = async (taxonomyTermId: string) => {
      const made = ok(
        await as('volunteer').post<Json>(signposts(), { taxonomyTermId, channel: 'phone' }),
        201,
      );
      return withClient(h.db.ownerUrl, async (c) => {
        const { rows } = await c.query<{ category: string }>(
          `select payload->>'category' as category from directory.outbox where payload->>'signpostId' = $1`,
          [made.id],
        );
        return rows[0].category;
      });
    };
    expect(await category(ownChildOfHousing)).toBe(HOUSING);
    expect(await category(ownLoneTerm)).toBe('signpost-other');
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await withClient(h.db.ownerUrl, async (c) =>
      Number((await c.query(`select count(*) from directory.signposts`)).rows[0].count),
    );
    const bad: [Json, string][] = [
      [{ taxonomyTermId: HOUSING, channel: 'phone', note: 'Jo, needs a flat' }, 'note'],
      [{ taxonomyTermId: HOUSING, channel: 'pigeon' }, 'channel'],
      [{ taxonomyTermId: HOUSING }, 'channel'],
      [{ channel: 'phone' }, 'taxonomyTermId'],
      [{ taxonomyTermId: 'housing', channel: 'phone' }, 'taxonomyTermId'],
      [{ taxonomyTermId: HOUSING, channel: 'phone', date: londonDay(1) }, 'date'],
      [{ taxonomyTermId: HOUSING, channel: 'phone', date: londonDay(-8) }, 'date'],
      [{ taxonomyTermId: HOUSING, channel: 'phone', date: '2026-02-30' }, 'date'],
      [{ taxonomyTermId: HOUSING, channel: 'phone', date: `${londonDay()}T10:15:00Z` }, 'date'],
      [{ taxonomyTermId: randomUUID(), channel: 'phone' }, 'taxonomyTermId'],
      [{ taxonomyTermId: foreignTerm, channel: 'phone' }, 'taxonomyTermId'],
      [{ taxonomyTermId: HOUSING, serviceId: foreignService, channel: 'phone' }, 'serviceId'],
      [{ taxonomyTermId: HOUSING, serviceId: inactiveService, channel: 'phone' }, 'serviceId'],
      [{ taxonomyTermId: HOUSING, serviceId: randomUUID(), channel: 'phone' }, 'serviceId'],
    ];
    for (const [body, field] of bad) {
      const res = await as('volunteer').post<Json>(signposts(), body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect([field, (res.body.errors as { field: string }[]).map((e) => e.field)]).toEqual([
        field,
        expect.arrayContaining([field]),
      ]);
    }
    expect((await as('volunteer').post(`/api/v1/tenants/not-a-uuid/signposts`, {})).status).toBe(400);
    const after = await withClient(h.db.ownerUrl, async (c) =>
      Number((await c.query(`select count(*) from directory.signposts`)).rows[0].count),
    );
    expect(after).toBe(before);
  });

  it('counts them in the LERO’s own exact figures and, once released, in the commissioner’s report under disclosure control', async () => {
    const month = londonDay().slice(0, 7);
    for (let i = 0; i < 3; i++)
      ok(await as('volunteer').post(signposts(), { taxonomyTermId: FOOD, channel: 'in-person' }), 201);
    const own = `/api/v1/tenants/${lero.id}/reports/impact?period=month&from=${month}&to=${month}&by=category`;
    type Own = { rows: { category: string; values: Record<string, Cell> }[]; totals: Record<string, Json> };
    // 3 from the matrix and 3 more of food; 1 of housing and 1 under a region's term below housing (debt's was
    // yesterday, perhaps last month).
    const exact = await eventually(
      async () => {
        const body = ok(await as('tenant-admin').get<Own>(own), 200);
        const food = body.rows.find((r) => r.category === FOOD);
        expect(food?.values).toEqual({ signposts: { value: 6 } });
        return body;
      },
      { timeoutMs: 20_000 },
    );
    expect(exact.rows.find((r) => r.category === HOUSING)?.values).toEqual({ signposts: { value: 2 } });
    expect(exact.rows.find((r) => r.category === 'signpost-other')?.values).toEqual({
      signposts: { value: 1 },
    });
    // The CSV download carries the same rows.
    const csv = await as('tenant-admin').request<string>(
      'GET',
      `/api/v1/tenants/${lero.id}/reports/impact.csv?period=month&from=${month}&to=${month}&by=category`,
    );
    const lines = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(lines.find((l) => l.category === FOOD)).toMatchObject({ signposts: '6', attendances: '' });

    h.reportingClock.offsetMs = dueOf(month).getTime() + MINUTE - Date.now();
    await h.reporting.get(ReleaseService).sweep();
    h.reportingClock.offsetMs = 0;
    const report = ok(
      await as('commissioner').get<{
        metrics: string[];
        rows: { category: string; values: Record<string, Cell> }[];
      }>(`/api/v1/reports/impact?regionId=${region.id}&period=month&from=${month}&to=${month}&by=category`),
      200,
    );
    expect(report.metrics).toContain('signposts');
    // Under the threshold of 8, every signpost category of this one LERO is suppressed.
    for (const category of [FOOD, HOUSING, 'signpost-other'])
      expect([category, report.rows.find((r) => r.category === category)?.values]).toEqual([
        category,
        { signposts: { suppressed: true } },
      ]);
  });
});

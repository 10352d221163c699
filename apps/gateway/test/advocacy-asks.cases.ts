import type { ApiClient, ApiResponse } from '@hearth/testing';
import { consultationBody } from './advocacy-fixture';
import {
  LERO_CAST,
  bodyOf as ok,
  inLero,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
const MISSING = '0190a3c4-0000-7000-8000-000000000000';
/** A region's route: its admins as `allowed` says, its commissioners refused, everyone else told it is missing. */
const inRegion = (allowed: Partial<Matrix>): Matrix => ({
  ...(Object.fromEntries(LERO_CAST.map((who) => [who, 404])) as Matrix),
  'region admin': 403,
  commissioner: 403,
  anonymous: 401,
  ...allowed,
});
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** What a test file's Hearth gives these cases: the cast of `castInRegion`, made in its `beforeAll`. */
export interface AsksCast {
  h: DistributedHearth;
  tokens: Record<Who, string | undefined>;
  region: { id: string; slug: string };
  lero: { id: string; slug: string; adminToken: string };
  other: { id: string; slug: string; adminToken: string };
}

export const askBody = (over: Json = {}): Json => ({
  what: 'Open the drop-in on Saturday mornings',
  body: { name: 'Northtown Council', kind: 'council' },
  source: { kind: 'members' },
  raisedOn: daysAgo(30),
  ...over,
});

interface Ask {
  id: string;
  status: string;
  updates: { status: string }[];
}
interface PublicPage {
  lero: { name: string; slug: string };
  counts: Record<string, number> | null;
  items: (Ask & { what: string })[];
}
interface RegionPage {
  totals: Record<string, number>;
  regionAsks: Ask[];
  leros: PublicPage[];
  pooled: Ask[];
}

/**
 * "You said, we did" through the gateway (ADR 0065), as cases run in another advocacy suite's Hearth (they add no
 * Hearth of their own): every ask route × the LERO cast, the public pages × everyone, `regional-total-only`, other
 * LEROs' ids, bad input.
 */
export function askCases(cast: () => AsksCast): void {
  const base = (tenantId = cast().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/asks`;
  const as = (who: Who): ApiClient => cast().h.api.as(cast().tokens[who]);
  const admin = (token = cast().lero.adminToken) => cast().h.api.as(token);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);
  const made = async (over: Json = {}, tenantId?: string, token?: string) =>
    ok(await admin(token).post<Ask>(base(tenantId), askBody(over)), 201);
  const moved = async (id: string, status: string, over: Json = {}, tenantId?: string, token?: string) =>
    ok(
      await admin(token).post<Ask>(`${base(tenantId)}/${id}/updates`, {
        status,
        date: daysAgo(1),
        text: `Now ${status}.`,
        ...over,
      }),
      201,
    );

  it('lets a LERO’s staff manage its asks, its members read the public ones, and nobody else', async () => {
    const hidden = await made();
    const shown = await made({ public: true });
    const withMembers = { ...staff(200), member: 200 };
    await expectMatrix(inLero(staff(201)), (api) => api.post(base(), askBody()));
    await expectMatrix(inLero(withMembers), (api) => api.get(base()));
    await expectMatrix(inLero(withMembers), (api) => api.get(`${base()}/${shown.id}`));
    await expectMatrix(inLero({ ...staff(200), member: 404 }), (api) => api.get(`${base()}/${hidden.id}`));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${base()}/${hidden.id}`, { what: 'Sundays too' }),
    );
    await expectMatrix(inLero(staff(201)), async (api) =>
      api.post(`${base()}/${(await made()).id}/updates`, {
        status: 'acknowledged',
        date: daysAgo(1),
        text: 'Seen.',
      }),
    );
    const seen = ok(await as('member').get<{ items: Ask[] }>(`${base()}?limit=100`), 200);
    expect(seen.items.map((a) => a.id)).toContain(shown.id);
    expect(seen.items.map((a) => a.id)).not.toContain(hidden.id);
  });

  it('shows asks that came out of a consultation and their outcomes on public pages, to everyone', async () => {
    const { lero, region, h } = cast();
    const consultation = ok(
      await admin().post<{ id: string }>(
        `/api/v1/tenants/${lero.id}/advocacy/consultations`,
        consultationBody(),
      ),
      201,
    );
    const source = { kind: 'consultation', consultationId: consultation.id };
    const asks = [await made({ public: true, source }), await made({ public: true, source })];
    for (const a of asks) {
      await moved(a.id, 'acknowledged', { date: daysAgo(20) });
      await moved(a.id, 'done', { text: 'The drop-in opens on Saturdays from March.' });
    }
    const hidden = await made({ what: 'Not for the public page' });
    const leroPage = `/api/v1/public/leros/${lero.slug}/you-said-we-did`;
    const regionPage = `/api/v1/public/regions/${region.slug}/you-said-we-did`;
    const everyone = Object.fromEntries(LERO_CAST.map((who) => [who, 200])) as Matrix;
    await expectMatrix(everyone, (api) => api.get(leroPage));
    await expectMatrix(everyone, (api) => api.get(regionPage));

    const page = ok(await h.api.get<PublicPage>(leroPage), 200);
    expect(page.lero.slug).toBe(lero.slug);
    const ids = page.items.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(asks.map((a) => a.id)));
    expect(ids).not.toContain(hidden.id);
    const done = page.items.find((a) => a.id === asks[0].id)!;
    expect(done).toMatchObject({ status: 'done', source: 'consultation' });
    expect(done.updates.map((u) => u.status)).toEqual(['raised', 'acknowledged', 'done']);
    expect(page.counts).toMatchObject({ done: expect.any(Number), total: page.items.length });
    expect(page.counts!.done).toBeGreaterThanOrEqual(2);
    // Nobody named: no consultation id, no account, member or staff.
    const text = JSON.stringify(page);
    expect(text).not.toContain(consultation.id);
    expect(text).not.toMatch(/accountId|memberId|createdBy|email|displayName/);

    const regional = ok(await h.api.get<RegionPage>(regionPage), 200);
    const ours = regional.leros.find((l) => l.lero.slug === lero.slug)!;
    expect(ours.items.map((a) => a.id)).toEqual(ids);
    expect(regional.totals.total).toBe(
      regional.leros.reduce((n, l) => n + l.items.length, regional.regionAsks.length) +
        regional.pooled.length,
    );

    for (const missing of ['/api/v1/public/leros/no-such-lero', '/api/v1/public/regions/no-such-region'])
      expect((await h.api.get(`${missing}/you-said-we-did`)).status).toBe(404);
    expect(fieldsOf(await h.api.get('/api/v1/public/leros/NOT%20A%20SLUG/you-said-we-did'))).toEqual([
      'slug',
    ]);
  });

  it('gives a LERO whose figures are regional-total-only no per-LERO counts on public pages', async () => {
    const { other, region, h } = cast();
    const settings = `/api/v1/tenants/${other.id}`;
    ok(await admin(other.adminToken).patch(settings, { reportingVisibility: 'regional-total-only' }), 200);
    try {
      const theirs = await made({ public: true }, other.id, other.adminToken);
      const page = ok(await h.api.get<PublicPage>(`/api/v1/public/leros/${other.slug}/you-said-we-did`), 200);
      expect(page.counts).toBeNull();
      expect(page.items.map((a) => a.id)).toContain(theirs.id);
      const regional = ok(
        await h.api.get<RegionPage>(`/api/v1/public/regions/${region.slug}/you-said-we-did`),
        200,
      );
      expect(regional.leros.map((l) => l.lero.slug)).not.toContain(other.slug);
      expect(regional.leros.every((l) => l.counts !== null)).toBe(true);
      expect(regional.pooled.map((a) => a.id)).toContain(theirs.id);
      expect(JSON.stringify(regional.pooled)).not.toContain(other.slug);
      expect(regional.totals.total).toBe(
        regional.leros.reduce((n, l) => n + l.items.length, regional.regionAsks.length) +
          regional.pooled.length,
      );
    } finally {
      ok(await admin(other.adminToken).patch(settings, { reportingVisibility: 'per-lero' }), 200);
    }
  });

  it('publishes nothing of a suspended LERO, on its page or its region’s', async () => {
    const { h, region, tokens } = cast();
    const platform = h.api.as(tokens['platform admin']);
    const third = await h.given.lero(region.id, tokens['platform admin']);
    const theirs = await made({ public: true }, third.id, third.adminToken);
    const leroPage = `/api/v1/public/leros/${third.slug}/you-said-we-did`;
    const regionPage = `/api/v1/public/regions/${region.slug}/you-said-we-did`;
    const everywhere = async () => {
      const regional = ok(await h.api.get<RegionPage>(regionPage), 200);
      return [...regional.leros.flatMap((l) => l.items), ...regional.pooled].map((a) => a.id);
    };
    expect((await h.api.get(leroPage)).status).toBe(200);
    expect(await everywhere()).toContain(theirs.id);
    ok(await platform.post(`/api/v1/tenants/${third.id}/suspend`), 200);
    expect((await h.api.get(leroPage)).status).toBe(404);
    expect(await everywhere()).not.toContain(theirs.id);
  });

  it('lets a region’s admins manage the region’s own asks, shown on its public page, and nobody else', async () => {
    const { h, region, tokens } = cast();
    const regionBase = `/api/v1/regions/${region.id}/advocacy/asks`;
    const regionAdmin = h.api.as(tokens['region admin']);
    const raise = async (over: Json = {}) => ok(await regionAdmin.post<Ask>(regionBase, askBody(over)), 201);
    const own = await raise({
      public: true,
      body: { name: 'Northshire Integrated Care Board', kind: 'nhs-trust' },
    });
    const admins = (status: number) => ({ 'region admin': status });
    await expectMatrix(inRegion(admins(201)), (api) => api.post(regionBase, askBody()));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(regionBase));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(`${regionBase}/${own.id}`));
    await expectMatrix(inRegion(admins(200)), (api) =>
      api.patch(`${regionBase}/${own.id}`, { what: 'Beds' }),
    );
    await expectMatrix(inRegion(admins(201)), async (api) =>
      api.post(`${regionBase}/${(await raise()).id}/updates`, {
        status: 'declined',
        date: daysAgo(1),
        text: 'No.',
        reason: 'No beds.',
      }),
    );
    // The region's ask is not a LERO's, nor a LERO's the region's: each path answers the other's id as missing.
    expect((await admin().get(`${base()}/${own.id}`)).status).toBe(404);
    const leros = await made();
    expect((await regionAdmin.get(`${regionBase}/${leros.id}`)).status).toBe(404);
    expect((await regionAdmin.get(`${regionBase}/${MISSING}`)).status).toBe(404);
    const page = ok(
      await h.api.get<RegionPage>(`/api/v1/public/regions/${region.slug}/you-said-we-did`),
      200,
    );
    expect(page.regionAsks.map((a) => a.id)).toContain(own.id);
  });

  it('answers another LERO’s asks exactly like missing ones', async () => {
    const { other } = cast();
    const theirs = await made({ public: true }, other.id, other.adminToken);
    const update = { status: 'acknowledged', date: daysAgo(1), text: 'Seen.' };
    for (const call of [
      (id: string) => admin().get<Json>(`${base()}/${id}`),
      (id: string) => admin().patch<Json>(`${base()}/${id}`, { what: 'x' }),
      (id: string) => admin().post<Json>(`${base()}/${id}/updates`, update),
    ]) {
      const [foreign, missing] = [await call(theirs.id), await call(MISSING)];
      expect([foreign.status, foreign.body.code, foreign.body.detail]).toEqual([
        404,
        missing.body.code,
        missing.body.detail,
      ]);
    }
  });

  it('refuses bad input with a 400 naming the field, never a 500', async () => {
    const a = await made();
    const update = (over: Json) =>
      admin().post(`${base()}/${a.id}/updates`, {
        status: 'acknowledged',
        date: daysAgo(2),
        text: 'x',
        ...over,
      });
    expect(fieldsOf(await update({ status: 'finished' }))).toEqual(['status']);
    expect(fieldsOf(await update({ status: 'declined' }))).toEqual(['reason']);
    expect(fieldsOf(await update({ text: 'x'.repeat(501) }))).toEqual(['text']);
    expect(fieldsOf(await update({ date: '2026-02-30' }))).toEqual(['date']);
    expect(fieldsOf(await update({ date: 'yesterday' }))).toEqual(['date']);
    expect(fieldsOf(await update({ date: '1066-10-14' }))).toEqual(['date']);
    expect(fieldsOf(await update({ text: '   ' }))).toEqual(['text']);
    expect(
      fieldsOf(await admin().post(base(), askBody({ what: ' ', body: { name: 'x', kind: 'police' } }))),
    ).toEqual(['what']);
    await moved(a.id, 'done');
    expect(fieldsOf(await update({ status: 'raised' }))).toEqual(['status']);
    expect(fieldsOf(await update({ status: 'in-progress' }))).toEqual(['status']);
    expect(
      fieldsOf(await admin().post(base(), askBody({ what: '', body: { name: 'x', kind: 'parliament' } }))),
    ).toEqual(expect.arrayContaining(['what', 'body.kind']));
    expect(
      fieldsOf(await admin().post(base(), askBody({ source: { kind: 'rumour' }, raisedOn: '2026-13-01' }))),
    ).toEqual(expect.arrayContaining(['source.kind', 'raisedOn']));
    expect(
      fieldsOf(
        await admin().post(base(), askBody({ source: { kind: 'consultation', consultationId: MISSING } })),
      ),
    ).toEqual(['source.consultationId']);
    expect(fieldsOf(await admin().patch(`${base()}/${a.id}`, { public: 'yes', raisedOn: null }))).toEqual(
      expect.arrayContaining(['public', 'raisedOn']),
    );
    expect(fieldsOf(await admin().get(`${base()}?status=gone&public=maybe`))).toEqual(
      expect.arrayContaining(['status', 'public']),
    );
    expect(fieldsOf(await admin().get(`${base()}/not-a-uuid`))).toEqual(['askId']);
    const { body: _body, source: _source, ...bare } = askBody();
    expect(fieldsOf(await admin().post(base(), bare))).toEqual(expect.arrayContaining(['body', 'source']));
    expect(fieldsOf(await admin().patch(`${base()}/${a.id}`, { body: 'council', source: null }))).toEqual(
      expect.arrayContaining(['body', 'source']),
    );
  });
}

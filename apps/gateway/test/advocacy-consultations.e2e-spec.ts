import type { ApiClient, ApiResponse } from '@hearth/testing';
import { solveChallenge } from '../../advocacy/src';
import { answersOf, consultationBody, linkedMember, regionWithAdmin } from './advocacy-fixture';
import { askCases } from './advocacy-asks.cases';
import { outcomeCases } from './advocacy-outcomes.cases';
import { representationCases } from './advocacy-representation.cases';
import {
  bodyOf as ok,
  castInRegion,
  inLero,
  inRegion,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { testimonyCases } from './advocacy-testimony.cases';
import { regionTestimonyCases } from './advocacy-region-testimony.cases';

type Json = Record<string, unknown>;
const MISSING = '0190a3c4-0000-7000-8000-000000000000';

/** Every consultation route (ADR 0062) × every role, bad input, and other LEROs' and regions' ids. */
describe('advocacy consultations through the gateway, role by role', () => {
  let h: DistributedHearth;
  let tokens: Record<Who, string | undefined>;
  let region: { id: string; slug: string };
  let lero: { id: string; slug: string; adminToken: string };
  let other: { id: string; slug: string; adminToken: string };
  let linked: { token: string };

  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const leroBase = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/advocacy/consultations`;
  const regionBase = (regionId = region.id) => `/api/v1/regions/${regionId}/advocacy/consultations`;
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);

  /** A fresh consultation of the LERO (or region), opened when asked. */
  async function made(base: string, token: string, open = false, over: Json = {}) {
    const c = ok(await h.api.as(token).post<{ id: string }>(base, consultationBody(over)), 201);
    if (open) ok(await h.api.as(token).post(`${base}/${c.id}/open`), 200);
    return c.id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, region, lero, other } = await castInRegion(h));
    linked = await linkedMember(h, lero);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets a LERO’s staff run its consultations and nobody else', async () => {
    const base = leroBase();
    const draft = await made(base, lero.adminToken);
    await expectMatrix(inLero(staff(201)), (api) => api.post(base, consultationBody()));
    await expectMatrix(inLero(staff(200)), (api) => api.get(base));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base}/${draft}`));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${base}/${draft}`, { title: 'Drop-in hours' }),
    );
    await expectMatrix(inLero(staff(200)), async (api) =>
      api.post(`${base}/${await made(base, lero.adminToken)}/open`),
    );
    await expectMatrix(inLero(staff(200)), async (api) =>
      api.post(`${base}/${await made(base, lero.adminToken, true)}/close`),
    );
    const open = await made(base, lero.adminToken, true);
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base}/${open}/results`));
    // Publishing free text: its staff reach the rule (no responses yet: 409 ResultsNotShown), nobody else.
    await expectMatrix(inLero(staff(409)), (api) =>
      api.request('PUT', `${base}/${open}/published-texts/q3`, { texts: ['Reviewed'] }),
    );
    // Nobody of the cast is linked to a member record: nobody of it responds.
    await expectMatrix(inLero({}), (api) => api.post(`${base}/${open}/responses`, answersOf(0)));
  });

  it('lets a linked member see and answer open consultations only, and nothing more', async () => {
    const base = leroBase();
    const me = h.api.as(linked.token);
    const draft = await made(base, lero.adminToken);
    const open = await made(base, lero.adminToken, true);
    const list = ok(await me.get<{ items: { id: string; status: string }[] }>(`${base}?limit=100`), 200);
    expect(new Set(list.items.map((c) => c.status))).toEqual(new Set(['open']));
    expect(list.items.map((c) => c.id)).toContain(open);
    expect((await me.get(`${base}/${draft}`)).status).toBe(404);
    expect((await me.get(`${base}/${open}`)).status).toBe(200);
    expect((await me.post(`${base}/${draft}/responses`, answersOf(0))).status).toBe(404);
    expect((await me.post(base, consultationBody())).status).toBe(403);
    expect((await me.patch(`${base}/${draft}`, { title: 'x' })).status).toBe(403);
    expect((await me.post(`${base}/${draft}/open`)).status).toBe(403);
    expect((await me.post(`${base}/${open}/close`)).status).toBe(403);
    expect((await me.get(`${base}/${open}/results`)).status).toBe(403);
    expect(ok(await me.post(`${base}/${open}/responses`, answersOf(1)), 201)).toEqual({ received: true });
    const again = await me.post<Json>(`${base}/${open}/responses`, answersOf(1));
    expect([again.status, again.body.reason]).toEqual([409, 'AlreadyResponded']);
  });

  it('lets a region’s admins run its consultations, its commissioners read counts, and nobody else', async () => {
    const base = regionBase();
    const admin = tokens['region admin']!;
    const body = () => consultationBody({ audience: 'region' });
    const draft = await made(base, admin, false, { audience: 'region' });
    const admins = (status: number) => ({ 'region admin': status });
    await expectMatrix(inRegion(admins(201)), (api) => api.post(base, body()));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(base));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(`${base}/${draft}`));
    await expectMatrix(inRegion(admins(200)), (api) =>
      api.patch(`${base}/${draft}`, { title: 'Region hours' }),
    );
    await expectMatrix(inRegion(admins(200)), async (api) =>
      api.post(`${base}/${await made(base, admin, false, { audience: 'region' })}/open`),
    );
    await expectMatrix(inRegion(admins(200)), async (api) =>
      api.post(`${base}/${await made(base, admin, true, { audience: 'region' })}/close`),
    );
    const open = await made(base, admin, true, { audience: 'region' });
    await expectMatrix(inRegion({ ...admins(200), commissioner: 200 }), (api) =>
      api.get(`${base}/${open}/results`),
    );
    await expectMatrix(inRegion(admins(409)), (api) =>
      api.request('PUT', `${base}/${open}/published-texts/q3`, { texts: ['Reviewed'] }),
    );
    // The region's consultation through a LERO of the region: only its linked members respond.
    await expectMatrix(inLero({}), (api) => api.post(`${leroBase()}/${open}/responses`, answersOf(0)));
    expect((await h.api.as(linked.token).post(`${leroBase()}/${open}/responses`, answersOf(0))).status).toBe(
      201,
    );
  });

  it('answers another LERO’s and another region’s ids exactly like missing ones', async () => {
    const theirs = await made(leroBase(other.id), other.adminToken, true);
    const admin = h.api.as(lero.adminToken);
    for (const path of ['', '/results']) {
      const foreign = await admin.get<Json>(`${leroBase()}/${theirs}${path}`);
      const missing = await admin.get<Json>(`${leroBase()}/${MISSING}${path}`);
      expect([foreign.status, foreign.body.code, foreign.body.detail]).toEqual([
        missing.status,
        missing.body.code,
        missing.body.detail,
      ]);
      expect(foreign.status).toBe(404);
    }
    for (const verb of ['open', 'close'])
      expect((await admin.post(`${leroBase()}/${theirs}/${verb}`)).status).toBe(404);
    expect((await admin.patch(`${leroBase()}/${theirs}`, { title: 'x' })).status).toBe(404);
    expect(
      (await h.api.as(linked.token).post(`${leroBase()}/${theirs}/responses`, answersOf(0))).status,
    ).toBe(404);

    // Another region: its consultation's id asked in this region is missing; its path is a missing region.
    const otherRegion = await h.given.region(tokens['platform admin']!);
    const theirRegion = await made(regionBase(otherRegion.id), tokens['platform admin']!, false, {
      audience: 'region',
    }).catch(() => undefined);
    expect(theirRegion).toBeUndefined(); // a platform admin holds no role in a region: it is missing to them
    const regionAdmin = h.api.as(tokens['region admin']);
    expect((await regionAdmin.get(`${regionBase(otherRegion.id)}`)).status).toBe(404);
    const own = await made(regionBase(), tokens['region admin']!, false, { audience: 'region' });
    expect((await regionAdmin.get(`${regionBase()}/${MISSING}`)).status).toBe(404);
    // The region's own consultation is not the LERO's: asked on the LERO's path by its admin, it is missing.
    expect((await admin.get(`${leroBase()}/${own}`)).status).toBe(404);
  });

  it('shows members their region’s open consultations in their LERO’s list, and no other region’s (ADR 0067)', async () => {
    const platform = tokens['platform admin']!;
    // A second region with its own admin, LERO and linked member.
    const { region: regionB, adminToken: adminB } = await regionWithAdmin(h, platform);
    const leroB = await h.given.lero(regionB.id, platform);
    const memberB = await linkedMember(h, leroB);
    const adminA = tokens['region admin']!;
    const ours = await made(regionBase(), adminA, true, { audience: 'region' });
    const ourPublic = await made(regionBase(), adminA, true, { audience: 'public' });
    const ourDraft = await made(regionBase(), adminA, false, { audience: 'region' });
    const theirs = await made(regionBase(regionB.id), adminB, true, { audience: 'region' });
    const own = await made(leroBase(), lero.adminToken, true);

    const idsIn = async (token: string, tenantId: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; owner: string }[]; nextCursor: string | null } = ok(
          await h.api
            .as(token)
            .get(`${leroBase(tenantId)}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
          200,
        );
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const mine = await idsIn(linked.token, lero.id);
    expect(mine).toEqual(expect.arrayContaining([ours, ourPublic, own]));
    expect(mine).not.toContain(ourDraft);
    expect(mine).not.toContain(theirs);
    expect([...mine].sort()).toEqual(mine); // one list by id, paged across both owners
    const theirList = await idsIn(memberB.token, leroB.id);
    expect(theirList).toContain(theirs);
    expect(theirList).not.toContain(ours);
    // The LERO's staff list what they run: the region's consultations are its admins'.
    expect(await idsIn(lero.adminToken, lero.id)).not.toContain(ours);

    const me = h.api.as(linked.token);
    expect(ok(await me.get<Json>(`${leroBase()}/${ours}`), 200)).toMatchObject({ id: ours, owner: 'region' });
    const foreign = await me.get<Json>(`${leroBase()}/${theirs}`);
    const missing = await me.get<Json>(`${leroBase()}/${MISSING}`);
    expect([foreign.status, foreign.body.detail]).toEqual([404, missing.body.detail]);
    expect((await me.get(`${leroBase()}/${ourDraft}`)).status).toBe(404);
    expect((await me.post(`${leroBase()}/${theirs}/responses`, answersOf(0))).status).toBe(404);
    expect((await h.api.as(memberB.token).get(`${leroBase(leroB.id)}/${ours}`)).status).toBe(404);
    expect(
      (await h.api.as(memberB.token).post(`${leroBase(leroB.id)}/${theirs}/responses`, answersOf(1))).status,
    ).toBe(201);
    // Each region's admin: the other region's id on their own path is missing; the other region's path too.
    expect((await h.api.as(adminA).get(`${regionBase()}/${theirs}`)).status).toBe(404);
    expect((await h.api.as(adminB).get(`${regionBase(regionB.id)}/${ours}`)).status).toBe(404);
    expect((await h.api.as(adminB).get(`${regionBase(regionB.id)}/${theirs}`)).status).toBe(200);
    expect((await h.api.as(adminA).get(`${regionBase(regionB.id)}/${theirs}`)).status).toBe(404);
    // The rest of the cast on the LERO's path for the region's consultation: its staff are told it is missing (it is not theirs to run), the others may not read.
    await expectMatrix(inLero(staff(404)), (api) => api.get(`${leroBase()}/${ours}`));
  });

  it('answers a public link to anyone, signed in or not, and only for an open public consultation (ADR 0067)', async () => {
    const everyone = (status: number) =>
      Object.fromEntries(Object.keys(inLero({})).map((who) => [who, status])) as Matrix;
    const pub = await made(leroBase(), lero.adminToken, true, { audience: 'public' });
    const regionPub = await made(regionBase(), tokens['region admin']!, true, { audience: 'public' });
    const path = (id: string) => `/api/v1/public/consultations/${id}`;
    await expectMatrix(everyone(200), (api) => api.get(path(pub)));
    await expectMatrix(everyone(200), (api) => api.get(path(regionPub)));
    // Every one of the cast may respond there, with a solved challenge: a wrong one is 400 for all alike.
    await expectMatrix(everyone(400), async (api) => {
      const read = await api.get<{ proofOfWork: { challenge: string } }>(path(pub));
      return api.post(`${path(pub)}/responses`, {
        ...answersOf(0),
        challenge: read.body.proofOfWork.challenge,
        nonce: solveChallenge(read.body.proofOfWork.challenge, 4, false),
      });
    });
    const read = ok(await h.api.get<Json>(path(pub)), 200);
    expect(Object.keys(read).sort()).toEqual([
      'aboutYou',
      'askedBy',
      'closesAt',
      'id',
      'opensAt',
      'proofOfWork',
      'purpose',
      'questions',
      'title',
      'useOfAnswers',
    ]);
    // Not public, not open, not there: the same 404.
    const membersOnly = await made(leroBase(), lero.adminToken, true);
    const draft = await made(leroBase(), lero.adminToken, false, { audience: 'public' });
    const closed = await made(leroBase(), lero.adminToken, true, { audience: 'public' });
    ok(await h.api.as(lero.adminToken).post(`${leroBase()}/${closed}/close`), 200);
    for (const id of [membersOnly, draft, closed, MISSING]) {
      const res = await h.api.get<Json>(path(id));
      expect([res.status, res.body.detail]).toEqual([404, expect.stringContaining('Consultation')]);
    }
    expect(fieldsOf(await h.api.get(path('not-a-uuid')))).toEqual(['consultationId']);
    expect(fieldsOf(await h.api.post(`${path(pub)}/responses`, { answers: [] }))).toEqual(
      expect.arrayContaining(['challenge', 'nonce']),
    );
    expect(
      fieldsOf(
        await h.api.post(`${path(pub)}/responses`, {
          ...answersOf(0),
          challenge: 'a.b',
          nonce: 'n',
          website: 3,
        }),
      ),
    ).toEqual(['website']);
  });

  it('refuses bad input with a 400 naming the field, never a 500', async () => {
    const admin = h.api.as(lero.adminToken);
    const base = leroBase();
    expect(fieldsOf(await admin.post(base, consultationBody({ title: '', resultsThreshold: 3 })))).toEqual(
      expect.arrayContaining(['title', 'resultsThreshold']),
    );
    expect(
      fieldsOf(await admin.post(base, consultationBody({ questions: [{ kind: 'single', text: 'x' }] }))),
    ).toEqual(['questions.0.options']);
    expect(
      fieldsOf(await admin.post(base, consultationBody({ closesAt: new Date(0).toISOString() }))),
    ).toEqual(['closesAt']);
    expect(fieldsOf(await admin.post(base, consultationBody({ audience: 'everyone' })))).toEqual([
      'audience',
    ]);
    expect(fieldsOf(await admin.get(`${base}?status=gone&limit=0`))).toEqual(
      expect.arrayContaining(['status', 'limit']),
    );
    expect(fieldsOf(await admin.get(`${base}/not-a-uuid`))).toEqual(['consultationId']);
    expect(fieldsOf(await admin.patch(`${base}/${MISSING}`, { title: null }))).toEqual(['title']);
    expect(fieldsOf(await h.api.as(tokens['region admin']).post(regionBase(), consultationBody()))).toEqual([
      'audience',
    ]);
    const open = await made(base, lero.adminToken, true);
    const me = h.api.as(linked.token);
    expect(fieldsOf(await me.post(`${base}/${open}/responses`, { answers: 'yes' }))).toEqual(['answers']);
    expect(fieldsOf(await me.post(`${base}/${open}/responses`, { answers: [{ question: 'zz' }] }))).toEqual([
      'answers.0.question',
    ]);
    const wrong = await me.post<{ errors?: { field: string }[] }>(`${base}/${open}/responses`, {
      answers: [{ question: 'q1', choice: 9 }],
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(await admin.get(`${base}/${open}/results?by=a9`)).length).toBeGreaterThan(0);
    expect(
      fieldsOf(await admin.request('PUT', `${base}/${open}/published-texts/q3`, { texts: 'x' })),
    ).toEqual(['texts']);
    expect(
      fieldsOf(await admin.request('PUT', `${base}/${open}/published-texts/q3`, { texts: [''] })),
    ).toEqual(['texts']);
    expect(fieldsOf(await admin.request('PUT', `${base}/${open}/published-texts/zz`, { texts: [] }))).toEqual(
      ['question'],
    );
    expect(fieldsOf(await admin.request('PUT', `${base}/${open}/published-texts/q1`, { texts: [] }))).toEqual(
      ['question'],
    );
  });

  describe('asks, "you said, we did" (ADR 0065), in this Hearth', () => {
    askCases(() => ({ h, tokens, region, lero, other }));
  });
  describe('consultations on "you said, we did" and asks naming the region’s (ADR 0075), in this Hearth', () => {
    outcomeCases(() => ({ h, tokens, region, lero, other }));
  });
  describe('collective testimony (ADR 0066), in this Hearth', () => {
    testimonyCases(() => ({ h, tokens, region, lero, other, linked }));
  });

  describe('a region’s testimony themes (ADR 0076), in this Hearth', () => {
    regionTestimonyCases(() => ({ h, tokens, region, lero, other, linked }));
  });

  describe('the representation log, seats and meetings (ADR 0069), in this Hearth', () => {
    representationCases(() => ({ h, tokens, region, lero, other }));
  });
});

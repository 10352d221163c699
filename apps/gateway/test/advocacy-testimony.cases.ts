import type { ApiClient, ApiResponse } from '@hearth/testing';
import { eventually, pdfTextLines } from '@hearth/testing';
import { linkedMember } from './advocacy-fixture';
import {
  bodyOf as ok,
  inLero,
  LERO_CAST,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Lero = { id: string; slug: string; adminToken: string };
interface Published {
  lero: { name: string; slug: string };
  themes: { title: string; prompt: string; pieces: string[] }[];
}
const MISSING = '0190a3c4-0000-7000-8000-000000000000';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** What the advocacy suite's Hearth gives these cases (set in its `beforeAll`). */
export interface TestimonyStage {
  h: DistributedHearth;
  tokens: Record<Who, string | undefined>;
  region: { id: string; slug: string };
  lero: Lero;
  other: Lero;
  /** A member of `lero` whose account is linked to their member record. */
  linked: { token: string };
}

/**
 * Collective testimony through the gateway (ADR 0066), in the advocacy consultations suite's Hearth (no second
 * start): every route × the LERO's cast, the issue's "Done when" (published at the tenth contributor, unpublished
 * by a withdrawal), the public page and the board's PDF, other LEROs' ids and bad input.
 */
export function testimonyCases(stage: () => TestimonyStage) {
  const base = (tenantId = stage().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/themes`;
  const as = (who: Who): ApiClient => stage().h.api.as(stage().tokens[who]);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);
  const theme = async (open = false, over: Json = {}) => {
    const admin = stage().h.api.as(stage().lero.adminToken);
    const t = ok(
      await admin.post<{ id: string }>(base(), { title: 'What helped', prompt: 'What helped you?', ...over }),
      201,
    );
    if (open) ok(await admin.post(`${base()}/${t.id}/open`), 200);
    return t.id;
  };
  const pdf = async (token: string, themeId: string) => {
    const res = await fetch(`${stage().h.api.baseUrl}${base()}/${themeId}/testimony.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const publicPage = async () =>
    ok(await stage().h.api.get<Published>(`/api/v1/public/leros/${stage().lero.slug}/testimony`), 200);

  it('lets a LERO’s staff run testimony themes, its linked members contribute, and nobody else', async () => {
    const { h, linked } = stage();
    const draft = await theme();
    await expectMatrix(inLero(staff(201)), (api) => api.post(base(), { title: 'T', prompt: 'P' }));
    await expectMatrix(inLero(staff(200)), (api) => api.get(base()));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/${draft}`));
    await expectMatrix(inLero(staff(200)), (api) => api.patch(`${base()}/${draft}`, { title: 'Changed' }));
    await expectMatrix(inLero(staff(200)), async (api) => api.post(`${base()}/${await theme()}/open`));
    await expectMatrix(inLero(staff(200)), async (api) => api.post(`${base()}/${await theme(true)}/close`));
    const open = await theme(true);
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/${open}/pieces`));
    // Not published: the PDF is refused to staff (409), and to everyone else as always.
    await expectMatrix(inLero(staff(409)), (api) => api.get(`${base()}/${open}/testimony.pdf`));
    // Nobody of the cast is linked to a member record: nobody of it contributes, accepts or withdraws.
    await expectMatrix(inLero({}), (api) =>
      api.post(`${base()}/${open}/pieces`, { text: 'x', consent: true }),
    );
    await expectMatrix(inLero({}), (api) => api.get(`${base().replace(/themes$/, 'my-testimony')}`));
    const me = h.api.as(linked.token);
    const mine = ok(
      await me.post<{ id: string }>(`${base()}/${open}/pieces`, { text: 'Mine', consent: true }),
      201,
    );
    const piece = `${base()}/${open}/pieces/${mine.id}`;
    await expectMatrix(inLero({}), (api) => api.post(`${piece}/accept`));
    await expectMatrix(inLero({}), (api) => api.post(`${piece}/withdraw`));
    await expectMatrix(inLero(staff(200)), (api) => api.post(`${piece}/edit`, { text: 'Mine, edited' }));
    // Declining (a piece in another theme): the first of the staff declines it; the second finds it decided.
    const second = await theme(true);
    const toDecline = ok(
      await me.post<{ id: string }>(`${base()}/${second}/pieces`, { text: 'Not this', consent: true }),
      201,
    );
    await expectMatrix(inLero({ 'tenant-admin': 200, coordinator: 409 }), (api) =>
      api.post(`${base()}/${second}/pieces/${toDecline.id}/decline`),
    );
    await expectMatrix(inLero({ 'tenant-admin': 200, coordinator: 409 }), (api) =>
      api.post(`${piece}/approve`),
    );
    // The public page: anyone, signed in or not.
    const everyone = Object.fromEntries(LERO_CAST.map((who) => [who, 200])) as Matrix;
    await expectMatrix(everyone, (api) => api.get(`/api/v1/public/leros/${stage().lero.slug}/testimony`));
    await expectMatrix(everyone, (api) => api.get(`/api/v1/public/regions/${stage().region.slug}/testimony`));
    // The linked member: open themes only; their own pieces; nothing of staff's.
    expect((await me.get(`${base()}/${draft}`)).status).toBe(404);
    expect((await me.get(`${base()}/${open}`)).status).toBe(200);
    expect((await me.get(`${base()}/${open}/pieces`)).status).toBe(403);
    expect((await me.post(`${base()}/${draft}/open`)).status).toBe(403);
    const my = ok(await me.get<{ items: Json[] }>(base().replace(/themes$/, 'my-testimony')), 200);
    expect(my.items).toEqual([
      expect.objectContaining({ id: mine.id, status: 'approved', themeTitle: 'What helped' }),
      expect.objectContaining({ id: toDecline.id, status: 'declined' }),
    ]);
    expect(ok(await me.post<Json>(`${piece}/withdraw`), 200)).toMatchObject({
      status: 'withdrawn',
      text: null,
    });
  });

  it('publishes a theme at its tenth contributor older than the opening, shuffled and unnamed, and unpublishes it when one withdraws', async () => {
    const { h, lero, tokens } = stage();
    const admin = h.api.as(lero.adminToken);
    const coordinator = h.api.as(tokens.coordinator);
    const members = [];
    for (let i = 0; i < 10; i += 1) members.push(await linkedMember(h, lero));
    const id = await theme(false, { title: 'Into recovery', prompt: 'What helped you into recovery?' });
    ok(await admin.post(`${base()}/${id}/open`), 200);
    const late = await linkedMember(h, lero);
    const contribute = async (m: { token: string }, text: string) =>
      ok(await h.api.as(m.token).post<{ id: string }>(`${base()}/${id}/pieces`, { text, consent: true }), 201)
        .id;
    const pieces: string[] = [];
    for (const [i, m] of members.slice(0, 9).entries()) {
      pieces.push(await contribute(m, `Statement ${i}`));
      ok(await coordinator.post(`${base()}/${id}/pieces/${pieces[i]}/approve`), 200);
    }
    // An account made after the opening: approved, but it never makes the tenth.
    ok(await admin.post(`${base()}/${id}/pieces/${await contribute(late, 'Late statement')}/approve`), 200);
    expect(ok(await admin.get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: false,
      contributors: 9,
    });
    expect((await publicPage()).themes.map((t) => t.title)).not.toContain('Into recovery');
    // The tenth: staff propose an edit; only when the contributor accepts it does the theme publish.
    const tenth = await contribute(members[9], 'Statement 9, with Dr Patel at Hill Street');
    ok(await admin.post(`${base()}/${id}/pieces/${tenth}/edit`, { text: 'Statement 9' }), 200);
    expect(ok(await admin.get<Json>(`${base()}/${id}`), 200)).toMatchObject({ published: false });
    ok(await h.api.as(members[9].token).post(`${base()}/${id}/pieces/${tenth}/accept`), 200);
    expect(ok(await admin.get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: true,
      contributors: 10,
    });

    const page = await publicPage();
    const published = page.themes.find((t) => t.title === 'Into recovery')!;
    expect([...published.pieces].sort()).toEqual(
      [...Array.from({ length: 10 }, (_, i) => `Statement ${i}`), 'Late statement'].sort(),
    );
    expect(JSON.stringify(page)).not.toMatch(UUID);
    expect(JSON.stringify(page)).not.toMatch(ISO_DATE);
    // The region's page shows it under the LERO's name, as its own page does.
    const regional = ok(
      await h.api.get<{ leros: Published[] }>(`/api/v1/public/regions/${stage().region.slug}/testimony`),
      200,
    );
    const ours = regional.leros.find((l) => l.lero.slug === lero.slug)!;
    expect(ours.themes.find((t) => t.title === 'Into recovery')?.pieces).toHaveLength(11);
    const orders = new Set([JSON.stringify(published.pieces)]);
    for (let i = 0; i < 5; i += 1)
      orders.add(
        JSON.stringify((await publicPage()).themes.find((t) => t.title === 'Into recovery')!.pieces),
      );
    expect(orders.size).toBeGreaterThan(1);
    // The board's PDF: the statements, no names, no dates.
    const { res, body } = await pdf(lero.adminToken, id);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const text = pdfTextLines(body).join('\n');
    expect(text).toContain('What helped you into recovery?');
    expect(text).toContain('Statement 3');
    expect(text).not.toContain('Hill Street');
    expect(text).not.toMatch(ISO_DATE);

    // One withdraws: nine count, the theme is unpublished at once and leaves the public page.
    ok(await h.api.as(members[3].token).post(`${base()}/${id}/pieces/${pieces[3]}/withdraw`), 200);
    expect(ok(await admin.get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: false,
      contributors: 9,
    });
    expect((await publicPage()).themes.map((t) => t.title)).not.toContain('Into recovery');
    expect((await pdf(lero.adminToken, id)).res.status).toBe(409);

    // A contributor's own export holds their statement and consent, and says survey answers cannot be found.
    const mine = ok(
      await h.api
        .as(members[5].token)
        .get<{ parts: { service: string; data: Json }[] }>(`/api/v1/tenants/${lero.id}/me/export`),
      200,
    );
    expect(mine.parts.find((p) => p.service === 'advocacy')?.data).toEqual({
      testimony: [expect.objectContaining({ pieceId: pieces[5], text: 'Statement 5', status: 'approved' })],
      consultationAnswers: expect.stringContaining('cannot be found'),
    });
    // Erased by the LERO: their statement is withdrawn through membership's event, and the count falls.
    ok(await admin.request('DELETE', `/api/v1/tenants/${lero.id}/members/${members[5].memberId}`), 204);
    await eventually(async () =>
      expect(ok(await admin.get<Json>(`${base()}/${id}`), 200)).toMatchObject({ contributors: 8 }),
    );
    const left = ok(await admin.get<{ items: { text: string | null }[] }>(`${base()}/${id}/pieces`), 200);
    expect(left.items.map((p) => p.text)).not.toContain('Statement 5');
    // Their access token is still valid for a while: a statement sent with it is refused like a missing member's.
    const sentLate = await h.api
      .as(members[5].token)
      .post<Json>(`${base()}/${await theme(true)}/pieces`, { text: 'After', consent: true });
    expect([sentLate.status, sentLate.body.detail]).toEqual([404, 'Member was not found.']);
  });

  it('answers another LERO’s ids like missing ones and refuses bad input with a 400 naming the field', async () => {
    const { h, lero, other, linked } = stage();
    const admin = h.api.as(lero.adminToken);
    const theirs = ok(
      await h.api.as(other.adminToken).post<{ id: string }>(base(other.id), { title: 'T', prompt: 'P' }),
      201,
    ).id;
    for (const path of ['', '/pieces']) {
      const foreign = await admin.get<Json>(`${base()}/${theirs}${path}`);
      const missing = await admin.get<Json>(`${base()}/${MISSING}${path}`);
      expect([foreign.status, foreign.body.detail]).toEqual([missing.status, missing.body.detail]);
      expect(foreign.status).toBe(404);
    }
    expect((await admin.post(`${base()}/${theirs}/open`)).status).toBe(404);
    expect((await admin.post(`${base()}/${theirs}/pieces/${MISSING}/approve`)).status).toBe(404);
    const open = await theme(true);
    const me = h.api.as(linked.token);
    expect(fieldsOf(await admin.post(base(), { title: '', prompt: 'P', publishThreshold: 4 }))).toEqual(
      expect.arrayContaining(['title', 'publishThreshold']),
    );
    expect(fieldsOf(await admin.post(base(), { title: '  ', prompt: 'P' }))).toEqual(['title']);
    expect(fieldsOf(await admin.get(`${base()}?status=gone`))).toEqual(['status']);
    expect(fieldsOf(await admin.patch(`${base()}/${open}`, { title: null, publishThreshold: 2 }))).toEqual([
      'title',
      'publishThreshold',
    ]);
    const frozen = await admin.patch<Json>(`${base()}/${open}`, { title: 'Too late' });
    expect([frozen.status, frozen.body.reason]).toEqual([409, 'ThemeNotDraft']);
    expect(fieldsOf(await admin.get(`${base()}/not-a-uuid`))).toEqual(['themeId']);
    expect(fieldsOf(await me.post(`${base()}/${open}/pieces`, { text: 'x' }))).toEqual(['consent']);
    expect(fieldsOf(await me.post(`${base()}/${open}/pieces`, { text: 'x', consent: 'yes' }))).toEqual([
      'consent',
    ]);
    expect(
      fieldsOf(await me.post(`${base()}/${open}/pieces`, { text: 'x'.repeat(1001), consent: true })),
    ).toEqual(['text']);
    expect(fieldsOf(await admin.post(`${base()}/${open}/pieces/${MISSING}/edit`, { text: 7 }))).toEqual([
      'text',
    ]);
    expect(fieldsOf(await h.api.get('/api/v1/public/leros/Not_A_Slug/testimony'))).toEqual(['slug']);
    expect((await h.api.get('/api/v1/public/leros/no-such-lero/testimony')).status).toBe(404);
    expect(fieldsOf(await h.api.get('/api/v1/public/regions/Not_A_Slug/testimony'))).toEqual(['slug']);
    expect((await h.api.get('/api/v1/public/regions/no-such-region/testimony')).status).toBe(404);
  });
}

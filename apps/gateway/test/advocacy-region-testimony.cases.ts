import type { ApiClient, ApiResponse } from '@hearth/testing';
import { eventually, pdfTextLines } from '@hearth/testing';
import { linkedMember } from './advocacy-fixture';
import {
  bodyOf as ok,
  inLero,
  inRegion,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import type { TestimonyStage } from './advocacy-testimony.cases';

type Json = Record<string, unknown>;
const MISSING = '0190a3c4-0000-7000-8000-000000000000';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const admins = (status: number) => ({ 'region admin': status });

/**
 * A region's testimony themes through the gateway (ADR 0076), in the advocacy consultations suite's Hearth: every
 * region route × the cast; members of two of the region's LEROs contributing through their own LERO, the theme
 * published at k people across both and shown on the region's public page, a withdrawal and an erasure taking it
 * below k; another region's and the LEROs' ids answering like missing ones; bad input.
 */
export function regionTestimonyCases(stage: () => TestimonyStage) {
  const base = (regionId = stage().region.id) => `/api/v1/regions/${regionId}/advocacy/themes`;
  const leroBase = (tenantId = stage().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/themes`;
  const as = (who: Who): ApiClient => stage().h.api.as(stage().tokens[who]);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);
  const regionAdmin = () => stage().h.api.as(stage().tokens['region admin']);
  const theme = async (open = false, over: Json = {}) => {
    const t = ok(
      await regionAdmin().post<{ id: string }>(base(), { title: 'Region', prompt: 'What helped?', ...over }),
      201,
    );
    if (open) ok(await regionAdmin().post(`${base()}/${t.id}/open`), 200);
    return t.id;
  };
  const contribute = async (token: string, tenantId: string, themeId: string, text: string) =>
    ok(
      await stage()
        .h.api.as(token)
        .post<{ id: string }>(`${leroBase(tenantId)}/${themeId}/pieces`, { text, consent: true }),
      201,
    ).id;

  it('lets a region’s admins run its themes and review them, and nobody else', async () => {
    const { linked, lero } = stage();
    const draft = await theme();
    await expectMatrix(inRegion(admins(201)), (api) => api.post(base(), { title: 'T', prompt: 'P' }));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(base()));
    await expectMatrix(inRegion(admins(200)), (api) => api.get(`${base()}/${draft}`));
    await expectMatrix(inRegion(admins(200)), (api) => api.patch(`${base()}/${draft}`, { title: 'Changed' }));
    await expectMatrix(inRegion(admins(200)), async (api) => api.post(`${base()}/${await theme()}/open`));
    await expectMatrix(inRegion(admins(200)), async (api) =>
      api.post(`${base()}/${await theme(true)}/close`),
    );
    const open = await theme(true);
    await expectMatrix(inRegion(admins(200)), (api) => api.get(`${base()}/${open}/pieces`));
    await expectMatrix(inRegion(admins(409)), (api) => api.get(`${base()}/${open}/testimony.pdf`));
    // A piece of a linked member of the region's LERO, to review.
    const piece = await contribute(linked.token, lero.id, open, 'Reviewed by the region');
    await expectMatrix(inRegion(admins(200)), (api) =>
      api.post(`${base()}/${open}/pieces/${piece}/edit`, { text: 'Edited by the region' }),
    );
    await expectMatrix(inRegion(admins(200)), (api) => api.post(`${base()}/${open}/pieces/${piece}/approve`));
    const declinedIn = await theme(true);
    const another = await contribute(linked.token, lero.id, declinedIn, 'Declined');
    await expectMatrix(inRegion(admins(200)), (api) =>
      api.post(`${base()}/${declinedIn}/pieces/${another}/decline`),
    );
    // On the LERO's paths: its staff are told the region's theme is missing (it is not theirs to run or review).
    await expectMatrix(inLero(staff(404)), (api) => api.get(`${leroBase()}/${open}/pieces`));
    await expectMatrix(inLero(staff(404)), (api) =>
      api.post(`${leroBase()}/${open}/pieces/${piece}/approve`),
    );
  });

  it('shows members of the region’s LEROs its open themes, publishes at k people across them, and takes withdrawals and erasures', async () => {
    const { h, lero, other, region, linked } = stage();
    const members = [
      ...(await Promise.all([0, 1].map(() => linkedMember(h, lero)))),
      ...(await Promise.all([0, 1, 2].map(() => linkedMember(h, other)))),
    ];
    const draft = await theme();
    const id = await theme(false, {
      title: 'Across the region',
      prompt: 'What helped you?',
      publishThreshold: 5,
    });
    ok(await regionAdmin().post(`${base()}/${id}/open`), 200);
    const me = h.api.as(linked.token);
    const list = ok(await me.get<{ items: { id: string; owner: string }[] }>(`${leroBase()}?limit=100`), 200);
    expect(list.items.find((t) => t.id === id)).toMatchObject({ owner: 'region', status: 'open' });
    expect(list.items.map((t) => t.id)).not.toContain(draft);
    expect(ok(await me.get<Json>(`${leroBase()}/${id}`), 200)).not.toHaveProperty('contributors');
    expect((await me.get(`${leroBase()}/${draft}`)).status).toBe(404);
    expect((await me.post(`${leroBase()}/${draft}/pieces`, { text: 'x', consent: true })).status).toBe(404);
    // The LERO's staff list the LERO's own themes only.
    const staffList = ok(
      await h.api.as(lero.adminToken).get<{ items: { id: string }[] }>(`${leroBase()}?limit=100`),
      200,
    );
    expect(staffList.items.map((t) => t.id)).not.toContain(id);

    const pieces: string[] = [];
    for (const [i, m] of members.entries()) {
      const tenantId = i < 2 ? lero.id : other.id;
      pieces.push(await contribute(m.token, tenantId, id, `Across ${i}`));
    }
    // One live statement per person, and only the contributor acts on it (another member's is missing).
    const twice = await h.api
      .as(members[0].token)
      .post<Json>(`${leroBase()}/${id}/pieces`, { text: 'x', consent: true });
    expect([twice.status, twice.body.reason]).toEqual([409, 'AlreadyContributed']);
    expect(
      (await h.api.as(members[1].token).post(`${leroBase()}/${id}/pieces/${pieces[0]}/withdraw`)).status,
    ).toBe(404);
    for (const p of pieces.slice(0, 4))
      ok(await regionAdmin().post(`${base()}/${id}/pieces/${p}/approve`), 200);
    expect(ok(await regionAdmin().get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: false,
      contributors: 4,
    });
    // The fifth, from the other LERO, with an edit its contributor accepts through their own LERO.
    ok(await regionAdmin().post(`${base()}/${id}/pieces/${pieces[4]}/edit`, { text: 'Across 4' }), 200);
    ok(await h.api.as(members[4].token).post(`${leroBase(other.id)}/${id}/pieces/${pieces[4]}/accept`), 200);
    expect(ok(await regionAdmin().get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: true,
      contributors: 5,
    });

    const page = async () =>
      ok(
        await h.api.get<{ themes: { title: string; pieces: string[] }[] }>(
          `/api/v1/public/regions/${region.slug}/testimony`,
        ),
        200,
      );
    const shown = (await page()).themes.find((t) => t.title === 'Across the region');
    expect([...shown!.pieces].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Across ${i}`));
    expect(JSON.stringify(shown)).not.toMatch(UUID);
    const pdf = await fetch(`${h.api.baseUrl}${base()}/${id}/testimony.pdf`, {
      headers: { authorization: `Bearer ${stage().tokens['region admin']}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdfTextLines(Buffer.from(await pdf.arrayBuffer())).join('\n')).toContain('Across 3');

    // A member's export holds their statement in the region's theme.
    const exported = ok(
      await h.api
        .as(members[3].token)
        .get<{ parts: { service: string; data: { testimony: Json[] } }[] }>(
          `/api/v1/tenants/${other.id}/me/export`,
        ),
      200,
    );
    expect(exported.parts.find((p) => p.service === 'advocacy')?.data.testimony).toEqual([
      expect.objectContaining({
        pieceId: pieces[3],
        themeId: id,
        themeTitle: 'Across the region',
        text: 'Across 3',
      }),
    ]);
    // One withdraws through their LERO: below k, unpublished at once, gone from the region's page.
    ok(await h.api.as(members[0].token).post(`${leroBase()}/${id}/pieces/${pieces[0]}/withdraw`), 200);
    expect(ok(await regionAdmin().get<Json>(`${base()}/${id}`), 200)).toMatchObject({
      published: false,
      contributors: 4,
    });
    expect((await page()).themes.map((t) => t.title)).not.toContain('Across the region');
    // Another LERO erases a contributor: their statement in the region's theme is withdrawn through membership's event.
    ok(
      await h.api
        .as(other.adminToken)
        .request('DELETE', `/api/v1/tenants/${other.id}/members/${members[3].memberId}`),
      204,
    );
    await eventually(async () =>
      expect(ok(await regionAdmin().get<Json>(`${base()}/${id}`), 200)).toMatchObject({ contributors: 3 }),
    );
    const left = ok(
      await regionAdmin().get<{ items: { text: string | null }[] }>(`${base()}/${id}/pieces`),
      200,
    );
    expect(left.items.map((p) => p.text)).not.toContain('Across 3');
  });

  it('answers another region’s and the LEROs’ ids like missing ones, and refuses bad input with a 400 naming the field', async () => {
    const { h, tokens, lero, linked } = stage();
    const platform = tokens['platform admin']!;
    // A second region with its own admin, LERO and linked member.
    const regionB = await h.given.region(platform);
    const email = `region-admin-t-${regionB.slug}@example.org`;
    const invite = ok(
      await h.api.as(platform).post<{ token: string }>(`/api/v1/regions/${regionB.id}/invitations`, {
        email,
        role: 'region-admin',
      }),
      201,
    );
    const adminB = h.api.as(await h.given.acceptInvitation(invite.token, email));
    const leroB = await h.given.lero(regionB.id, platform);
    const memberB = await linkedMember(h, leroB);
    const ours = await theme(true);
    const theirs = ok(
      await adminB.post<{ id: string }>(base(regionB.id), { title: 'Theirs', prompt: 'P' }),
      201,
    ).id;
    ok(await adminB.post(`${base(regionB.id)}/${theirs}/open`), 200);
    const leros = ok(
      await h.api.as(lero.adminToken).post<{ id: string }>(leroBase(), { title: 'L', prompt: 'P' }),
      201,
    ).id;
    for (const path of ['', '/pieces', '/testimony.pdf']) {
      for (const foreign of [theirs, leros]) {
        const got = await regionAdmin().get<Json>(`${base()}/${foreign}${path}`);
        const missing = await regionAdmin().get<Json>(`${base()}/${MISSING}${path}`);
        expect([got.status, got.body.detail]).toEqual([404, missing.body.detail]);
      }
    }
    expect((await regionAdmin().post(`${base()}/${theirs}/open`)).status).toBe(404);
    expect((await regionAdmin().get(base(regionB.id))).status).toBe(404);
    expect((await adminB.get(`${base(regionB.id)}/${ours}`)).status).toBe(404);
    // Members see their own region's themes only.
    const me = h.api.as(linked.token);
    expect((await me.get(`${leroBase()}/${theirs}`)).status).toBe(404);
    expect((await me.post(`${leroBase()}/${theirs}/pieces`, { text: 'x', consent: true })).status).toBe(404);
    const theirList = ok(
      await h.api.as(memberB.token).get<{ items: { id: string }[] }>(`${leroBase(leroB.id)}?limit=100`),
      200,
    );
    expect(theirList.items.map((t) => t.id)).toEqual(expect.arrayContaining([theirs]));
    expect(theirList.items.map((t) => t.id)).not.toContain(ours);
    expect((await h.api.as(memberB.token).get(`${leroBase(leroB.id)}/${ours}`)).status).toBe(404);

    // Bad input.
    expect(
      fieldsOf(await regionAdmin().post(base(), { title: '', prompt: 'P', publishThreshold: 4 })),
    ).toEqual(expect.arrayContaining(['title', 'publishThreshold']));
    expect(fieldsOf(await regionAdmin().post(base(), { title: '  ', prompt: 'P' }))).toEqual(['title']);
    expect(fieldsOf(await regionAdmin().get(`${base()}?status=gone`))).toEqual(['status']);
    expect(
      fieldsOf(await regionAdmin().patch(`${base()}/${ours}`, { title: null, publishThreshold: 2 })),
    ).toEqual(['title', 'publishThreshold']);
    expect(fieldsOf(await regionAdmin().get(`${base()}/not-a-uuid`))).toEqual(['themeId']);
    expect(fieldsOf(await regionAdmin().get(`/api/v1/regions/not-a-uuid/advocacy/themes`))).toEqual([
      'regionId',
    ]);
    expect(
      fieldsOf(await regionAdmin().post(`${base()}/${ours}/pieces/${MISSING}/edit`, { text: 7 })),
    ).toEqual(['text']);
    expect((await regionAdmin().post(`${base()}/${ours}/pieces/${MISSING}/approve`)).status).toBe(404);
  });
}

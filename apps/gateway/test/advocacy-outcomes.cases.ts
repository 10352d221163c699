import type { ApiClient } from '@hearth/testing';
import { solveChallenge } from '../../advocacy/src';
import { askBody, type AsksCast } from './advocacy-asks.cases';
import { answersOf, consultationBody, regionWithAdmin } from './advocacy-fixture';
import {
  LERO_CAST,
  bodyOf as ok,
  inLero,
  inRegion,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
} from './lero-cast';

type Json = Record<string, unknown>;
const MISSING = '0190a3c4-0000-7000-8000-000000000000';

interface Outcome {
  title: string;
  audience: string;
  closedAt: string;
  results: { responses: number; questions: { key: string; counts: number[] }[] } | null;
  published: { question: string; text: string; texts: string[] }[];
}
interface LeroPage {
  counts: unknown;
  consultations: Outcome[];
}
interface RegionPage {
  leros: Json[];
  regionConsultations: Outcome[];
}

let n = 0;

/**
 * Closed consultations on the "you said, we did" pages (ADR 0075) and asks naming their region's consultations, as
 * cases run in another advocacy suite's Hearth: figures only at k, published texts only, no raw text, no per-LERO
 * figure of a `regional-total-only` LERO, each owner's on its own page; another LERO's or region's consultation
 * answered like a missing one.
 */
export function outcomeCases(cast: () => AsksCast): void {
  const leroPage = (slug = cast().lero.slug) => `/api/v1/public/leros/${slug}/you-said-we-did`;
  const regionPage = () => `/api/v1/public/regions/${cast().region.slug}/you-said-we-did`;
  const leroBase = (tenantId = cast().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/consultations`;
  const regionBase = () => `/api/v1/regions/${cast().region.id}/advocacy/consultations`;

  /** A consultation of `base` with a title of its own, opened; `responses` answered through its public link. */
  async function consulted(api: ApiClient, base: string, audience: string, responses: number) {
    const title = `Outcome ${++n} ${base.slice(-40, -36)}`;
    const c = ok(await api.post<{ id: string }>(base, consultationBody({ title, audience })), 201);
    ok(await api.post(`${base}/${c.id}/open`), 200);
    const path = `/api/v1/public/consultations/${c.id}`;
    for (let i = 0; i < responses; i += 1) {
      const read = ok(
        await cast().h.api.get<{ proofOfWork: { challenge: string; difficulty: number } }>(path),
        200,
      );
      const { challenge, difficulty } = read.proofOfWork;
      const body = { ...answersOf(i % 2, `raw answer ${title} ${i}`), challenge };
      ok(
        await cast().h.api.post(`${path}/responses`, {
          ...body,
          nonce: solveChallenge(challenge, difficulty),
        }),
        201,
      );
    }
    return { id: c.id, title };
  }
  const closed = async (api: ApiClient, base: string, id: string) =>
    ok(await api.post(`${base}/${id}/close`), 200);

  it('shows a LERO’s closed consultations on its page: facts, published texts, figures only at k, to everyone', async () => {
    const { h } = cast();
    const admin = h.api.as(cast().lero.adminToken);
    const base = leroBase();
    const counted = await consulted(admin, base, 'public', 5);
    await closed(admin, base, counted.id);
    const texts = ['The drop-in should open on Saturdays.', 'More evening groups.'];
    ok(await admin.request('PUT', `${base}/${counted.id}/published-texts/q3`, { texts }), 200);
    const few = await consulted(admin, base, 'public', 2);
    await closed(admin, base, few.id);
    const open = await consulted(admin, base, 'members', 0);
    const draft = ok(
      await admin.post<{ id: string }>(base, consultationBody({ title: 'Draft outcome' })),
      201,
    );

    const everyone = Object.fromEntries(LERO_CAST.map((who) => [who, 200])) as Matrix;
    expect(
      await statusesOf(
        (who) => h.api.as(cast().tokens[who]),
        (api) => api.get(leroPage()),
      ),
    ).toEqual(everyone);
    const page = ok(await h.api.get<LeroPage & Json>(leroPage()), 200);
    expect(Object.keys(page).sort()).toEqual(['consultations', 'counts', 'items', 'lero']);
    const byTitle = (title: string) => page.consultations.find((c) => c.title === title);
    expect(byTitle(counted.title)).toMatchObject({
      audience: 'public',
      results: {
        responses: 5,
        questions: expect.arrayContaining([
          {
            key: 'q1',
            kind: 'single',
            text: expect.any(String),
            options: ['Mornings', 'Evenings'],
            counts: [3, 2],
          },
        ]),
      },
      published: [{ question: 'q3', text: 'Anything else?', texts }],
    });
    expect(byTitle(few.title)).toMatchObject({ results: null, published: [] });
    expect(byTitle(open.title)).toBeUndefined();
    expect(page.consultations.map((c) => c.title)).not.toContain('Draft outcome');
    // Latest closed first; no id, no threshold, no raw free text, nobody named.
    expect(page.consultations.indexOf(byTitle(few.title)!)).toBeLessThan(
      page.consultations.indexOf(byTitle(counted.title)!),
    );
    const text = JSON.stringify(page);
    for (const id of [counted.id, few.id, open.id, draft.id]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/raw answer|resultsThreshold|crossTab|accountId|memberId/);

    // The LERO's consultation is on its page only: not among the region's own, nor per LERO there.
    const regional = ok(await h.api.get<RegionPage>(regionPage()), 200);
    expect(regional.regionConsultations.map((c) => c.title)).not.toContain(counted.title);
    expect(regional.leros.every((l) => !('consultations' in l))).toBe(true);
    // Another LERO's page does not show it either.
    const theirs = ok(await h.api.get<LeroPage>(leroPage(cast().other.slug)), 200);
    expect(theirs.consultations.map((c) => c.title)).not.toContain(counted.title);
  });

  it('shows no figure of a regional-total-only LERO’s consultation on public pages, but its published texts', async () => {
    const { h, other } = cast();
    const admin = h.api.as(other.adminToken);
    const base = leroBase(other.id);
    const settings = `/api/v1/tenants/${other.id}`;
    const c = await consulted(admin, base, 'public', 5);
    await closed(admin, base, c.id);
    ok(await admin.request('PUT', `${base}/${c.id}/published-texts/q3`, { texts: ['Kept.'] }), 200);
    const shown = ok(await h.api.get<LeroPage>(leroPage(other.slug)), 200);
    expect(shown.consultations.find((x) => x.title === c.title)?.results?.responses).toBe(5);
    ok(await admin.patch(settings, { reportingVisibility: 'regional-total-only' }), 200);
    try {
      const page = ok(await h.api.get<LeroPage>(leroPage(other.slug)), 200);
      expect(page.counts).toBeNull();
      expect(page.consultations.find((x) => x.title === c.title)).toMatchObject({
        results: null,
        published: [{ question: 'q3', texts: ['Kept.'] }],
      });
      const regional = ok(await h.api.get<RegionPage>(regionPage()), 200);
      expect(JSON.stringify(regional)).not.toContain(c.title);
    } finally {
      ok(await admin.patch(settings, { reportingVisibility: 'per-lero' }), 200);
    }
  });

  it('shows a region’s own closed consultations on the region’s page, pooled across its LEROs', async () => {
    const { h, tokens } = cast();
    const admin = h.api.as(tokens['region admin']);
    const c = await consulted(admin, regionBase(), 'public', 5);
    const stillOpen = await consulted(admin, regionBase(), 'region', 0);
    await closed(admin, regionBase(), c.id);
    ok(
      await admin.request('PUT', `${regionBase()}/${c.id}/published-texts/q3`, { texts: ['Regional.'] }),
      200,
    );
    const page = ok(await h.api.get<RegionPage & Json>(regionPage()), 200);
    expect(Object.keys(page).sort()).toEqual(
      ['leros', 'pooled', 'region', 'regionAsks', 'regionConsultations', 'totals'].sort(),
    );
    expect(page.regionConsultations.find((x) => x.title === c.title)).toMatchObject({
      results: { responses: 5 },
      published: [{ question: 'q3', texts: ['Regional.'] }],
    });
    expect(page.regionConsultations.map((x) => x.title)).not.toContain(stillOpen.title);
    const lero = ok(await h.api.get<LeroPage>(leroPage()), 200);
    expect(lero.consultations.map((x) => x.title)).not.toContain(c.title);
  });

  it('shows a closed consultation on the public page only when its staff choose, public-link ones by default', async () => {
    const { h, tokens } = cast();
    const admin = h.api.as(cast().lero.adminToken);
    const base = leroBase();
    const titlesOn = async () =>
      ok(await h.api.get<LeroPage>(leroPage()), 200).consultations.map((c) => c.title);
    const members = await consulted(admin, base, 'members', 0);
    const link = await consulted(admin, base, 'public', 0);
    const kept = ok(
      await admin.post<{ id: string; public: boolean }>(
        base,
        consultationBody({ title: `Kept off ${++n}`, audience: 'public', public: false }),
      ),
      201,
    );
    expect(kept.public).toBe(false);
    const viewOf = async (id: string) =>
      ok(await admin.get<{ public: boolean }>(`${base}/${id}`), 200).public;
    expect([await viewOf(members.id), await viewOf(link.id)]).toEqual([false, true]);
    ok(await admin.post(`${base}/${kept.id}/open`), 200);
    for (const id of [members.id, link.id, kept.id]) await closed(admin, base, id);
    let titles = await titlesOn();
    expect(titles).toContain(link.title);
    expect(titles).not.toContain(members.title);
    expect(titles).not.toContain(`Kept off ${n}`);

    // Once closed, `public` alone still changes, by the LERO's staff only; anyone else as on the other routes.
    const change = (value: boolean) => (api: ApiClient) =>
      api.patch(`${base}/${members.id}`, { public: value });
    expect(await statusesOf((who) => h.api.as(tokens[who]), change(true))).toEqual(inLero(staff(200)));
    expect(await viewOf(members.id)).toBe(true);
    expect(await titlesOn()).toContain(members.title);
    ok(await h.api.as(tokens.coordinator).patch(`${base}/${members.id}`, { public: false }), 200);
    titles = await titlesOn();
    expect(titles).not.toContain(members.title);
    expect(titles).toContain(link.title);
    ok(await admin.patch(`${base}/${members.id}`, { public: true }), 200);
    expect(await titlesOn()).toContain(members.title);
    // Nothing else changes once open or closed, not even beside `public`; bad values are a 400 naming it.
    for (const body of [{ public: false, title: 'Renamed' }, { title: 'Renamed' }, {}]) {
      const refused = await admin.patch<Json>(`${base}/${members.id}`, body);
      expect([refused.status, refused.body.reason]).toEqual([409, 'ConsultationNotDraft']);
    }
    expect(await titlesOn()).toContain(members.title);
    for (const value of [null, 'yes', 1]) {
      expect(fieldsOf(await admin.patch(`${base}/${members.id}`, { public: value }))).toEqual(['public']);
      expect(fieldsOf(await admin.post(base, consultationBody({ public: value })))).toEqual(['public']);
    }
    // A draft takes it with its other fields; another LERO's id is missing.
    const draft = ok(await admin.post<{ id: string }>(base, consultationBody()), 201);
    expect(
      ok(await admin.patch<{ public: boolean }>(`${base}/${draft.id}`, { public: true }), 200).public,
    ).toBe(true);
    const other = h.api.as(cast().other.adminToken);
    expect((await other.patch(`${leroBase(cast().other.id)}/${members.id}`, { public: false })).status).toBe(
      404,
    );
  });

  it('shows a region’s closed consultation asked of its LEROs only when its admins choose', async () => {
    const { h, tokens } = cast();
    const admin = h.api.as(tokens['region admin']);
    const c = await consulted(admin, regionBase(), 'region', 0);
    await closed(admin, regionBase(), c.id);
    const titlesOn = async () =>
      ok(await h.api.get<RegionPage>(regionPage()), 200).regionConsultations.map((x) => x.title);
    expect(await titlesOn()).not.toContain(c.title);
    expect(
      await statusesOf(
        (who) => h.api.as(tokens[who]),
        (api) => api.patch(`${regionBase()}/${c.id}`, { public: true }),
      ),
    ).toEqual(inRegion({ 'region admin': 200 }));
    expect(await titlesOn()).toContain(c.title);
    expect(fieldsOf(await admin.patch(`${regionBase()}/${c.id}`, { public: null }))).toEqual(['public']);
    ok(await admin.patch(`${regionBase()}/${c.id}`, { public: false }), 200);
    expect(await titlesOn()).not.toContain(c.title);
  });

  it('lets a LERO’s ask name its region’s open or closed consultation, and nobody else’s (ADR 0075)', async () => {
    const { h, tokens, lero, other } = cast();
    const admin = h.api.as(lero.adminToken);
    const regionAdmin = h.api.as(tokens['region admin']);
    const asks = `/api/v1/tenants/${lero.id}/advocacy/asks`;
    const from = (consultationId: string) => askBody({ source: { kind: 'consultation', consultationId } });
    const regionOpen = await consulted(regionAdmin, regionBase(), 'region', 0);
    const regionClosed = await consulted(regionAdmin, regionBase(), 'public', 0);
    await closed(regionAdmin, regionBase(), regionClosed.id);
    const regionDraft = ok(
      await regionAdmin.post<{ id: string }>(regionBase(), consultationBody({ audience: 'region' })),
      201,
    );
    const own = await consulted(admin, leroBase(), 'members', 0);
    const theirs = await consulted(h.api.as(other.adminToken), leroBase(other.id), 'members', 0);

    for (const id of [regionOpen.id, regionClosed.id, own.id]) {
      const made = ok(await admin.post<{ id: string; source: Json }>(asks, from(id)), 201);
      expect(made.source).toEqual({ kind: 'consultation', consultationId: id });
      // A change that leaves the source alone keeps it; naming it again is checked again.
      expect(
        ok(await admin.patch<{ source: Json }>(`${asks}/${made.id}`, { what: 'Sundays' }), 200).source,
      ).toEqual(made.source);
    }
    const missing = await admin.post<Json>(asks, from(MISSING));
    expect(fieldsOf(missing)).toEqual(['source.consultationId']);
    for (const id of [regionDraft.id, theirs.id]) {
      const refused = await admin.post<Json>(asks, from(id));
      expect([refused.status, fieldsOf(refused), refused.body.detail]).toEqual([
        400,
        ['source.consultationId'],
        missing.body.detail,
      ]);
    }
    const changed = ok(await admin.post<{ id: string }>(asks, askBody()), 201);
    const onChange = await admin.patch<Json>(`${asks}/${changed.id}`, {
      source: { kind: 'consultation', consultationId: theirs.id },
    });
    expect([onChange.status, fieldsOf(onChange)]).toEqual([400, ['source.consultationId']]);
    const renamed = { source: { kind: 'consultation', consultationId: regionOpen.id } };
    expect(ok(await admin.patch<{ source: Json }>(`${asks}/${changed.id}`, renamed), 200).source).toEqual(
      renamed.source,
    );
    // Every role of the cast on the LERO's route naming the region's consultation: its staff only.
    expect(
      await statusesOf(
        (who) => h.api.as(tokens[who]),
        (api) => api.post(asks, from(regionOpen.id)),
      ),
    ).toEqual(inLero(staff(201)));
    // Another region's open consultation, named by this LERO: like a missing one.
    const platform = tokens['platform admin']!;
    const { region: regionB, adminToken } = await regionWithAdmin(h, platform);
    const adminB = h.api.as(adminToken);
    const elsewhere = await consulted(
      adminB,
      `/api/v1/regions/${regionB.id}/advocacy/consultations`,
      'region',
      0,
    );
    // The form's list: the LERO's and its region's, open or closed; nothing else, for its staff only.
    await expect(
      statusesOf(
        (who) => h.api.as(tokens[who]),
        (api) => api.get(`${asks}/consultations`),
      ),
    ).resolves.toEqual(inLero(staff(200)));
    const listed = ok(
      await admin.get<{ items: { id: string; owner: string; status: string }[] }>(`${asks}/consultations`),
      200,
    );
    const owners = Object.fromEntries(listed.items.map((c) => [c.id, `${c.owner} ${c.status}`]));
    expect(owners).toMatchObject({
      [regionOpen.id]: 'region open',
      [regionClosed.id]: 'region closed',
      [own.id]: 'lero open',
    });
    for (const id of [regionDraft.id, theirs.id, elsewhere.id]) expect(owners).not.toHaveProperty(id);
    const foreign = await admin.post<Json>(asks, from(elsewhere.id));
    expect([foreign.status, fieldsOf(foreign), foreign.body.detail]).toEqual([
      400,
      ['source.consultationId'],
      missing.body.detail,
    ]);
    // Another LERO of the region may name the region's consultation too; the region's asks name only its own.
    expect(
      (
        await h.api
          .as(other.adminToken)
          .post(`/api/v1/tenants/${other.id}/advocacy/asks`, from(regionOpen.id))
      ).status,
    ).toBe(201);
    const regionAsk = await regionAdmin.post<Json>(
      `/api/v1/regions/${cast().region.id}/advocacy/asks`,
      from(own.id),
    );
    expect([regionAsk.status, fieldsOf(regionAsk)]).toEqual([400, ['source.consultationId']]);
  });
}

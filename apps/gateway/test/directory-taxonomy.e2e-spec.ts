import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ApiClient, ApiResponse } from '@hearth/testing';
import { withClient } from '@hearth/testing';
import { loadEsdTaxonomy } from '../../directory/src';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { directoryCast, type DirectoryCast, type Matrix, type Who } from './directory-cast';

type Json = Record<string, unknown>;
const put = <T = Json>(api: ApiClient, path: string, body: unknown) => api.request<T>('PUT', path, body);

/** The published Open Referral UK schemas, and real rows of the esd Services List (test data of the directory). */
const TEST_DATA = join(__dirname, '../../directory/test/test-data');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const load = (file: string) =>
  JSON.parse(readFileSync(join(TEST_DATA, 'oruk-3.0/schema', file), 'utf8')) as object;
for (const file of ['attribute.json', 'taxonomy_term.json']) ajv.addSchema(load(file), file);
const VALIDATE = {
  service: ajv.compile(load('compiled/service.json')),
  serviceList: ajv.compile(load('compiled/service_list.json')),
  taxonomy: ajv.compile(load('taxonomy.json')),
  term: ajv.compile(load('taxonomy_term.json')),
};
type Validate = (typeof VALIDATE)[keyof typeof VALIDATE];
function expectValid(validate: Validate, body: unknown) {
  const ok = validate(body);
  expect(ok ? [] : validate.errors).toEqual([]);
}
function expectPage(res: ApiResponse, validate: Validate) {
  expect(res.status).toBe(200);
  for (const item of res.body.contents as Json[]) expectValid(validate, item);
  return res.body as Json & { contents: Json[]; total_items: number };
}

/** Curation's answers: the region's admins and curators `ok`, its commissioners `commissioner`, anyone else as missing. */
const curating = (ok: number, commissioner = 403): Matrix => ({
  'platform admin': 404,
  'region admin': ok,
  'directory curator': ok,
  commissioner,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  'another region’s admin': 404,
  'another region’s curator': 404,
  anonymous: 401,
});

/** Hearth's own terms (fixed ids in every deployment). */
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';

/** A region's esd list, loaded as `npm run directory:load-taxonomy` does, and a term of it by its esd identifier. */
async function loadList(h: DistributedHearth, regionId: string) {
  const report = await withClient(h.db.ownerUrl, (c) =>
    loadEsdTaxonomy(c, join(TEST_DATA, 'esd/services.csv'), { regionId, vocabulary: 'esdServiceType' }),
  );
  const terms = await withClient(h.db.ownerUrl, async (c) => {
    const { rows } = await c.query<{ id: string; source_id: string }>(
      `select id, source_id from directory.taxonomy_terms where taxonomy_id = $1`,
      [report.taxonomyId],
    );
    return Object.fromEntries(rows.map((r) => [r.source_id.replace('esdServiceType:', ''), r.id]));
  });
  return { taxonomyId: report.taxonomyId, term: (identifier: string) => terms[identifier] };
}

/** A region's esd lists through the gateway: mapping terms by role, and the feed's taxonomies and services. */
describe('a region’s esd taxonomy (gateway → NATS → directory)', () => {
  let h: DistributedHearth;
  let cast: DirectoryCast;
  let ours: Awaited<ReturnType<typeof loadList>>;
  let theirs: Awaited<ReturnType<typeof loadList>>;
  const as = (who: Who): ApiClient => cast.as(who);
  const mappings = (term: string, regionId = cast.region.id) =>
    `/api/v1/regions/${regionId}/directory/taxonomy-terms/${term}/mappings`;
  const feed = (path: string, slug = cast.region.slug) => `/api/v1/public/regions/${slug}/oruk${path}`;

  beforeAll(async () => {
    h = await startDistributedHearth();
    cast = await directoryCast(h);
    ours = await loadList(h, cast.region.id);
    theirs = await loadList(h, cast.elsewhere.id);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets only the region’s admins and curators map terms and its commissioners read them; nobody else sees them', async () => {
    expect(await cast.statuses((api) => api.get(mappings(DEBT)))).toEqual(curating(200, 200));
    let n = 0;
    expect(
      await cast.statuses((api) => put(api, mappings(FOOD), { termIds: n++ % 2 ? [ours.term('315')] : [] })),
    ).toEqual(curating(200));
  });

  it('maps a term to the region’s own terms, answering them by name, with a change-log entry', async () => {
    const admin = as('region admin');
    // The first load mapped Hearth's "Debt and money" as Hearth ships it.
    const shipped = await admin.get<Json>(mappings(DEBT));
    expect(shipped.body).toEqual({
      term: {
        id: DEBT,
        name: 'Debt and money',
        code: 'esdServiceType:651',
        termUri: null,
        taxonomyId: 'efb78636-c1c1-427f-bfc5-2c92503a29c9',
        taxonomy: 'Hearth recovery community',
        shared: true,
      },
      mappings: [
        {
          id: ours.term('651'),
          name: 'Debt counselling',
          code: 'esdServiceType:651',
          termUri: 'http://id.esd.org.uk/service/651',
          taxonomyId: ours.taxonomyId,
          taxonomy: 'esdServiceType',
          shared: false,
        },
      ],
    });
    const changed = await put<Json>(admin, mappings(DEBT), {
      termIds: [ours.term('651'), ours.term('1445'), ours.term('189')],
    });
    expect(changed.status).toBe(200);
    expect((changed.body.mappings as Json[]).map((m) => m.name)).toEqual([
      'Budgeting loans',
      'Debt counselling',
      'Welfare rights advice',
    ]);
    // The same again changes nothing; then back to what Hearth ships.
    await put(admin, mappings(DEBT), { termIds: [ours.term('189'), ours.term('1445'), ours.term('651')] });
    await put(admin, mappings(DEBT), { termIds: [ours.term('651')] });
    await withClient(h.db.ownerUrl, async (c) => {
      const log = await c.query(
        `select field_name, replacement_value from directory.metadata
          where resource_id = $1 and resource_type = 'taxonomy_term' order by last_action_date`,
        [DEBT],
      );
      expect(log.rows).toHaveLength(2);
      expect(log.rows[1]).toEqual({
        field_name: 'mappings',
        replacement_value: JSON.stringify([ours.term('651')]),
      });
    });
  });

  it('refuses bad input with 400 naming the field, and another region’s terms answer as missing', async () => {
    const admin = as('region admin');
    const bad: [string, Json, string][] = [
      [DEBT, { termIds: [DEBT.replace('866b', '0000')] }, 'termIds'],
      [DEBT, { termIds: [FOOD] }, 'termIds'], // Hearth's, not the region's own
      [DEBT, { termIds: [theirs.term('651')] }, 'termIds'], // another region's
      [ours.term('651'), { termIds: [ours.term('651')] }, 'termIds'], // itself
      [DEBT, { termIds: ['debt'] }, 'termIds'],
      [DEBT, { termIds: ours.term('651') }, 'termIds'],
      [DEBT, {}, 'termIds'],
      [DEBT, { termIds: [], surprise: true }, 'surprise'],
    ];
    for (const [term, body, field] of bad) {
      const res = await put<Json>(admin, mappings(term), body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await admin.get(mappings('not-a-uuid'))).status).toBe(400);
    expect((await admin.get(mappings(DEBT.replace('866b', '0000')))).status).toBe(404);
    // Another region's admin, in their own region, asking about our region's term.
    const other = as('another region’s admin');
    expect((await other.get(mappings(ours.term('651'), cast.elsewhere.id))).status).toBe(404);
    expect((await put(other, mappings(ours.term('651'), cast.elsewhere.id), { termIds: [] })).status).toBe(
      404,
    );
    expect(
      (await put(other, mappings(DEBT, cast.elsewhere.id), { termIds: [ours.term('651')] })).status,
    ).toBe(400);
  });

  it('answers the region’s loaded list in its feed, valid Open Referral UK, and nothing of it in another’s', async () => {
    const anyone = h.api.as(undefined);
    const taxonomies = expectPage(await anyone.get(feed('/taxonomies')), VALIDATE.taxonomy);
    expect(taxonomies.contents.map((t) => t.name).sort()).toEqual([
      'Hearth recovery community',
      'esdServiceType',
    ]);
    expect(taxonomies.contents.find((t) => t.id === ours.taxonomyId)).toEqual({
      id: ours.taxonomyId,
      name: 'esdServiceType',
      description: expect.stringContaining('esd Services List'),
      uri: 'http://id.esd.org.uk/list/services',
      version: '2015-02-05',
    });
    const terms = expectPage(
      await anyone.get(feed(`/taxonomy_terms?taxonomy_id=${ours.taxonomyId}&per_page=100`)),
      VALIDATE.term,
    );
    expect(terms.total_items).toBe(35);
    const debt = await anyone.get<Json>(feed(`/taxonomy_terms/${ours.term('651')}`));
    expectValid(VALIDATE.term, debt.body);
    expect(debt.body).toMatchObject({
      name: 'Debt counselling',
      code: 'esdServiceType:651',
      term: 'esdServiceType:651',
      taxonomy: 'esdServiceType',
      taxonomy_id: ours.taxonomyId,
      term_uri: 'http://id.esd.org.uk/service/651',
    });
    const hearths = await anyone.get<Json>(feed(`/taxonomy_terms/${DEBT}`));
    expect(hearths.body).toMatchObject({ code: 'esdServiceType:651', name: 'Debt and money' });
    const searched = expectPage(await anyone.get(feed('/taxonomy_terms?search=counselling')), VALIDATE.term);
    expect(searched.contents.map((t) => t.name)).toEqual(['Counselling', 'Debt counselling']);
    expect((await anyone.get(feed(`/taxonomy_terms/${theirs.term('651')}`))).status).toBe(404);
    expect((await anyone.get(feed(`/taxonomies/${theirs.taxonomyId}`))).status).toBe(404);
  });

  it('gives a service with a mapped term the terms it is mapped to, and finds it by them', async () => {
    const admin = as('region admin');
    const made = await admin.post<Json>(`/api/v1/regions/${cast.region.id}/directory/services`, {
      name: 'Esd debt advice',
      description: 'Free advice on debts.',
      organization: { name: 'Esd Advice Trust', description: 'A local charity.' },
      taxonomyTermIds: [DEBT],
    });
    expect(made.body.taxonomyTerms).toEqual([{ id: DEBT, name: 'Debt and money' }]);
    const anyone = h.api.as(undefined);
    const service = await anyone.get<Json>(feed(`/services/${made.body.id as string}`));
    expectValid(VALIDATE.service, service.body);
    expect(
      (service.body.attributes as { taxonomy_term: Json }[]).map((a) => [
        a.taxonomy_term.name,
        a.taxonomy_term.code,
      ]),
    ).toEqual([
      ['Debt and money', 'esdServiceType:651'],
      ['Debt counselling', 'esdServiceType:651'],
    ]);
    const found = (query: string) =>
      anyone
        .get(feed(`/services?search=esd&${query}`))
        .then((res) => expectPage(res, VALIDATE.serviceList).contents.map((s) => s.name));
    expect(await found(`taxonomy_term_id=${ours.term('651')}`)).toEqual(['Esd debt advice']);
    expect(await found(`taxonomy_id=${ours.taxonomyId}`)).toEqual(['Esd debt advice']);
    expect(await found(`taxonomy_term_id=${ours.term('163')}`)).toEqual([]);

    await put(admin, mappings(DEBT), { termIds: [] });
    expect(await found(`taxonomy_term_id=${ours.term('651')}`)).toEqual([]);
    expect(await found(`taxonomy_term_id=${DEBT}`)).toEqual(['Esd debt advice']);
    const after = await anyone.get<Json>(feed(`/services/${made.body.id as string}`));
    expect((after.body.attributes as Json[]).length).toBe(1);
  });

  it('counts a signpost to a mapped esd term under the one Hearth category mapped to it', async () => {
    await put(as('region admin'), mappings(DEBT), { termIds: [ours.term('651')] });
    const volunteer = as('volunteer');
    const signposts = `/api/v1/tenants/${cast.lero.id}/signposts`;
    const debt = await volunteer.post<Json>(signposts, {
      taxonomyTermId: ours.term('651'),
      channel: 'phone',
    });
    // Alcohol advice and support: mapped from both "Mutual aid meetings" and "Peer support".
    const both = await volunteer.post<Json>(signposts, {
      taxonomyTermId: ours.term('727'),
      channel: 'phone',
    });
    expect([debt.status, both.status]).toEqual([201, 201]);
    await withClient(h.db.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select payload->>'category' as category from directory.outbox where payload->>'signpostId' = any($1)
          order by payload->>'signpostId' = $2 desc`,
        [[debt.body.id, both.body.id], debt.body.id],
      );
      expect(rows).toEqual([{ category: DEBT }, { category: 'signpost-other' }]);
    });
  });
});

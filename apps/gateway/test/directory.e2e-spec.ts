import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ApiClient, ApiResponse } from '@hearth/testing';
import { withClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** The published Open Referral UK schemas (test data: apps/directory/test/test-data/oruk-3.0). */
const REFERENCE = join(__dirname, '../../directory/test/test-data/oruk-3.0/schema');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const load = (file: string) => JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as object;
for (const file of ['attribute.json', 'taxonomy_term.json']) ajv.addSchema(load(file), file);
const schema = (file: string) => ajv.compile(load(file));
const VALIDATE = {
  service: schema('compiled/service.json'),
  serviceList: schema('compiled/service_list.json'),
  sal: schema('compiled/service_at_location.json'),
  salList: schema('compiled/service_at_location_list.json'),
  organization: schema('compiled/organization.json'),
  organizationList: schema('compiled/organization_list.json'),
  taxonomy: schema('taxonomy.json'),
  term: schema('taxonomy_term.json'),
};
const PAGE_KEYS = [
  'total_items',
  'total_pages',
  'page_number',
  'size',
  'first_page',
  'last_page',
  'empty',
  'contents',
];

function expectValid(validate: (typeof VALIDATE)[keyof typeof VALIDATE], body: unknown) {
  const ok = validate(body);
  expect(ok ? [] : validate.errors).toEqual([]);
}
function expectPage(res: ApiResponse, validate: (typeof VALIDATE)[keyof typeof VALIDATE]) {
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(Object.keys(res.body).sort()).toEqual([...PAGE_KEYS].sort());
  for (const item of res.body.contents as Json[]) expectValid(validate, item);
  return res.body as Json & { contents: Json[] };
}

const WHO = [
  'platform admin',
  'region admin',
  'commissioner',
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
  'another region’s admin',
  'anonymous',
] as const;
type Who = (typeof WHO)[number];
type Matrix = Record<Who, number>;
const matrix = (read: boolean, ok: number): Matrix => ({
  'platform admin': 404,
  'region admin': ok,
  commissioner: read ? ok : 403,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another region’s admin': 404,
  anonymous: 401,
});

const HEARTH_TAXONOMY = 'efb78636-c1c1-427f-bfc5-2c92503a29c9';
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';

const listing = (name: string, extra: Json = {}): Json => ({
  name,
  description: `${name}: free, confidential help for anyone in Leeds.`,
  organization: { name: `${name} Trust`, description: 'A local charity.', website: 'https://example.org' },
  email: 'team@example.org',
  location: {
    name: 'Civic Hall',
    address1: '1 Calverley St',
    city: 'Leeds',
    postcode: 'ls1 4ap',
    latitude: 53.8008,
    longitude: -1.5491,
    accessibility: 'Step-free; hearing loop.',
  },
  schedules: [{ freq: 'WEEKLY', byday: 'MO,WE', opensAt: '10:00', closesAt: '16:00' }],
  contact: { name: 'Advice team', phone: '0113 496 0000', email: 'advice@example.org' },
  taxonomyTermIds: [DEBT],
  languages: ['en', 'pl'],
  ...extra,
});

/** The regional directory end to end: curation by role, and the public Open Referral UK feed. */
describe('the regional directory (gateway → NATS → directory, tenants)', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  const tokens = {} as Record<Who, string | undefined>;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const base = () => `/api/v1/regions/${region.id}/directory/services`;
  const feed = (path = '') => `/api/v1/public/regions/${region.slug}/oruk${path}`;
  let n = 0;

  async function regionUser(regionId: string, role: 'region-admin' | 'commissioner') {
    const email = `${role}-${++n}-dir@example.org`;
    const invite = await as('platform admin').post<Json>(`/api/v1/regions/${regionId}/invitations`, {
      email,
      role,
    });
    return h.given.acceptInvitation(invite.body.token as string, email);
  }

  async function expectMatrix(expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) {
    const actual = {} as Matrix;
    for (const who of WHO) actual[who] = (await call(as(who))).status;
    expect(actual).toEqual(expected);
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    tokens['platform admin'] = await h.given.platformAdmin();
    region = await h.given.region(tokens['platform admin']);
    const elsewhere = await h.given.region(tokens['platform admin']);
    tokens['region admin'] = await regionUser(region.id, 'region-admin');
    tokens.commissioner = await regionUser(region.id, 'commissioner');
    tokens['another region’s admin'] = await regionUser(elsewhere.id, 'region-admin');
    const lero = await h.given.lero(region.id, tokens['region admin']!);
    tokens['tenant-admin'] = lero.adminToken;
    for (const role of ['coordinator', 'volunteer', 'member'] as const)
      tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets only the region’s admins curate, its commissioners read, and nobody else see it', async () => {
    await expectMatrix(matrix(false, 201), (api) => api.post(base(), listing(`Matrix ${++n}`)));
    const made = await as('region admin').post<Json>(base(), listing('Matrix target'));
    const id = made.body.id as string;
    await expectMatrix(matrix(true, 200), (api) => api.get(base()));
    await expectMatrix(matrix(true, 200), (api) => api.get(`${base()}/${id}`));
    await expectMatrix(matrix(false, 200), (api) => api.patch(`${base()}/${id}`, { fees: `£${++n}` }));
    await expectMatrix(matrix(false, 200), (api) => api.post(`${base()}/${id}/retire`));
  });

  it('refuses bad input with 400 naming the field, and another region’s listing answers 404', async () => {
    const admin = as('region admin');
    const bad: [Json, string][] = [
      [{ name: 'x' }, 'organization'],
      [listing('x', { location: { address1: '1', city: 'Leeds', postcode: 'NOPE' } }), 'location.postcode'],
      [listing('x', { schedules: [{ freq: 'DAILY' }] }), 'schedules.0.freq'],
      [listing('x', { taxonomyTermIds: ['0190aaaa-0000-7000-8000-000000000000'] }), 'taxonomyTermIds'],
      [
        listing('x', { organizationId: '0190aaaa-0000-7000-8000-000000000000', organization: undefined }),
        'organizationId',
      ],
      [listing('x', { minimumAge: 30, maximumAge: 18 }), 'maximumAge'],
      [listing('x', { surprise: true }), 'surprise'],
    ];
    for (const [body, field] of bad) {
      const res = await admin.post<Json>(base(), body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await admin.get(`${base()}/not-a-uuid`)).status).toBe(400);
    const theirs = await as('another region’s admin').get<Json>(
      `/api/v1/regions/${region.id}/directory/services`,
    );
    expect(theirs.status).toBe(404);
    const made = await admin.post<Json>(base(), listing('Ours only'));
    const elsewhereAdmin = as('another region’s admin');
    const other = await elsewhereAdmin.get<{ items: Json[] }>('/api/v1/regions');
    const otherRegion = other.body.items[0].id as string;
    expect(
      (await elsewhereAdmin.get(`/api/v1/regions/${otherRegion}/directory/services/${made.body.id}`)).status,
    ).toBe(404);
    expect(
      (
        await elsewhereAdmin.patch(`/api/v1/regions/${otherRegion}/directory/services/${made.body.id}`, {
          fees: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('writes each change with its change log and its event, and refuses to change a retired listing', async () => {
    const admin = as('region admin');
    const made = await admin.post<Json>(base(), listing('Logged'));
    const id = made.body.id as string;
    expect(made.body).toMatchObject({
      status: 'active',
      taxonomyTerms: [{ id: DEBT, name: 'Debt and money' }],
      languages: ['en', 'pl'],
    });
    const changed = await admin.patch<Json>(`${base()}/${id}`, {
      name: 'Logged again',
      taxonomyTermIds: [FOOD],
      contact: null,
    });
    expect(changed.body).toMatchObject({
      name: 'Logged again',
      contact: null,
      taxonomyTerms: [{ id: FOOD }],
    });
    expect((await admin.post<Json>(`${base()}/${id}/retire`)).body.status).toBe('retired');
    expect((await admin.patch(`${base()}/${id}`, { name: 'Back' })).status).toBe(409);
    await withClient(h.db.ownerUrl, async (c) => {
      const log = await c.query(
        `select last_action_type, field_name, previous_value, replacement_value from directory.metadata
          where resource_id = $1 order by last_action_date, field_name`,
        [id],
      );
      expect(log.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ last_action_type: 'create', replacement_value: 'Logged' }),
          expect.objectContaining({
            field_name: 'name',
            previous_value: 'Logged',
            replacement_value: 'Logged again',
          }),
          expect.objectContaining({ field_name: 'contact', replacement_value: '' }),
          expect.objectContaining({
            last_action_type: 'retire',
            previous_value: 'active',
            replacement_value: 'retired',
          }),
        ]),
      );
      const events = await c.query(
        `select subject from directory.outbox where payload->>'serviceId' = $1 order by id`,
        [id],
      );
      expect(events.rows.map((r) => r.subject)).toEqual([
        'evt.directory.listing.created',
        'evt.directory.listing.updated',
        'evt.directory.listing.retired',
      ]);
    });
  });

  it('publishes active listings as an Open Referral UK feed that validates against the published schemas', async () => {
    const admin = as('region admin');
    const debt = (await admin.post<Json>(base(), listing('Zeta debt advice'))).body;
    const hidden = (await admin.post<Json>(base(), listing('Zeta hidden advice', { status: 'inactive' })))
      .body;
    const food = (
      await admin.post<Json>(
        base(),
        listing('Zeta food bank', { taxonomyTermIds: [FOOD], description: 'Emergency food parcels.' }),
      )
    ).body;
    const anyone = h.api.as(undefined);

    // The schemas do refuse what is not HSDS (a check of the check).
    expect(VALIDATE.service({ id: 'not-a-uuid', name: 'x', status: 'open' })).toBe(false);
    const root = await anyone.get<Json>(feed());
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ version: '3.0' });

    const page = expectPage(await anyone.get(feed('/services?search=zeta&per_page=1')), VALIDATE.serviceList);
    expect(page).toMatchObject({
      total_items: 2,
      total_pages: 2,
      page_number: 1,
      size: 1,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const found = expectPage(
      await anyone.get(feed(`/services?search=zeta&taxonomy_term_id=${DEBT}`)),
      VALIDATE.serviceList,
    );
    expect(found.contents.map((s) => s.name)).toEqual(['Zeta debt advice']);
    const byTaxonomy = expectPage(
      await anyone.get(feed(`/services?search=parcels&taxonomy_id=${HEARTH_TAXONOMY}`)),
      VALIDATE.serviceList,
    );
    expect(byTaxonomy.contents.map((s) => s.id)).toEqual([food.id]);
    expect((await anyone.get<Json>(feed(`/services?search=zeta`))).body.contents).not.toContainEqual(
      expect.objectContaining({ id: hidden.id }),
    );

    const full = await anyone.get<Json>(feed(`/services/${debt.id as string}`));
    expect(full.status).toBe(200);
    expectValid(VALIDATE.service, full.body);
    expect(full.body).toMatchObject({
      status: 'active',
      languages: [{ code: 'en' }, { code: 'pl', name: 'Polish' }],
    });
    expect((await anyone.get(feed(`/services/${hidden.id as string}`))).status).toBe(404);

    const sals = expectPage(await anyone.get(feed('/service_at_locations?search=zeta')), VALIDATE.salList);
    expect(sals.contents).toHaveLength(2);
    const sal = await anyone.get<Json>(feed(`/service_at_locations/${sals.contents[0].id as string}`));
    expectValid(VALIDATE.sal, sal.body);
    expect(sal.body).toMatchObject({ location: { addresses: [{ postal_code: 'LS1 4AP' }] } });

    const orgs = expectPage(await anyone.get(feed('/organizations?search=zeta')), VALIDATE.organizationList);
    expect(orgs.contents).toHaveLength(2);
    const org = await anyone.get<Json>(feed(`/organizations/${(debt.organization as Json).id as string}`));
    expectValid(VALIDATE.organization, org.body);

    const taxonomies = expectPage(await anyone.get(feed('/taxonomies')), VALIDATE.taxonomy);
    expect(taxonomies.contents.map((t) => t.id)).toContain(HEARTH_TAXONOMY);
    expectValid(VALIDATE.taxonomy, (await anyone.get(feed(`/taxonomies/${HEARTH_TAXONOMY}`))).body);
    const terms = expectPage(
      await anyone.get(feed(`/taxonomy_terms?taxonomy_id=${HEARTH_TAXONOMY}&per_page=100`)),
      VALIDATE.term,
    );
    expect(terms.total_items).toBe(15);
    expectValid(VALIDATE.term, (await anyone.get(feed(`/taxonomy_terms/${DEBT}`))).body);

    // Retired: gone from the feed.
    await admin.post(`${base()}/${debt.id as string}/retire`);
    expect((await anyone.get(feed(`/services/${debt.id as string}`))).status).toBe(404);
  });

  it('answers bad feed requests with 400 and unknown regions with 404', async () => {
    const anyone = h.api.as(undefined);
    for (const query of ['page=0', 'per_page=1000', 'taxonomy_term_id=debt', 'surprise=1'])
      expect((await anyone.get(feed(`/services?${query}`))).status).toBe(400);
    expect((await anyone.get(feed('/services/not-a-uuid'))).status).toBe(400);
    expect((await anyone.get('/api/v1/public/regions/no-such-region/oruk/services')).status).toBe(404);
    expect((await anyone.get('/api/v1/public/regions/NOT%20A%20SLUG/oruk')).status).toBe(400);
  });
});

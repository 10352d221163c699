import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, Json> };
type Document = { servers: { url: string }[]; paths: Record<string, { get: Operation }>; components: Json };
type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  contents: Json[];
} & Json;

/**
 * Open Referral UK's published schemas under the addresses its documents name them by, read from a copy (the
 * tests run offline): a harvester resolves a feed's `$ref`s to these.
 */
const PUBLISHED = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const COPY = join(__dirname, '../../directory/test/test-data/oruk-3.0/schema');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const dir of ['', 'compiled/'])
  for (const file of readdirSync(join(COPY, dir)).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
    ajv.addSchema(
      JSON.parse(readFileSync(join(COPY, dir, file), 'utf8')) as object,
      `${PUBLISHED}${dir}${file}`,
    );

/** A GET as any web page makes it: JSON back, and readable from another origin. */
async function get(url: string): Promise<Json> {
  const res = await fetch(url, {
    headers: { accept: 'application/json', origin: 'https://council.example.gov.uk' },
  });
  const body = (await res.json()) as Json;
  expect({ url, status: res.status, cors: res.headers.get('access-control-allow-origin') }).toEqual({
    url,
    status: 200,
    cors: '*',
  });
  return body;
}

/** The schema of a 200 answer of the operation, its `#/components` references taken from the document. */
function answerSchema(doc: Document, op: Operation): ValidateFunction {
  const local = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(local);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/'))
      return local(
        ref
          .slice(2)
          .split('/')
          .reduce<unknown>((at, key) => (at as Json)[key], doc),
      );
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, local(v)]));
  };
  const content = (op.responses['200'] as { content: Record<string, { schema: Json }> }).content;
  return ajv.compile(local(content['application/json'].schema) as object);
}

function expectValid(validate: ValidateFunction, body: unknown, where: string) {
  const ok = validate(body);
  expect({ where, errors: ok ? [] : validate.errors }).toEqual({ where, errors: [] });
}

/** What a harvester that knows only Open Referral UK 3.0 takes from a feed: every item of every list, by path. */
async function harvest(rootUrl: string): Promise<Record<string, Json[]>> {
  const root = await get(rootUrl);
  expect(root).toEqual({ version: '3.0', profile: expect.any(String), openapi_url: expect.any(String) });
  const doc = (await get(root.openapi_url as string)) as unknown as Document;
  const server = doc.servers[0].url;
  expectValid(answerSchema(doc, doc.paths['/'].get), root, '/');
  const lists = Object.keys(doc.paths).filter((p) => `${p}/{id}` in doc.paths);
  expect(lists.sort()).toEqual(
    expect.arrayContaining([
      '/organizations',
      '/service_at_locations',
      '/services',
      '/taxonomies',
      '/taxonomy_terms',
    ]),
  );
  const found: Record<string, Json[]> = {};
  for (const list of lists) {
    const op = doc.paths[list].get;
    expect(op.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['page', 'per_page']));
    const validatePage = answerSchema(doc, op);
    // The schemas do refuse what is not HSDS (a check of the check).
    expect(validatePage({ total_items: 1, contents: [{ id: 'not-a-uuid' }] })).toBe(false);
    const items: Json[] = [];
    for (let n = 1; ; n++) {
      // Small pages, to walk several.
      const page = (await get(`${server}${list}?page=${n}&per_page=2`)) as Page;
      expectValid(validatePage, page, `${list} page ${n}`);
      expect(page).toMatchObject({ page_number: n, size: page.contents.length, first_page: n === 1 });
      items.push(...page.contents);
      if (page.last_page) {
        expect([n, items.length]).toEqual([page.total_pages, page.total_items]);
        break;
      }
      expect(page.size).toBe(2);
    }
    const validateItem = answerSchema(doc, doc.paths[`${list}/{id}`].get);
    expect(validateItem({ id: 'not-a-uuid' })).toBe(false);
    for (const item of items) {
      const full = await get(`${server}${list}/${encodeURIComponent(item.id as string)}`);
      expectValid(validateItem, full, `${list}/${item.id as string}`);
      expect(full.id).toBe(item.id);
    }
    found[list] = items;
  }
  return found;
}

const counts = (ids: unknown[]) =>
  ids.reduce<Record<string, number>>((n, id) => ({ ...n, [String(id)]: (n[String(id)] ?? 0) + 1 }), {});

/**
 * A harvester written only from the Open Referral UK spec walks a region's feed from `/`: its OpenAPI document,
 * every page of every list and every item by id, each answer valid against the published schemas; it finds every
 * active listing exactly once, and nothing else.
 */
describe('a harvester that knows only the Open Referral UK spec (gateway → NATS → directory)', () => {
  let h: DistributedHearth;

  beforeAll(async () => {
    h = await startDistributedHearth();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('walks the whole feed from / and finds every active listing exactly once', async () => {
    const platform = await h.given.platformAdmin();
    const region = await h.given.region(platform);
    const invite = await h.api.as(platform).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'harvest-admin@example.org',
      role: 'region-admin',
    });
    const admin = h.api.as(
      await h.given.acceptInvitation(invite.body.token as string, 'harvest-admin@example.org'),
    );
    const base = `/api/v1/regions/${region.id}/directory/services`;
    const make = async (name: string, extra: Json = {}) => {
      const res = await admin.post<Json & { organization: Json }>(base, {
        name,
        description: `${name}, for anyone in Leeds.`,
        email: 'team@example.org',
        location: {
          name: 'Civic Hall',
          address1: '1 Calverley St',
          city: 'Leeds',
          postcode: 'LS1 4AP',
          latitude: 53.8,
          longitude: -1.55,
        },
        schedules: [{ freq: 'WEEKLY', byday: 'TU,TH', opensAt: '18:30', closesAt: '20:00' }],
        contact: { name: 'Front desk', phone: '0113 496 0000' },
        taxonomyTermIds: ['d96cb944-0f1a-4ffe-af4c-d0d48c68c8d9'],
        languages: ['en'],
        ...(extra.organizationId
          ? {}
          : { organization: { name: `${name} Trust`, website: 'https://example.org' } }),
        ...extra,
      });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, organizationId: res.body.organization.id as string };
    };
    const active = [];
    for (const name of ['Recovery café', 'Walking group', 'Debt clinic', 'Food pantry', 'SMART meeting'])
      active.push(await make(name));
    active.push(await make('Second café', { organizationId: active[0].organizationId }));
    await make('Paused group', { status: 'inactive' });
    const retired = await make('Closed clinic');
    expect((await admin.post(`${base}/${retired.id}/retire`)).status).toBe(200);

    const found = await harvest(`${h.api.baseUrl}/api/v1/public/regions/${region.slug}/oruk`);

    const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));
    expect(counts(found['/services'].map((s) => s.id))).toEqual(once(active.map((a) => a.id)));
    expect(counts(found['/service_at_locations'].map((s) => s.service_id))).toEqual(
      once(active.map((a) => a.id)),
    );
    expect(counts(found['/organizations'].map((o) => o.id))).toEqual(
      once([...new Set(active.map((a) => a.organizationId))]),
    );
    expect(found['/taxonomies'].map((t) => t.name)).toContain('Hearth recovery community');
    expect(found['/taxonomy_terms']).toHaveLength(15);
    // Nothing about a person: no contact is named after one, no account or email of an actor is in the feed.
    expect(JSON.stringify(found)).not.toContain('harvest-admin');
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { startOrukFeed, type OrukFeed } from '@hearth/testing';
import {
  comparable,
  example,
  curating,
  imported,
  schemaErrors,
  startTransferWorld,
  type Json,
  type TransferWorld,
} from './directory-transfer.fixture';

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
  schedules: [
    { freq: 'WEEKLY', byday: 'MO,WE', opensAt: '10:00', closesAt: '16:00' },
    { freq: 'MONTHLY', bymonthday: '1', opensAt: '18:00', closesAt: '20:00', description: 'Evening clinic' },
  ],
  contact: { name: 'Advice team', phone: '+44 113 496 0000', email: 'advice@example.org' },
  taxonomyTermIds: [DEBT],
  languages: ['en', 'pl'],
  ...extra,
});

/** A region's whole directory out as HSDS (ADR 0041), and back in elsewhere: the same feed. */
describe('directory exports (gateway → NATS → directory), and the round trip', () => {
  let world: TransferWorld;
  const feeds: OrukFeed[] = [];
  const directory = (regionId: string) => `/api/v1/regions/${regionId}/directory`;
  let serviceCount = 0;

  async function download(token: string | undefined, regionId: string, file: 'export.json' | 'export.zip') {
    const res = await fetch(`${world.h.api.baseUrl}${directory(regionId)}/${file}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    world = await startTransferWorld();
    const admin = world.cast.as('region admin');
    const services = `${directory(world.cast.region.id)}/services`;
    await admin.post(services, listing('Debt advice'));
    await admin.post(services, listing('Food bank', { taxonomyTermIds: [FOOD, DEBT], languages: [] }));
    await admin.post(services, listing('Winter shelter', { status: 'inactive', contact: null }));
    const gone = await admin.post<Json>(services, listing('Closed cafe', { location: null }));
    await admin.post(`${services}/${gone.body.id}/retire`);
    // And a council's feed (the reference examples), whose own taxonomy comes with it.
    const council = await startOrukFeed([
      example('service_full.json'),
      { ...example('service_full.json'), id: 'fh-2', name: 'Family Hub drop-in' },
    ]);
    feeds.push(council);
    await imported(admin, world.cast.region.id, { url: council.url });
    serviceCount = 6;
  }, 180_000);

  afterAll(async () => {
    for (const f of feeds) await f.close();
    await world?.h.close();
  });

  it('lets the region’s admins, directory curators and commissioners download it, and nobody else', async () => {
    expect(
      await world.cast.statuses((api) => api.get(`${directory(world.cast.region.id)}/export.json`)),
    ).toEqual(curating(200, true));
    expect(
      await world.cast.statuses((api) => api.get(`${directory(world.cast.region.id)}/export.zip`)),
    ).toEqual(curating(200, true));
    expect(
      (await world.cast.as('region admin').get('/api/v1/regions/not-a-uuid/directory/export.json')).status,
    ).toBe(400);
  });

  it('answers the whole directory as one HSDS JSON file, every service as the feed nests it', async () => {
    const res = await download(world.cast.tokens.commissioner, world.cast.region.id, 'export.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="directory-.*\.json"$/);
    const body = JSON.parse(res.body.toString('utf8')) as Json & { services: Json[]; taxonomies: Json[] };
    expect(body).toMatchObject({ format: 'HSDS', version: '3.0', region_id: world.cast.region.id });
    expect(body.services).toHaveLength(serviceCount);
    for (const service of body.services) expect(schemaErrors(service)).toEqual([]);
    expect(body.services.map((s) => s.status).sort()).toEqual([
      'active',
      'active',
      'active',
      'active',
      'defunct',
      'inactive',
    ]);
    expect(body.taxonomies.map((t) => t.name).sort()).toEqual(['Hearth recovery community', 'taxonomy']);
    expect(JSON.stringify(body)).not.toMatch(/source_id|updated_by|source_digest/);
  });

  it('answers the HSDS tables as CSV files in a zip, with a data package written last', async () => {
    const res = await download(world.cast.tokens['region admin'], world.cast.region.id, 'export.zip');
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/zip']);
    const files = unzipSync(new Uint8Array(res.body));
    const names = Object.keys(files);
    expect(names[names.length - 1]).toBe('datapackage.json');
    const pkg = JSON.parse(strFromU8(files['datapackage.json'])) as { resources: { name: string }[] };
    expect(pkg.resources.map((r) => r.name)).toEqual(
      names.filter((n) => n.endsWith('.csv')).map((n) => n.slice(0, -4)),
    );
    expect(names).toEqual(expect.arrayContaining(['services.csv', 'schedules.csv', 'taxonomy_terms.csv']));
    const lines = (name: string) => strFromU8(files[name]).trimEnd().split('\r\n');
    const services = lines('services.csv');
    expect(services[0]).toBe(
      'id,organization_id,name,description,url,email,status,fees,accreditations,minimum_age,maximum_age,assured_date,assurer_email,alert,last_modified',
    );
    expect(services).toHaveLength(serviceCount + 1);
    // Data for programs: a phone number and a longitude as they are, never prefixed against spreadsheets.
    expect(lines('phones.csv').some((l) => l.includes(',+44 113 496 0000,'))).toBe(true);
    expect(lines('locations.csv').some((l) => l.includes(',-1.5491,'))).toBe(true);
    expect(lines('schedules.csv')).toHaveLength(2 * 4 + 2 + 1);
  });

  it('comes back the same: export, serve it as a feed, import it into an empty region, and both feeds answer alike', async () => {
    const theirs = world.cast.as('another region’s admin');
    const empty = await download(
      world.cast.tokens['another region’s admin'],
      world.cast.elsewhere.id,
      'export.json',
    );
    expect(JSON.parse(empty.body.toString('utf8'))).toMatchObject({ services: [], organizations: [] });

    const exported = JSON.parse(
      (await download(world.cast.tokens['region admin'], world.cast.region.id, 'export.json')).body.toString(
        'utf8',
      ),
    ) as Record<'services' | 'organizations' | 'taxonomies' | 'taxonomy_terms', Json[]>;
    const served = await startOrukFeed(exported.services, {
      pageSize: 4,
      named: {
        organizations: exported.organizations,
        taxonomies: exported.taxonomies,
        taxonomy_terms: exported.taxonomy_terms,
      },
    });
    feeds.push(served);
    const run = await imported(theirs, world.cast.elsewhere.id, { url: served.url });
    expect(run.counts).toMatchObject({ seen: serviceCount, created: serviceCount, skipped: 0 });

    const answers = async (slug: string) => {
      const anyone = world.cast.as('anonymous');
      const base = `/api/v1/public/regions/${slug}/oruk`;
      const names = new Map<string, string>();
      const list = (await anyone.get<{ contents: Json[] }>(`${base}/services?per_page=100`)).body;
      const out: unknown[] = [comparable(list, names)];
      for (const s of list.contents)
        out.push(comparable((await anyone.get(`${base}/services/${s.id}`)).body, names));
      for (const path of ['service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms'])
        out.push(comparable((await anyone.get(`${base}/${path}?per_page=100`)).body, names));
      return out;
    };
    const ours = await answers(world.cast.region.slug);
    expect((ours[0] as Json).total_items).toBe(4);
    expect(await answers(world.cast.elsewhere.slug)).toEqual(ours);
  });
});

import { join } from 'node:path';
import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { OrukListRequest } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase, testRegionId, withClient } from '@hearth/testing';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { explaining, type Plan } from './explaining';
import { OrukRepository } from '../src/oruk/oruk.repository';
import { EARTH_RADIUS_METRES, PlacesFilter, type Near } from '../src/oruk/places.filter';
import { loadPostcodes } from '../src/places/postcode-loader';

const LEEDS = join(__dirname, 'test-data', 'postcodes', 'nspl-leeds-sample.csv');
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const LISTINGS = 10_000;

/** `n` listings of one region, written as the owner, scattered over West Yorkshire (53.55–53.95 N, 2.05–1.2 W). */
async function seedRegion(owner: Client, region: string, n: number, seed: number) {
  await owner.query('select setseed($1)', [seed]);
  await owner.query('drop table if exists seed');
  await owner.query(
    `create temp table seed as select g, gen_random_uuid() as org, gen_random_uuid() as svc,
       gen_random_uuid() as loc, 53.55 + random() * 0.4 as lat, -2.05 + random() * 0.85 as lon
     from generate_series(1, $1) g`,
    [n],
  );
  const terms = `(select array_agg(id order by id) from directory.taxonomy_terms where region_id is null)`;
  for (const sql of [
    `insert into directory.organizations (id, region_id, name, description)
       select org, $1, 'Organisation ' || g, 'A local charity' from seed`,
    `insert into directory.services (id, region_id, organization_id, name, description)
       select svc, $1, org, 'Service ' || g, 'Help for anyone who asks' from seed`,
    `insert into directory.locations (id, region_id, organization_id, latitude, longitude)
       select loc, $1, org, lat, lon from seed`,
    `insert into directory.addresses (id, region_id, location_id, address_1, city, postal_code)
       select gen_random_uuid(), $1, loc, g || ' High Street', 'Leeds', 'LS1 4AP' from seed`,
    `insert into directory.service_at_locations (id, region_id, service_id, location_id)
       select gen_random_uuid(), $1, svc, loc from seed`,
    `insert into directory.attributes (id, region_id, link_id, link_type, taxonomy_term_id)
       select gen_random_uuid(), $1, svc, 'service', (${terms})[1 + g % 15] from seed`,
  ])
    await owner.query(sql, [region]);
}

/** The great-circle distance in metres, computed here rather than by the database. */
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(h));
}

/** Proximity over 10,000 listings: the right ones, nearest first, found through the indexes. */
describe('the feed near a postcode, over 10,000 listings of a region', () => {
  let db: TestDatabase;
  let service: DirectoryDatabase;
  const region = uuidv7();
  const elsewhere = uuidv7();
  const query = (q: Partial<OrukListRequest>) =>
    ({ regionSlug: 'west-yorkshire', resource: 'services', ...q }) as OrukListRequest;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      await loadPostcodes(owner, LEEDS);
      await seedRegion(owner, region, LISTINGS, 0.17);
      await seedRegion(owner, elsewhere, 1_000, 0.29);
      await owner.query('analyze');
    });
    service = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.urlFor(DIRECTORY_SCHEMA.schema) });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('finds exactly the listings within 3 km of LS1 4AP with a term, nearest first, and only the region’s', async () => {
    const near = await new PlacesFilter(service).near(
      testRegionId(region),
      query({ postcode: 'LS1 4AP', proximity: 3000 }),
    );
    expect(near).toEqual({ postcode: 'LS1 4AP', latitude: 53.79547, longitude: -1.55572, metres: 3000 });
    const expected = await withClient(db.ownerUrl, async (owner) => {
      const { rows } = await owner.query<{ id: string; lat: number; lon: number }>(
        `select s.id, l.latitude as lat, l.longitude as lon from directory.services s
           join directory.service_at_locations sal on sal.service_id = s.id
           join directory.locations l on l.id = sal.location_id
           join directory.attributes a on a.link_id = s.id and a.taxonomy_term_id = $2
          where s.region_id = $1`,
        [region, DEBT],
      );
      return rows
        .map((r) => ({ id: r.id, distance: metres({ lat: 53.79547, lon: -1.55572 }, r) }))
        .filter((r) => r.distance <= 3000)
        .sort((a, b) => a.distance - b.distance);
    });
    expect(expected.length).toBeGreaterThan(3);
    const feed = new OrukRepository(service);
    const found = await feed.services(testRegionId(region), { taxonomy_term_id: DEBT }, 100, 0, near as Near);
    expect(found.total).toBe(expected.length);
    expect(found.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // Without a radius, every listing of the region, the nearest first.
    const everything = await feed.services(testRegionId(region), {}, 3, 0, { ...near!, metres: undefined });
    expect(everything.total).toBe(LISTINGS);
  });

  it('measures from the postcode list: a postcode not in it, or not loaded at all, is a 400 saying so', async () => {
    const places = new PlacesFilter(service);
    await expect(places.near(testRegionId(region), query({ postcode: 'LS1 9ZZ' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Invalid postcode: LS1 9ZZ is not in Hearth’s postcode list.',
    });
    await expect(
      places.near(testRegionId(region), query({ postcode: 'LS1 4AP', resource: 'organizations' })),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'postcode' }] } });
    expect(await places.near(testRegionId(region), query({}))).toBeUndefined();
  });

  it('uses the latitude and longitude indexes, never a sequential scan of locations, services or their links', async () => {
    const plans: Plan[][] = [];
    const feed = new OrukRepository(explaining(service, plans));
    const near: Near = { postcode: 'LS1 4AP', latitude: 53.79547, longitude: -1.55572, metres: 3000 };
    await feed.services(testRegionId(region), {}, 50, 0, near);
    await feed.services(testRegionId(region), { taxonomy_term_id: DEBT }, 50, 0, near);
    await feed.serviceAtLocations(testRegionId(region), {}, 50, 0, near);
    expect(plans).toHaveLength(3); // a page each, counted in the same statement (ADR 0046)
    for (const nodes of plans) {
      const scans = nodes.filter((n) => n['Relation Name']);
      expect(
        scans
          .filter((n) => n['Node Type'] === 'Seq Scan')
          .map((n) => n['Relation Name'])
          .filter((t) => ['locations', 'services', 'service_at_locations'].includes(t!)),
      ).toEqual([]);
      // The box: a range on (region_id, latitude) or (region_id, longitude), or both ANDed as bitmaps.
      expect(nodes.map((n) => n['Index Name'])).toEqual(
        expect.arrayContaining([expect.stringMatching(/^locations_[01]_idx$/)]),
      );
    }
  });
});

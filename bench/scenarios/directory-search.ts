import { join } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_FEED_CACHE_SIZE, loadPostcodes } from '../../apps/directory/src';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { ROOT } from '../lib/processes';
import { startRawServer } from '../lib/raw-server';

const SERVICES = 10_000;
export const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
/** Real centroids around LS1 4AP (apps/directory/test/test-data/postcodes/README.md). */
export const LEEDS = join(ROOT, 'apps/directory/test/test-data/postcodes/nspl-leeds-sample.csv');
const LS1_4AP = { latitude: 53.79547, longitude: -1.55572 };
const TOPICS = [
  'debt',
  'housing',
  'food',
  'benefits',
  'employment',
  'family',
  'legal',
  'recovery',
  'walking',
];
const KINDS = ['advice', 'support', 'drop-in', 'group', 'service', 'clinic', 'café', 'project'];

/**
 * 10,000 listings of one region written straight into the directory schema as the owner (through the API they
 * would take minutes), each with its organisation, a place scattered over West Yorkshire (53.55–53.95 N,
 * 2.05–1.2 W), an address, a taxonomy term and a name and description of common words.
 */
export async function seedDirectory(owner: Client, regionId: string): Promise<void> {
  await owner.query('select setseed(0.38)');
  await owner.query('drop table if exists bench.directory_seed');
  await owner.query('create schema if not exists bench');
  await owner.query(
    `create table bench.directory_seed as select g, gen_random_uuid() as org, gen_random_uuid() as svc,
       gen_random_uuid() as loc, 53.55 + random() * 0.4 as lat, -2.05 + random() * 0.85 as lon,
       ($2::text[])[1 + g % array_length($2::text[], 1)] as topic,
       ($3::text[])[1 + (g / 9) % array_length($3::text[], 1)] as kind
     from generate_series(1, $1) g`,
    [SERVICES, TOPICS, KINDS],
  );
  const terms = `(select array_agg(id order by id) from directory.taxonomy_terms where region_id is null)`;
  for (const sql of [
    `insert into directory.organizations (id, region_id, name, description)
       select org, $1, initcap(topic) || ' Trust ' || g, 'A local charity in West Yorkshire' from bench.directory_seed`,
    `insert into directory.services (id, region_id, organization_id, name, description, email)
       select svc, $1, org, initcap(topic) || ' ' || kind || ' ' || g,
              'Free ' || topic || ' ' || kind || ' for anyone who asks, run by volunteers with lived experience.',
              'team' || g || '@example.org' from bench.directory_seed`,
    `insert into directory.locations (id, region_id, organization_id, latitude, longitude)
       select loc, $1, org, lat, lon from bench.directory_seed`,
    `insert into directory.addresses (id, region_id, location_id, address_1, city, postal_code)
       select gen_random_uuid(), $1, loc, g || ' High Street', 'Leeds', 'LS1 4AP' from bench.directory_seed`,
    `insert into directory.service_at_locations (id, region_id, service_id, location_id)
       select gen_random_uuid(), $1, svc, loc from bench.directory_seed`,
    `insert into directory.schedules (id, region_id, service_id, freq, byday, opens_at, closes_at)
       select gen_random_uuid(), $1, svc, 'WEEKLY', 'MO,WE', '10:00', '16:00' from bench.directory_seed`,
    `insert into directory.attributes (id, region_id, link_id, link_type, taxonomy_term_id)
       select gen_random_uuid(), $1, svc, 'service', case when topic = 'debt' then $2::uuid
         else (${terms})[1 + g % 15] end from bench.directory_seed`,
  ])
    await owner.query(sql, sql.includes('$2') ? [regionId, DEBT] : [regionId]);
  // As autovacuum would have left 10,000 new rows (it is off on the bench's shared server): statistics, and a
  // visibility map that lets index-only scans skip the heap.
  await owner.query('vacuum analyze');
}

/** The same list in one raw statement on the owner's connection: the count and a page of 50 by name. */
function rawList(regionId: string, from: string, where: string, order: string): string {
  const region = `s.region_id = '${regionId}' and s.status = 'active'`;
  return `select (select count(*) from ${from} where ${region} and ${where}) as total_items,
            (select json_agg(x) from (select s.id, s.name, s.description, s.email from ${from}
               where ${region} and ${where} order by ${order} limit 50) x) as contents`;
}

const HAVERSINE = `12742017.6 * asin(least(1, sqrt(power(sin(radians(l.latitude - ${LS1_4AP.latitude}) / 2), 2)
  + cos(radians(${LS1_4AP.latitude})) * cos(radians(l.latitude))
  * power(sin(radians(l.longitude - ${LS1_4AP.longitude}) / 2), 2))))`;

export interface SeededRegion {
  id: string;
  slug: string;
}

/**
 * A region with the directory's 10,000 listings and the Leeds postcodes: unmeasured set-up (most of a minute), which
 * the full run does alongside the other scenarios' seeding.
 */
export async function seedDirectoryRegion(
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<SeededRegion> {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await seedDirectory(owner, region.id);
    await loadPostcodes(owner, LEEDS);
  } finally {
    await owner.end();
  }
  return region;
}

/**
 * `directory-search`: a region's public Open Referral UK feed with 10,000 services, at 10 connections, anonymous,
 * through gateway → NATS → directory → Postgres: `search=debt` (full text), `taxonomy_term_id` (Debt and money)
 * and `postcode=LS1 4AP&proximity=3000` — each a count and a page of 50 HSDS services, each twice: the same
 * question again (the directory gives its kept answer while the region's data is unchanged: ADR 0047) and made
 * afresh (the directory restarted keeping none). Against the same count and page (names only) in one raw SQL statement
 * on bare Fastify + pg. Goal: p99 ≤ 50 ms.
 */
export async function directorySearch(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
  seeded: Promise<SeededRegion> = seedDirectoryRegion(db, hearth),
): Promise<BenchRow[]> {
  const region = await seeded;
  const feed = `${hearth.api.baseUrl}/api/v1/public/regions/${region.slug}/oruk/services`;
  const box = `l.latitude between 53.76 and 53.83 and l.longitude between -1.61 and -1.50`;
  const queries = [
    {
      name: 'directory-search search=debt',
      path: '?search=debt',
      sql: rawList(
        region.id,
        'directory.services s',
        `s.search_vector @@ websearch_to_tsquery('english', 'debt')`,
        's.name, s.id',
      ),
    },
    {
      name: 'directory-search taxonomy_term_id',
      path: `?taxonomy_term_id=${DEBT}`,
      sql: rawList(
        region.id,
        'directory.services s',
        `s.id in (select link_id from directory.attributes where link_type = 'service' and taxonomy_term_id = '${DEBT}')`,
        's.name, s.id',
      ),
    },
    {
      name: 'directory-search postcode+proximity',
      path: '?postcode=LS1%204AP&proximity=3000',
      sql: rawList(
        region.id,
        `directory.services s join (select sal.service_id, min(${HAVERSINE}) as distance
           from directory.service_at_locations sal join directory.locations l on l.id = sal.location_id
          where ${box} and ${HAVERSINE} <= 3000 group by sal.service_id) near on near.service_id = s.id`,
        'true',
        'near.distance, s.name, s.id',
      ),
    },
  ];
  const raw = await startRawServer(
    db.ownerUrl,
    queries.map((q, i) => ({ path: `/raw/directory/${i}`, sql: q.sql })),
  );
  try {
    const rows: BenchRow[] = [];
    const first = await Promise.all(queries.map(async (q) => (await fetch(`${feed}${q.path}`)).json()));
    // The directory keeps its answers while the region's data is unchanged (ADR 0047): the same question again is
    // a kept answer. Then the same questions with the directory keeping none, so that each answer is made afresh.
    for (const [suffix, how] of [
      ['', 'the same question each time: a kept answer (ADR 0047)'],
      [', made afresh', 'DIRECTORY_FEED_CACHE_SIZE=0: every answer made afresh'],
    ] as const) {
      if (suffix) await hearth.restart('directory', { DIRECTORY_FEED_CACHE_SIZE: '0' });
      for (const [i, q] of queries.entries()) {
        const row = await compareLoad(
          config,
          `${q.name}${suffix}`,
          'baseline-raw-sql-list',
          10,
          { url: `${feed}${q.path}` },
          { url: `${raw.url}/raw/directory/${i}` },
        );
        const items = (first[i] as { total_items?: number }).total_items;
        rows.push({
          ...row,
          note: [`${items} of ${SERVICES} services match; a page of 50; ${how}; goal p99 ≤ 50 ms`, row.note]
            .filter(Boolean)
            .join('; '),
        });
      }
    }
    // As it was, for whatever runs next.
    await hearth.restart('directory', { DIRECTORY_FEED_CACHE_SIZE: String(DEFAULT_FEED_CACHE_SIZE) });
    return rows;
  } finally {
    await raw.close();
  }
}

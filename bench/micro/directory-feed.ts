import { Client } from 'pg';
import {
  DIRECTORY_SCHEMA,
  DirectoryDatabase,
  FeedAnswers,
  loadPostcodes,
  OrukRepository,
  OrukService,
  PlacesFilter,
  RegionSlugs,
  ServiceGraphRepository,
} from '../../apps/directory/src';
import type { OrukListRequest, RequestContext } from '../../libs/contracts/src';
import { testRegionId } from '../../libs/testing/src/tenant-id';
import { freshDatabase, startDistributed } from '../lib/hearth';
import { DEBT, LEEDS, seedDirectory } from '../scenarios/directory-search';

/** `n` runs of `op` one after another (after a few unmeasured ones): the median and the 99th percentile, in ms. */
async function time(n: number, op: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < Math.min(20, n); i++) await op();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await op();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(2);
  return `${at(0.5)} / ${at(0.99)}`;
}

/**
 * `node dist/bench/micro/directory-feed.js [n]`: where one answer of the directory's public feed spends its time,
 * one request at a time (no load), over the `directory-search` scenario's 10,000 listings (ADR 0046). Through
 * the gateway; the gateway → NATS → directory round trip alone (a parameter the directory refuses before
 * anything else); the same with the region named by its slug (`/`); and in this process, as the directory's
 * role under the region's RLS: the feed's whole answer (`OrukService.list`: the postcode, the page's statement,
 * the HSDS objects), its SQL alone, and the answer serialised.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 200);
  const db = await freshDatabase();
  const hearth = await startDistributed(db);
  const directory = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.serviceUrls.directory });
  try {
    const admin = await hearth.given.platformAdmin();
    const region = await hearth.given.region(admin);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await seedDirectory(owner, region.id);
    await loadPostcodes(owner, LEEDS);
    await owner.end();
    const base = `${hearth.api.baseUrl}/api/v1/public/regions/${region.slug}/oruk`;
    const get =
      (path: string, status = 200) =>
      async () => {
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        if (res.status !== status) throw new Error(`${path}: ${res.status}`);
      };
    const regionId = testRegionId(region.id);
    const feed = new OrukRepository(directory);
    const places = new PlacesFilter(directory);
    const known = new RegionSlugs(async () => ({ id: region.id, name: 'Bench', slug: region.slug }), 60_000);
    // Keeping no answer: the steps below are what making one costs (`the feed's version` what keeping one does).
    const fresh = new FeedAnswers((r) => feed.versionOf(r), 0);
    const service = new OrukService(known, feed, new ServiceGraphRepository(directory), places, fresh);
    const ctx = {} as RequestContext;
    const rows: { step: string; 'ms (p50 / p99)': string }[] = [];
    const step = async (name: string, op: () => Promise<unknown>) =>
      rows.push({ step: name, 'ms (p50 / p99)': await time(n, op) });
    await step('gateway → NATS → directory, refused at once (400)', get('/taxonomies?minimum_age=3', 400));
    await step('the same with the region by its slug (`/`)', get(''));
    const queries: [string, OrukListRequest][] = [
      ['search=debt', { regionSlug: region.slug, resource: 'services', search: 'debt' }],
      ['taxonomy_term_id', { regionSlug: region.slug, resource: 'services', taxonomy_term_id: DEBT }],
      [
        'postcode+proximity',
        { regionSlug: region.slug, resource: 'services', postcode: 'LS1 4AP', proximity: 3000 },
      ],
    ];
    await step("SQL, the feed's version (ADR 0047)", () => feed.versionOf(regionId));
    for (const [name, q] of queries) {
      const { regionSlug: _, resource: __, ...params } = q;
      const path = `/services?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
      await step(`${name}: through the gateway (a kept answer, ADR 0047)`, get(path));
      await step(`${name}: the directory's answer, in process`, () => service.list(ctx, q));
      const near = await places.near(regionId, q);
      if (near) await step(`${name}: SQL, the postcode`, () => places.near(regionId, q));
      await step(`${name}: SQL, the page's statement`, () => feed.services(regionId, q, 50, 0, near));
      const page = await service.list(ctx, q);
      await step(`${name}: JSON.stringify of the answer`, async () => JSON.stringify(page));
      rows.push({
        step: `${name}: bytes of the answer`,
        'ms (p50 / p99)': String(JSON.stringify(page).length),
      });
    }
    console.table(rows);
  } finally {
    await directory.close();
    await hearth.stop();
  }
}

void main();

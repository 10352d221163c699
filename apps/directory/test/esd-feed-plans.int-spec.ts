import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { createMigratedDatabase, testRegionId, withClient } from '@hearth/testing';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { explaining, type Plan } from './explaining';
import { OrukRepository, type FeedQuery } from '../src/oruk/oruk.repository';
import { loadEsdTaxonomy } from '../src/taxonomy/esd-loader';

const SERVICES = join(__dirname, 'test-data/esd/services.csv');
const LISTINGS = 10_000;
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';
const ELSEWHERE = uuidv7();

/**
 * The feed's taxonomy filters follow a region's mappings (ADR 0043): over 10,000 listings (1 in 100 in "Debt and
 * money", the rest in "Food"), the services with a term mapped to a term of its esd list are found through the
 * indexes of the services' terms, never by a scan of them or of services. (A filter that keeps most of a region
 * is read in full, as it should be.)
 */
describe('the feed’s taxonomy filters through a region’s mappings', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let service: DirectoryDatabase;
  const region = uuidv7();
  let taxonomyId: string;
  let debtCounselling: string;

  beforeAll(async () => {
    db = await createMigratedDatabase([DIRECTORY_SCHEMA]);
    const owner = db.owner;
    // The list, with Hearth's shipped mappings (Debt and money → Debt counselling, …).
    ({ taxonomyId } = await withClient(db.ownerUrl, (c) =>
      loadEsdTaxonomy(c, SERVICES, { regionId: region, vocabulary: 'esdServiceType' }),
    ));
    const { rows } = await owner.query<{ id: string }>(
      `select id from directory.taxonomy_terms where taxonomy_id = $1 and source_id = 'esdServiceType:651'`,
      [taxonomyId],
    );
    debtCounselling = rows[0].id;
    await owner.query(
      // Ids from the row number, as feed-plans does: the same table layout, and so the same plans, every run.
      `create temp table seed as select g, md5('o' || g)::uuid as org, md5('s' || g)::uuid as svc
         from generate_series(1, $1) g`,
      [LISTINGS],
    );
    // Another region's 2,000 listings share the tables, as in any deployment (and as in feed-plans): with one
    // region alone in a small table, reading all of it costs the planner less than 100 lookups of random ids.
    await owner.query(
      `insert into seed select -g, md5('eo' || g)::uuid, md5('es' || g)::uuid from generate_series(1, $1) g`,
      [LISTINGS / 5],
    );
    for (const sql of [
      `insert into directory.organizations (id, region_id, name, description)
         select org, case when g > 0 then $1 else $2 end::uuid, 'Organisation ' || g, 'A local charity' from seed`,
      `insert into directory.services (id, region_id, organization_id, name, description)
         select svc, case when g > 0 then $1 else $2 end::uuid, org, 'Service ' || g, 'Help for anyone who asks'
         from seed`,
      `insert into directory.attributes (id, region_id, link_id, link_type, taxonomy_term_id)
         select gen_random_uuid(), $1, svc, 'service', case when g % 100 = 0 then $2 else $3 end::uuid
         from seed where g > 0`,
    ])
      await owner.query(sql, sql.includes('$3') ? [region, DEBT, FOOD] : [region, ELSEWHERE]);
    await owner.query('analyze');
    service = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.urlFor(DIRECTORY_SCHEMA.schema) });
  }, 60_000);

  /** A `taxonomy_term_id` query as the feed's service makes it: with the region's terms mapped to it. */
  const mapped = async (term: string): Promise<FeedQuery> => ({
    taxonomy_term_id: term,
    mappedTermIds: await new OrukRepository(service).termsMappedTo(testRegionId(region), term),
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('finds services by a mapped esd term, and by the esd list, with them', async () => {
    const count = async (term: string) =>
      (
        await db.owner.query<{ n: number }>(
          `select count(*)::int as n from directory.attributes where taxonomy_term_id = $1`,
          [term],
        )
      ).rows[0].n;
    const feed = new OrukRepository(service);
    const byTerm = await feed.services(testRegionId(region), await mapped(debtCounselling), 50, 0);
    expect(byTerm.total).toBe(await count(DEBT));
    // "Debt and money" is mapped to a term of the list; Food is not.
    const byList = await feed.services(testRegionId(region), { taxonomy_id: taxonomyId }, 50, 0);
    expect(byList.total).toBe(LISTINGS - (await count(FOOD)));
  });

  it('finds them by a mapped term through the indexes, never a sequential scan of services or their terms', async () => {
    const plans: Plan[][] = [];
    const feed = new OrukRepository(explaining(service, plans));
    await feed.services(testRegionId(region), await mapped(debtCounselling), 50, 0);
    expect(plans).toHaveLength(1); // the page, counted in the same statement (ADR 0046)
    for (const nodes of plans)
      expect(
        nodes
          .filter((n) => n['Node Type'] === 'Seq Scan')
          .map((n) => n['Relation Name'])
          .filter((t) => ['services', 'attributes'].includes(t!)),
      ).toEqual([]);
  });
});

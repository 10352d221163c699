import type { OrukQuery } from '@hearth/contracts';
import type { RegionId, TenantTransaction } from '@hearth/persistence';
import { createMigratedDatabase, testRegionId, type TestDatabase } from '@hearth/testing';
import type { Client } from 'pg';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { OrukRepository } from '../src/oruk/oruk.repository';

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'One-Time Filter'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
};

/** The directory's database as the feed uses it, except that each statement is EXPLAINed rather than run. */
class ExplainingDatabase extends DirectoryDatabase {
  plans: PlanNode[] = [];
  explaining = true;

  override transactInRegion<T>(regionId: RegionId, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    if (!this.explaining) return super.transactInRegion(regionId, work);
    return super.transactInRegion(regionId, (tx) =>
      work({
        markEvents: () => tx.markEvents(),
        run: async <R extends unknown[]>(
          statements: Parameters<TenantTransaction['run']>[0],
          opts?: { commit?: boolean },
        ) => {
          const list = Array.isArray(statements) ? statements : [statements];
          const explained = list.map((s) => ({ ...s, sql: `explain (format json) ${s.sql}` }));
          const results = await tx.run<{ 'QUERY PLAN': { Plan: PlanNode }[] }[][]>(explained, opts);
          for (const [row] of results) this.plans.push(row['QUERY PLAN'][0].Plan);
          // What the repository makes of a plan instead of rows is not looked at.
          return results as unknown as R;
        },
      }),
    );
  }
}

const LISTINGS = ['services', 'attributes', 'schedules', 'search_lexemes'];
const REGION = testRegionId('0190f000-0000-7000-8000-00000000d1e0');
const ELSEWHERE = testRegionId('0190f000-0000-7000-8000-00000000d1e1');
const LEGAL_ADVICE = 'da59e220-b9e2-4540-a7e2-679aafcb04fb';
const HEARTH_TERMS = [
  'd96cb944-0f1a-4ffe-af4c-d0d48c68c8d9',
  'd8888009-6a66-460d-aed7-ccc787fa1c41',
  '54045500-b17c-44ff-b6c5-50e4980e085a',
  '866b68c7-f907-4b10-8573-532dd84ffa5b',
  'f44bf670-2075-4eab-933a-bc89817756b6',
  '3567a9b8-81e0-4f87-b1f1-5c9b7603b385',
  '88030165-3f75-4e3e-9577-92e1e5d27e57',
];

/**
 * `n` listings of a region, made fast in SQL as the directory's owner (whose writes RLS holds to the region set):
 * each with an organisation (five services each), a place, a weekly schedule and a taxonomy term. Rare things
 * are rare, as in a real directory: Sunday or late openings, age limits, a word, a term, a recent change.
 */
async function seed(owner: Client, region: RegionId, n: number) {
  const id = (kind: string, g = 'g') => `md5('${region}${kind}' || ${g})::uuid`;
  await owner.query('begin');
  await owner.query(`select set_config('app.region_id', $1, true)`, [region]);
  for (const sql of [
    `insert into directory.organizations (id, region_id, name, description, last_modified)
      select ${id('o')}, '${region}', 'Organisation ' || g, 'A local charity, number ' || g,
        now() - ((g % 700) + 2) * interval '1 day' from generate_series(1, ${n / 5}) g`,
    `insert into directory.services (id, region_id, organization_id, name, description, status, minimum_age,
        maximum_age, last_modified)
      select ${id('s')}, '${region}', ${id('o', `(g % ${n / 5} + 1)`)}, 'Service ' || g,
        case when g % 500 = 0 then 'Naloxone training and supply'
          else (array['Debt advice and budgeting', 'Peer support group', 'Housing advice', 'Food bank',
            'Employment support'])[g % 5 + 1] || ', number ' || g end,
        case when g % 20 = 0 then 'inactive' else 'active' end,
        case when g % 33 = 0 then 18 end, case when g % 50 = 0 then 25 end,
        case when g % 1000 = 0 then now() - interval '1 hour' else now() - ((g % 730) + 2) * interval '1 day' end
      from generate_series(1, ${n}) g`,
    `insert into directory.locations (id, region_id, name, latitude, longitude)
      select ${id('l')}, '${region}', 'Place ' || g, 53.7 + (g % 1000) / 10000.0, -1.6 + (g % 997) / 10000.0
      from generate_series(1, ${n}) g`,
    `insert into directory.service_at_locations (id, region_id, service_id, location_id)
      select ${id('sal')}, '${region}', ${id('s')}, ${id('l')} from generate_series(1, ${n}) g`,
    `insert into directory.schedules (id, region_id, service_id, freq, byday, opens_at, closes_at, timezone)
      select ${id('sc')}, '${region}', ${id('s')}, case when g % 97 = 0 then 'MONTHLY' else 'WEEKLY' end,
        case when g % 100 = 0 then 'SU' when g % 12 = 0 then 'SA' when g % 97 = 0 then '2MO'
          else 'MO,TU,WE,TH,FR' end,
        case when g % 201 = 0 then time '22:00' when g % 151 = 0 then time '06:00' else time '09:00' end,
        case when g % 201 = 0 then time '02:00' when g % 151 = 0 then time '08:00' else time '17:00' end,
        'Europe/London'
      from generate_series(1, ${n}) g`,
    `insert into directory.attributes (id, region_id, link_id, link_type, taxonomy_term_id)
      select ${id('a')}, '${region}', ${id('s')}, 'service',
        case when g % 100 = 7 then '${LEGAL_ADVICE}'::uuid
          else (array['${HEARTH_TERMS.join("','")}']::uuid[])[g % ${HEARTH_TERMS.length} + 1] end
      from generate_series(1, ${n}) g`,
  ])
    await owner.query(sql);
  await owner.query('commit');
}

/**
 * An index scan keyed by nothing but the region (and a listing's status) reads the region's listings in full as
 * surely as a sequential scan, unless the index is a partial one (Sunday's schedules): once the region is an
 * InitPlan's parameter (ADR 0046), the planner may prefer such a scan.
 */
const REGION_ONLY = /^\(*region_id = \$\d+\)*( AND \(status = 'active'::text\)\))?$/;
const indexNames = (node: PlanNode): string[] =>
  node['Index Name'] ? [node['Index Name']] : (node.Plans ?? []).flatMap(indexNames);

/** The tables of the listings a plan reads in full; a branch the planner knows never runs (`false`) is not read. */
const fullReads = (node: PlanNode, partialIndexes: Set<string>): string[] =>
  node['One-Time Filter'] === 'false'
    ? []
    : [
        ...(LISTINGS.includes(node['Relation Name']!) &&
        (node['Node Type'] === 'Seq Scan' ||
          (REGION_ONLY.test(node['Index Cond'] ?? node['Recheck Cond'] ?? '') &&
            indexNames(node).some((i) => !partialIndexes.has(i))))
          ? [node['Relation Name']!]
          : []),
        ...(node.Plans ?? []).flatMap((child) => fullReads(child, partialIndexes)),
      ];

/**
 * The feed's own statements (its repository, as the directory's role under the region's RLS) over 10,000
 * listings, EXPLAINed: every filter finds its rows through an index, never by reading the whole directory.
 * The values are selective ones; a filter that keeps most of a region is read in full, as it should be.
 */
describe('the feed’s queries over 10,000 listings (EXPLAIN)', () => {
  let db: TestDatabase & { owner: Client };
  let database: ExplainingDatabase;
  let feed: OrukRepository;
  let partialIndexes: Set<string>;
  const seqScans = (node: PlanNode) => fullReads(node, partialIndexes);

  beforeAll(async () => {
    db = await createMigratedDatabase([DIRECTORY_SCHEMA]);
    await seed(db.owner, REGION, 10_000);
    await seed(db.owner, ELSEWHERE, 2_000);
    await db.owner.query('analyze');
    const { rows } = await db.owner.query<{ name: string }>(
      `select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
         join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'directory' and i.indpred is not null`,
    );
    partialIndexes = new Set(rows.map((r) => r.name));
    database = await ExplainingDatabase.connect(DIRECTORY_SCHEMA, {
      url: db.urlFor(DIRECTORY_SCHEMA.schema),
    });
    feed = new OrukRepository(database);
  }, 60_000);

  afterAll(async () => {
    await database?.onApplicationShutdown();
    await db?.drop();
  });

  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const queries: [string, Partial<OrukQuery>][] = [
    ['search', { search: 'naloxone' }],
    ['taxonomy_term_id', { taxonomy_term_id: LEGAL_ADVICE }],
    ['search and taxonomy_term_id', { search: 'advice', taxonomy_term_id: LEGAL_ADVICE }],
    ['minimum_age', { minimum_age: 18 }],
    ['maximum_age', { maximum_age: 25 }],
    ['day', { day: 'SU' }],
    ['day and a window', { day: 'SU', start_time: '10:00', end_time: '12:00' }],
    ['start_time', { start_time: '22:30' }],
    ['end_time', { end_time: '07:00' }],
    ['modified_after', { modified_after: yesterday }],
  ];

  it.each(queries)('reads no services, attributes or schedules in full for %s', async (_, query) => {
    for (const list of ['services', 'serviceAtLocations', 'organizations'] as const) {
      database.plans = [];
      await feed[list](REGION, query as OrukQuery, 50, 0);
      // The page, counted in the same statement (ADR 0046).
      expect(database.plans).toHaveLength(1);
      expect({ list, seqScans: database.plans.flatMap(seqScans) }).toEqual({ list, seqScans: [] });
    }
  });

  it.each(['naloxone', 'advice -debt', '-debt', '"peer support"', 'food or housing', 'food or -debt', 'the'])(
    'finds through the lexemes exactly what full text finds for %s',
    async (search) => {
      database.explaining = false;
      try {
        const feedCount = (await feed.services(REGION, { search } as OrukQuery, 1, 0)).total;
        const [exact] = await database.readInRegion<{ n: number }>(
          REGION,
          `select count(*)::int as n from directory.services s where s.status = 'active'
            and s.search_vector @@ websearch_to_tsquery('english', $1)
            and exists (select 1 from directory.organizations o where o.id = s.organization_id and o.status = 'active')`,
          [search],
        );
        expect(feedCount).toBe(exact.n);
      } finally {
        database.explaining = true;
      }
    },
  );

  it('finds a read of the whole region when there is one, by any scan (a check of the check)', async () => {
    database.plans = [];
    await database.readInRegion(REGION, 'select count(*) from directory.schedules where notes is null');
    await database.readInRegion(REGION, 'select count(*) from directory.services where url is null');
    await database.readInRegion(
      REGION,
      `select id from directory.services where status = 'active' order by name, id limit 10`,
    );
    expect(database.plans.map(seqScans)).toEqual([['schedules'], ['services'], ['services']]);
  });
});

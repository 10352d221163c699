import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { HEARTH_TAXONOMY_TERMS } from '@hearth/contracts';
import {
  withClient,
  createTestDatabase,
  type TestDatabase,
  testRegionId,
  testTenantId,
} from '@hearth/testing';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { HEARTH_TAXONOMY_ID, HEARTH_TERMS } from '../migrations/migration-20261211-directory-taxonomy';

/** Every region-owned table of the directory schema: a table added in a migration joins this list. */
const TABLES = [
  'organizations',
  'services',
  'locations',
  'addresses',
  'accessibility',
  'service_at_locations',
  'schedules',
  'contacts',
  'phones',
  'service_areas',
  'cost_options',
  'languages',
  'attributes',
  'metadata',
  'search_lexemes',
  'taxonomies',
  'taxonomy_terms',
  'taxonomy_term_mappings',
  'suggestions',
  'region_settings',
  'imports',
].map((t) => `directory.${t}`);
/** Of which these also hold Hearth's own rows (`region_id` null), which every region reads and none writes. */
const SHARED = ['directory.taxonomies', 'directory.taxonomy_terms'];

/** One listing with every part HSDS has, in one region (written as the database's owner). */
async function seedListing(owner: Client, region: string) {
  const id = () => uuidv7();
  const [org, service, location, contact, phone, taxonomy, term] = [id(), id(), id(), id(), id(), id(), id()];
  const run = id();
  const rows: [string, Record<string, unknown>][] = [
    ['organizations', { id: org, name: 'Org', description: 'd' }],
    ['services', { id: service, organization_id: org, name: 'Debt advice' }],
    ['locations', { id: location, organization_id: org, latitude: 53.8, longitude: -1.55 }],
    [
      'addresses',
      { id: id(), location_id: location, address_1: '1 Street', city: 'Leeds', postal_code: 'LS1 4AP' },
    ],
    ['accessibility', { id: id(), location_id: location, description: 'Step-free' }],
    ['service_at_locations', { id: id(), service_id: service, location_id: location }],
    ['schedules', { id: id(), service_id: service, freq: 'WEEKLY', byday: 'MO' }],
    ['contacts', { id: contact, service_id: service, name: 'Front desk' }],
    ['phones', { id: phone, contact_id: contact, number: '0113 000 0000' }],
    ['service_areas', { id: id(), service_id: service, name: 'Leeds' }],
    ['cost_options', { id: id(), service_id: service, option: 'Free' }],
    ['languages', { id: id(), service_id: service, code: 'en', name: 'English' }],
    ['taxonomies', { id: taxonomy, name: 'Own', description: 'A region’s own' }],
    ['taxonomy_terms', { id: term, taxonomy_id: taxonomy, name: 'Own term', description: 'd' }],
    // Hearth's "Debt and money" mapped to the region's own term.
    [
      'taxonomy_term_mappings',
      { id: id(), taxonomy_term_id: '866b68c7-f907-4b10-8573-532dd84ffa5b', mapped_term_id: term },
    ],
    ['attributes', { id: id(), link_id: service, link_type: 'service', taxonomy_term_id: term }],
    [
      'metadata',
      {
        id: id(),
        resource_id: service,
        resource_type: 'service',
        last_action_type: 'create',
        updated_by: 'x',
      },
    ],
    [
      'suggestions',
      {
        id: id(),
        tenant_id: id(),
        kind: 'change',
        listing_id: service,
        body: JSON.stringify({ fees: 'Free' }),
        suggested_by: id(),
      },
    ],
    ['region_settings', { contact_email: 'directory@example.org', updated_by: id() }],
    [
      'imports',
      {
        id: run,
        source: 'https://feed.example.org/oruk',
        mode: 'suggestions',
        full_walk: true,
        requested_by: 'x',
      },
    ],
    // An import's suggestion: no LERO, the import and the feed's record.
    [
      'suggestions',
      {
        id: id(),
        import_id: run,
        source: 'https://feed.example.org/oruk',
        source_id: 'fh-1',
        source_digest: 'd',
        kind: 'new',
        body: JSON.stringify({ name: 'Family Hub' }),
        record: JSON.stringify({ sourceId: 'fh-1' }),
        suggested_by: id(),
      },
    ],
  ];
  for (const [table, row] of rows) {
    const values = { ...row, region_id: region };
    const keys = Object.keys(values);
    await owner.query(
      `insert into directory.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(values),
    );
  }
  return { service, org };
}

describe('row-level security on the directory schema', () => {
  let db: TestDatabase;
  let service: DirectoryDatabase;
  const north = uuidv7();
  const south = uuidv7();
  let southListing: { service: string; org: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      await seedListing(owner, north);
      southListing = await seedListing(owner, south);
    });
    service = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.urlFor(DIRECTORY_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), fn);

  const inRegion = <T>(region: string, fn: (c: Client) => Promise<T>) =>
    asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      try {
        return await fn(c);
      } finally {
        await c.query('rollback');
      }
    });

  it.each(TABLES)('returns only the set region’s rows of %s to a query without any filter', async (table) => {
    const rows = await inRegion(
      north,
      async (c) => (await c.query<{ region_id: string | null }>(`select region_id from ${table}`)).rows,
    );
    const own = rows.filter((r) => r.region_id !== null);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((r) => r.region_id))).toEqual(new Set([north]));
    if (!SHARED.includes(table)) expect(own).toHaveLength(rows.length);
  });

  it.each(TABLES)('returns nothing of %s when no region is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from ${table}`));
    expect(rows).toHaveLength(0);
  });

  it.each(TABLES)('refuses to move a row of %s into another region', async (table) => {
    await inRegion(north, async (c) => {
      await expect(c.query(`update ${table} set region_id = $1`, [south])).rejects.toThrow(
        /row-level security/,
      );
    });
  });

  it('refuses to write a row into another region, or to read one by its id', async () => {
    await inRegion(north, async (c) => {
      await expect(
        c.query(`insert into directory.organizations (id, region_id, name) values ($1, $2, 'smuggled')`, [
          uuidv7(),
          south,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
    await inRegion(north, async (c) => {
      const { rows } = await c.query(`select * from directory.services where id = $1`, [
        southListing.service,
      ]);
      expect(rows).toEqual([]);
      const changed = await c.query(`update directory.organizations set name = 'taken' where id = $1`, [
        southListing.org,
      ]);
      expect(changed.rowCount).toBe(0);
    });
  });

  it('keeps an import’s suggestions to its region, and each suggestion from a LERO or an import, not both', async () => {
    await inRegion(north, async (c) => {
      const { rows } = await c.query(
        `select region_id from directory.suggestions where import_id is not null`,
      );
      expect(rows).toEqual([{ region_id: north }]);
      const [run] = (await c.query<{ id: string }>(`select id from directory.imports`)).rows;
      const insert = (origin: Record<string, string | null>) =>
        c.query(
          `insert into directory.suggestions (id, region_id, tenant_id, import_id, source, source_id, kind, body,
             suggested_by) values ($1, $2, $3, $4, $5, $6, 'new', '{}', $7)`,
          [uuidv7(), north, origin.tenant, origin.run, origin.source, origin.sourceId, uuidv7()],
        );
      const feed = { source: 'https://feed.example.org/oruk', sourceId: 'fh-9' };
      await c.query('savepoint s');
      await expect(insert({ tenant: uuidv7(), run: run.id, ...feed })).rejects.toThrow(/origin_check/);
      await c.query('rollback to savepoint s');
      await expect(insert({ tenant: null, run: null, source: null, sourceId: null })).rejects.toThrow(
        /origin_check/,
      );
    });
  });

  it('shows every region Hearth’s own taxonomy, which no region can change or take away', async () => {
    await inRegion(north, async (c) => {
      const { rows } = await c.query<{ name: string }>(
        `select name from directory.taxonomy_terms where taxonomy_id = $1`,
        [HEARTH_TAXONOMY_ID],
      );
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['Mutual aid meetings', 'Sober social', 'Debt and money']),
      );
      expect(rows).toHaveLength(15);
      expect(
        (
          await c.query(`update directory.taxonomy_terms set name = 'x' where taxonomy_id = $1`, [
            HEARTH_TAXONOMY_ID,
          ])
        ).rowCount,
      ).toBe(0);
      expect(
        (await c.query(`delete from directory.taxonomies where id = $1`, [HEARTH_TAXONOMY_ID])).rowCount,
      ).toBe(0);
      await expect(
        c.query(
          `insert into directory.taxonomies (id, region_id, name, description) values ($1, null, 'x', 'x')`,
          [uuidv7()],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('names Hearth’s terms in contracts exactly as the migration seeds them', () => {
    expect(HEARTH_TAXONOMY_TERMS.map((t) => [t.id, t.name])).toEqual(
      HEARTH_TERMS.map(([id, name]) => [id, name]),
    );
  });

  it('reads the region once per statement in every region policy, not once per row (ADR 0046)', async () => {
    const policies = await withClient(
      db.ownerUrl,
      async (owner) =>
        (
          await owner.query<{ t: string; policy: string; qual: string; check: string | null }>(
            `select schemaname || '.' || tablename as t, policyname as policy, qual, with_check as check
               from pg_policies where schemaname = 'directory' and policyname like 'region_%'`,
          )
        ).rows,
    );
    expect(new Set(policies.map((p) => p.t))).toEqual(new Set(TABLES));
    for (const p of policies) {
      for (const condition of [p.qual, p.check].filter((c) => c !== null)) {
        // Every mention of the setting is inside a scalar subquery (PostgreSQL runs it once, as an InitPlan).
        const mentions = condition!.match(/current_setting/g) ?? [];
        const once = condition!.match(/\(\s*SELECT \(?NULLIF\(current_setting/gi) ?? [];
        expect({ table: p.t, policy: p.policy, once: once.length }).toEqual({
          table: p.t,
          policy: p.policy,
          once: mentions.length,
        });
      }
    }
    // And the planner says so: one InitPlan for the region, an index scan keyed by it.
    const plan = await inRegion(north, async (c) => {
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `explain select id from directory.services where id = $1`,
        [southListing.service],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/InitPlan/);
    expect(plan).toMatch(/Index (Only )?Scan/);
  });

  it('keeps the one-round-trip read path to one region', async () => {
    const rows = await service.readInRegion<{ region_id: string }>(
      testRegionId(south),
      'select region_id from directory.services',
    );
    expect(rows.map((r) => r.region_id)).toEqual([south]);
  });
});

/** Signposts are a LERO's own rows (tenant RLS), written in a transaction that also reads its region's directory. */
describe('row-level security on a LERO’s signposts', () => {
  let db: TestDatabase;
  let service: DirectoryDatabase;
  const region = uuidv7();
  const [phoenix, lantern] = [uuidv7(), uuidv7()];
  const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';
  const insert = `insert into directory.signposts (id, tenant_id, taxonomy_term_id, channel, signposted_on)
    values ($1, $2, $3, 'phone', current_date)`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      for (const lero of [phoenix, lantern]) await owner.query(insert, [crypto.randomUUID(), lero, HOUSING]);
      await seedListing(owner, region);
    });
    service = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, { url: db.urlFor(DIRECTORY_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asLero = <T>(tenant: string | null, fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(DIRECTORY_SCHEMA.schema), async (c) => {
      await c.query('begin');
      if (tenant) await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
      try {
        return await fn(c);
      } finally {
        await c.query('rollback');
      }
    });

  it('shows a LERO only its own signposts, and nothing when no LERO is set', async () => {
    const own = await asLero(
      phoenix,
      async (c) => (await c.query(`select tenant_id from directory.signposts`)).rows,
    );
    expect(own).toEqual([{ tenant_id: phoenix }]);
    expect(
      await asLero(null, async (c) => (await c.query(`select * from directory.signposts`)).rows),
    ).toEqual([]);
  });

  it('refuses to write a signpost for another LERO, or to move one to it', async () => {
    await asLero(phoenix, async (c) => {
      await expect(c.query(insert, [crypto.randomUUID(), lantern, HOUSING])).rejects.toThrow(
        /row-level security/,
      );
    });
    await asLero(phoenix, async (c) => {
      await expect(c.query(`update directory.signposts set tenant_id = $1`, [lantern])).rejects.toThrow(
        /row-level security/,
      );
    });
  });

  it('lets the LERO-and-region transaction read the region’s directory and write only the LERO’s rows', async () => {
    const id = crypto.randomUUID();
    const [services] = await service.transactInLeroOfRegion(
      testTenantId(phoenix),
      testRegionId(region),
      (tx) =>
        tx.run<[{ id: string }[], unknown[]]>(
          [{ sql: 'select id from directory.services' }, { sql: insert, params: [id, phoenix, HOUSING] }],
          { commit: true },
        ),
    );
    expect(services).toHaveLength(1);
    await expect(
      service.transactInLeroOfRegion(testTenantId(phoenix), testRegionId(region), (tx) =>
        tx.run({ sql: insert, params: [crypto.randomUUID(), lantern, HOUSING] }, { commit: true }),
      ),
    ).rejects.toThrow(/row-level security/);
    const rows = await service.readInTenant<{ id: string }>(
      testTenantId(phoenix),
      'select id from directory.signposts',
    );
    expect(rows.map((r) => r.id)).toContain(id);
  });
});

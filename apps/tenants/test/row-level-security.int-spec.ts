import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { TENANTS_SCHEMA, TenantsDatabase } from '../src/tenants-database';
import { AuditEntry } from '../src/audit/audit-entry.entity';

describe('row-level security on tenant-owned tables', () => {
  let db: TestDatabase;
  let service: TenantsDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const region = uuidv7();
    await owner.query(`insert into tenants.regions (id, name, slug) values ($1, 'R', $2)`, [
      region,
      `r-${region}`,
    ]);
    for (const id of [leroA, leroB]) {
      await owner.query(
        `insert into tenants.tenants (id, region_id, name, slug, status) values ($1, $2, 'L', $3, 'active')`,
        [id, region, `l-${id}`],
      );
      for (let i = 0; i < 3; i++) {
        await owner.query(
          `insert into tenants.audit_entries (id, tenant_id, action) values ($1, $2, 'seeded')`,
          [uuidv7(), id],
        );
      }
    }
    await owner.end();
    service = await TenantsDatabase.connect(TENANTS_SCHEMA, { url: db.urlFor(TENANTS_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(TENANTS_SCHEMA.schema), fn);

  it('returns none of another LERO’s rows to a query that forgot its filter', async () => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>('select tenant_id from tenants.audit_entries');
      await c.query('commit');
      return rows;
    });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([leroA]));
  });

  it('returns nothing when no LERO is set', async () => {
    const { rows } = await asServiceRole((c) => c.query('select * from tenants.audit_entries'));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a row into another LERO', async () => {
    await expect(
      asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await c.query(
          `insert into tenants.audit_entries (id, tenant_id, action) values ($1, $2, 'smuggled')`,
          [uuidv7(), leroB],
        );
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the ORM to one LERO even with its filter switched off', async () => {
    const scope = service.forTenant(testTenantId(leroA));
    const filtered = await scope.em.find(AuditEntry, {});
    const unfiltered = await scope.em.find(AuditEntry, {}, { filters: false });
    expect(filtered.map((e) => e.tenantId)).toEqual([leroA, leroA, leroA]);
    expect(unfiltered.map((e) => e.tenantId)).toEqual([leroA, leroA, leroA]);
  });

  it('keeps the one-round-trip read path to one LERO, with values escaped', async () => {
    const sql = 'select tenant_id, action from tenants.audit_entries where action = $1 or $2 = $2';
    const rows = await service.readInTenant<{ tenant_id: string }>(testTenantId(leroA), sql, [
      'seeded',
      "x' or '1'='1",
    ]);
    expect(rows.map((r) => r.tenant_id)).toEqual([leroA, leroA, leroA]);
    const injected = await service.readInTenant(
      testTenantId(leroA),
      'select * from tenants.audit_entries where action = $1',
      ["seeded'; select set_config('app.tenant_id', '" + leroB + "', true); select 1 where '' = '"],
    );
    expect(injected).toEqual([]);
    await expect(
      service.readInTenant(testTenantId(leroA), 'select * from tenants.no_such_table'),
    ).rejects.toThrow();
    // The connection went back clean: the next read works.
    expect(
      await service.readInTenant(testTenantId(leroB), 'select tenant_id from tenants.audit_entries'),
    ).toHaveLength(3);
  });

  it('reads many LEROs in one round trip, each statement seeing only its own LERO', async () => {
    const [a, b] = await service.readEachTenant<{ tenant_id: string }>(
      [testTenantId(leroA), testTenantId(leroB)],
      (tenantId) => ({
        // The tenant id given as a value, and an unfiltered read: RLS alone keeps each to its LERO.
        sql: `select tenant_id from tenants.audit_entries where $1::text is not null or $2 = $2`,
        params: [tenantId, "x'); select set_config('app.tenant_id', null, true); select ('"],
      }),
    );
    expect(a.map((r) => r.tenant_id)).toEqual([leroA, leroA, leroA]);
    expect(b.map((r) => r.tenant_id)).toEqual([leroB, leroB, leroB]);
    await expect(
      service.readEachTenant([testTenantId(leroA), testTenantId('')], () => ({ sql: 'select 1' })),
    ).rejects.toThrow(/without a tenant/);
  });

  it('fails closed when tenant-owned data is read without a tenant', async () => {
    await expect(service.em().find(AuditEntry, {})).rejects.toThrow();
  });

  it('connects as its own role that cannot bypass row-level security, and refuses one that can', async () => {
    const role = await asServiceRole((c) =>
      c.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
        'select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
      ),
    );
    expect(role.rows[0]).toEqual({ rolname: 'hearth_tenants', rolsuper: false, rolbypassrls: false });
    const owners = await asServiceRole((c) =>
      c.query(`select tablename from pg_tables where schemaname = 'tenants' and tableowner = current_user`),
    );
    expect(owners.rows).toHaveLength(0);
    await expect(TenantsDatabase.connect(TENANTS_SCHEMA, { url: db.ownerUrl })).rejects.toThrow(
      /its database role "[^"]+" has SUPERUSER/,
    );
  });
});

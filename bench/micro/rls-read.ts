import { Client, Pool } from 'pg';
import { uuidv7 } from 'uuidv7';
import { AuditEntry, TENANTS_SCHEMA, TenantsDatabase } from '../../apps/tenants/src';
import { freshDatabase } from '../lib/hearth';
import { testTenantId } from '../../libs/testing/src/tenant-id';

/**
 * `node dist/bench/micro/rls-read.js`: ways to read one tenant-owned row by id under row-level security,
 * in one process with 10 concurrent callers, to choose the services' read path.
 */
async function measure(name: string, seconds: number, op: () => Promise<unknown>): Promise<void> {
  const until = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (Date.now() < until) {
        await op();
        n++;
      }
    }),
  );
  console.log(`${name.padEnd(48)} ${Math.round(n / seconds)} reads/s`);
}

async function main(): Promise<void> {
  const db = await freshDatabase();
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const region = uuidv7();
  const tenant = uuidv7();
  const id = uuidv7();
  await owner.query(`insert into tenants.regions (id, name, slug) values ($1, 'R', 'r')`, [region]);
  await owner.query(
    `insert into tenants.tenants (id, region_id, name, slug, status) values ($1, $2, 'L', 'l', 'active')`,
    [tenant, region],
  );
  await owner.query(`insert into tenants.audit_entries (id, tenant_id, action) values ($1, $2, 'x')`, [
    id,
    tenant,
  ]);
  await owner.end();

  const pool = new Pool({ connectionString: db.serviceUrls.tenants, max: 10 });
  const orm = await TenantsDatabase.connect(TENANTS_SCHEMA, { url: db.serviceUrls.tenants, poolMax: 10 });
  const seconds = Number(process.argv[2] ?? 3);
  const sql = 'select id, tenant_id, at, action, details from tenants.audit_entries where id = $1';

  await measure('raw pg, no RLS setting (returns nothing)', seconds, () => pool.query(sql, [id]));
  await measure('raw pg: BEGIN; set_config; SELECT; COMMIT (4 trips)', seconds, async () => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
      const r = await c.query(sql, [id]);
      await c.query('commit');
      return r;
    } finally {
      c.release();
    }
  });
  await measure('raw pg: one round trip (simple protocol)', seconds, async () => {
    const r = await pool.query(
      `begin; select set_config('app.tenant_id', '${tenant}', true); select id, tenant_id, at, action, details from tenants.audit_entries where id = '${id}'; commit;`,
    );
    return r;
  });
  await measure('ServiceDatabase.readInTenant (one round trip)', seconds, () =>
    orm.readInTenant(testTenantId(tenant), sql, [id]),
  );
  await measure('MikroORM forTenant().findOne (native RLS staging)', seconds, () =>
    orm.forTenant(testTenantId(tenant)).em.findOne(AuditEntry, { id }),
  );
  await measure('MikroORM forTenant().findOne, fields', seconds, () =>
    orm.forTenant(testTenantId(tenant)).em.findOne(AuditEntry, { id }, { fields: ['id', 'action'] }),
  );
  await pool.end();
  await orm.close();
}

void main();

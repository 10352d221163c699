import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { WEBHOOKS_SCHEMA, WebhooksDatabase } from '../src/webhooks-database';

/** Every tenant-owned table of the webhooks schema: a table added in a migration joins this list. */
const TABLES = ['webhooks.examples'];

describe('row-level security on the webhooks schema', () => {
  let db: TestDatabase;
  let service: WebhooksDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([WEBHOOKS_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      for (const tenant of [leroA, leroB]) {
        for (const label of ['first', 'second']) {
          await owner.query(`insert into webhooks.examples (id, tenant_id, label) values ($1, $2, $3)`, [
            uuidv7(),
            tenant,
            label,
          ]);
        }
      }
    });
    service = await WebhooksDatabase.connect(WEBHOOKS_SCHEMA, { url: db.urlFor(WEBHOOKS_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(WEBHOOKS_SCHEMA.schema), fn);

  it.each(TABLES)('returns only the set LERO’s rows of %s to a query without any filter', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from ${table}`);
      await c.query('commit');
      return rows;
    });
    expect(rows.map((r) => r.tenant_id)).toEqual([leroA, leroA]);
  });

  it.each(TABLES)('returns nothing of %s when no LERO is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from ${table}`));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a row into another LERO, or to move one there', async () => {
    await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(
        c.query(`insert into webhooks.examples (id, tenant_id, label) values ($1, $2, 'smuggled')`, [
          uuidv7(),
          leroB,
        ]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(c.query(`update webhooks.examples set tenant_id = $1`, [leroB])).rejects.toThrow(
        /row-level security/,
      );
      await c.query('rollback');
    });
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from webhooks.examples',
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB, leroB]);
  });
});

import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { WEBHOOKS_SCHEMA, WebhooksDatabase } from '../src/webhooks-database';

/** Every tenant-owned table of the webhooks schema: a table added in a migration joins this list. */
const TABLES = ['webhooks.subscriptions', 'webhooks.deliveries'];

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
        for (const path of ['first', 'second']) {
          const id = uuidv7();
          await owner.query(
            `insert into webhooks.subscriptions (id, tenant_id, url, event_types, secret)
             values ($1, $2, $3, '{session.cancelled}', 'whsec_c2VjcmV0')`,
            [id, tenant, `https://hooks.example.org/${path}`],
          );
          await owner.query(
            `insert into webhooks.deliveries (id, tenant_id, subscription_id, event_id, event_type, payload)
             values ($1, $2, $3, $4, 'session.cancelled', '{}')`,
            [uuidv7(), tenant, id, uuidv7()],
          );
        }
      }
      // A region's subscription: no LERO sees it.
      await owner.query(
        `insert into webhooks.subscriptions (id, region_id, url, event_types, secret)
         values ($1, $2, 'https://hooks.example.org/region', '{session.cancelled}', 'whsec_c2VjcmV0')`,
        [uuidv7(), uuidv7()],
      );
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
        c.query(
          `insert into webhooks.subscriptions (id, tenant_id, url, event_types, secret)
           values ($1, $2, 'https://x.example.org/', '{session.cancelled}', 's')`,
          [uuidv7(), leroB],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(c.query(`update webhooks.subscriptions set tenant_id = $1`, [leroB])).rejects.toThrow(
        /row-level security/,
      );
      await c.query('rollback');
    });
  });

  it.each(TABLES)('shows %s of every LERO to the dispatcher’s transactions only', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.webhooks_dispatch', 'on', true)`);
      const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from ${table}`);
      await c.query('commit');
      return rows;
    });
    expect(rows.filter((r) => r.tenant_id !== null)).toHaveLength(4);
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from webhooks.subscriptions',
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB, leroB]);
  });
});

import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase } from '@hearth/testing';
import { REPORTING_SCHEMA } from '../src/reporting-database';

const TABLES = [
  'daily_counts',
  'monthly_keys',
  'member_spans',
  'member_changes',
  'erased_keys',
  'counted_signposts',
  'volunteer_hours',
  'advocacy_meetings',
  'advocacy_asks',
];

describe('row-level security on the reporting schema', () => {
  let db: TestDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([REPORTING_SCHEMA], db.ownerUrl, db.urlFor);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const tenant of [leroA, leroB]) {
      await owner.query(
        `insert into reporting.daily_counts (tenant_id, day, metric, dimension, value) values ($1, '2026-03-03', 'attendances', '', 5)`,
        [tenant],
      );
      await owner.query(
        `insert into reporting.monthly_keys (tenant_id, month, metric, dimension, key, refs) values ($1, '2026-03-01', 'uniqueParticipants', '', 'k', 1)`,
        [tenant],
      );
      await owner.query(
        `insert into reporting.member_spans (id, tenant_id, member_key, started_on) values ($1, $2, 'k', '2026-03-01')`,
        [uuidv7(), tenant],
      );
      await owner.query(
        `insert into reporting.member_changes (tenant_id, member_key, at, change, day) values ($1, 'k', now(), 'joined', '2026-03-01')`,
        [tenant],
      );
      await owner.query(
        `insert into reporting.erased_keys (tenant_id, kind, key) values ($1, 'member', 'gone')`,
        [tenant],
      );
      await owner.query(`insert into reporting.counted_signposts (tenant_id, signpost_id) values ($1, $2)`, [
        tenant,
        crypto.randomUUID(),
      ]);
      await owner.query(
        `insert into reporting.volunteer_hours (tenant_id, entry_id, version, member_key, day, minutes)
          values ($1, $2, 1, 'k', '2026-03-03', 90)`,
        [tenant, uuidv7()],
      );
      await owner.query(
        `insert into reporting.advocacy_meetings (tenant_id, meeting_id, version, day) values ($1, $2, 1, '2026-03-03')`,
        [tenant, uuidv7()],
      );
      await owner.query(
        `insert into reporting.advocacy_asks (tenant_id, ask_id, raised_on) values ($1, $2, '2026-03-03')`,
        [tenant, uuidv7()],
      );
    }
    await owner.end();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(REPORTING_SCHEMA.schema), fn);

  it.each(TABLES)('shows only the LERO set in the transaction: %s', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from reporting.${table}`);
      await c.query('commit');
      return rows;
    });
    expect(rows.map((r) => r.tenant_id)).toEqual([leroA]);
  });

  it.each(TABLES)('shows nothing of %s when no LERO is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from reporting.${table}`));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a count into another LERO, or to move one there', async () => {
    await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(
        c.query(
          `insert into reporting.daily_counts (tenant_id, day, metric, dimension, value) values ($1, '2026-03-04', 'attendances', '', 1)`,
          [leroB],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(c.query(`update reporting.member_spans set tenant_id = $1`, [leroB])).rejects.toThrow(
        /row-level security/,
      );
      await c.query('rollback');
    });
  });
});

import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { EVENTS_SCHEMA, EventsDatabase } from '../src/events-database';
import { Activity } from '../src/programme/activity.entity';
import { Session } from '../src/programme/session.entity';
import { AttendanceRecord } from '../src/attendance/attendance-record.entity';

const TABLES = ['activities', 'sessions', 'rsvps', 'attendance', 'member_status', 'erased_members'];

describe('row-level security on the events schema', () => {
  let db: TestDatabase;
  let service: EventsDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([EVENTS_SCHEMA], db.ownerUrl, db.urlFor);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const tenant of [leroA, leroB]) {
      const activity = uuidv7();
      await owner.query(
        `insert into events.activities (id, tenant_id, title, category, visibility, starts_at_local, duration_minutes, timezone)
          values ($1, $2, 'Walk', 'walking', 'public', '2026-03-03T10:00:00', 60, 'Europe/London')`,
        [activity, tenant],
      );
      const session = uuidv7();
      await owner.query(
        `insert into events.sessions (id, tenant_id, activity_id, starts_at, ends_at, timezone)
          values ($1, $2, $3, '2026-03-03T10:00:00Z', '2026-03-03T11:00:00Z', 'Europe/London')`,
        [session, tenant, activity],
      );
      await owner.query(
        `insert into events.rsvps (id, tenant_id, session_id, member_id, status) values ($1, $2, $3, $4, 'going')`,
        [uuidv7(), tenant, session, uuidv7()],
      );
      await owner.query(
        `insert into events.attendance (id, tenant_id, session_id, member_id) values ($1, $2, $3, $4)`,
        [uuidv7(), tenant, session, uuidv7()],
      );
      await owner.query(
        `insert into events.member_status (member_id, tenant_id, status) values ($1, $2, 'active')`,
        [uuidv7(), tenant],
      );
      await owner.query(`insert into events.erased_members (tenant_id, member_key) values ($1, 'gone')`, [
        tenant,
      ]);
    }
    await owner.end();
    service = await EventsDatabase.connect(EVENTS_SCHEMA, { url: db.urlFor(EVENTS_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) => withClient(db.urlFor(EVENTS_SCHEMA.schema), fn);

  it.each(TABLES)('shows only the LERO set in the transaction: %s', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from events.${table}`);
      await c.query('commit');
      return rows;
    });
    expect(rows.map((r) => r.tenant_id)).toEqual([leroA]);
  });

  it.each(TABLES)('shows nothing of %s when no LERO is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from events.${table}`));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a row into another LERO, or to move one there', async () => {
    await expect(
      asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await c.query(
          `insert into events.activities (id, tenant_id, title, category, visibility, starts_at_local, duration_minutes, timezone)
            values ($1, $2, 'Smuggled', 'other', 'public', '2026-03-03T10:00:00', 60, 'UTC')`,
          [uuidv7(), leroB],
        );
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await c.query(`update events.attendance set tenant_id = $1`, [leroB]);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the ORM to one LERO even with its filter switched off', async () => {
    const { em } = service.forTenant(testTenantId(leroB));
    const all = [
      await em.find(Activity, {}, { filters: false }),
      await em.find(Session, {}, { filters: false }),
      await em.find(AttendanceRecord, {}, { filters: false }),
    ];
    for (const rows of all) expect(rows.map((r) => r.tenantId)).toEqual([leroB]);
  });

  it('keeps the two-round-trip write path to one LERO: reads, writes, and rolls back what it refused', async () => {
    const seen = await service.transactInTenant(testTenantId(leroA), async (tx) => {
      const [attendance, statuses] = await tx.run<[{ tenant_id: string }[], { tenant_id: string }[]]>([
        { sql: 'select tenant_id from events.attendance' },
        {
          sql: 'select tenant_id from events.member_status where status = $1',
          params: ["active' or '1'='1"],
        },
      ]);
      return { attendance, statuses };
    });
    expect(seen).toEqual({ attendance: [{ tenant_id: leroA }], statuses: [] });
    const smuggled = uuidv7();
    await expect(
      service.transactInTenant(testTenantId(leroA), async (tx) => {
        await tx.run({
          sql: `insert into events.member_status (member_id, tenant_id, status) values ($1, $2, 'active')`,
          params: [uuidv7(), leroA],
        });
        await tx.run({
          sql: `insert into events.member_status (member_id, tenant_id, status) values ($1, $2, 'active')`,
          params: [smuggled, leroB],
        });
      }),
    ).rejects.toThrow(/row-level security/);
    // Neither row of the refused transaction is there, and the connection went back clean.
    const counts = await service.transactInTenant(testTenantId(leroA), (tx) =>
      tx.run<[{ n: number }[]]>(
        { sql: 'select count(*)::int as n from events.member_status' },
        { commit: true },
      ),
    );
    expect(counts[0]).toEqual([{ n: 1 }]);
  });

  it('tells commit listeners about committed events only', async () => {
    let told = 0;
    service.onEventsCommitted(() => told++);
    await service.transactInTenant(testTenantId(leroA), (tx) => tx.run({ sql: 'select 1' }));
    expect(told).toBe(0);
    await expect(
      service.transactInTenant(testTenantId(leroA), async (tx) => {
        tx.markEvents();
        await tx.run({ sql: 'select 1 from events.no_such_table' });
      }),
    ).rejects.toThrow();
    expect(told).toBe(0);
    await service.transactInTenant(testTenantId(leroA), async (tx) => {
      tx.markEvents();
      await tx.run({ sql: 'select 1' }, { commit: true });
    });
    expect(told).toBe(1);
  });

  it('fails closed when tenant-owned data is read without a LERO', async () => {
    await expect(service.em().find(Session, {})).rejects.toThrow();
  });

  it('leaves no table of the schema owned by, or bypassable by, the service role', async () => {
    const owned = await asServiceRole((c) =>
      c.query(`select tablename from pg_tables where schemaname = 'events' and tableowner = current_user`),
    );
    expect(owned.rows).toHaveLength(0);
    const unprotected = await asServiceRole((c) =>
      c.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'events' and c.relkind = 'r' and not (c.relrowsecurity and c.relforcerowsecurity)
          order by c.relname`,
      ),
    );
    // Only plumbing without a LERO's data is outside RLS.
    expect(unprotected.rows.map((r) => r.relname)).toEqual([
      'dead_letter',
      'inbox',
      'mikro_orm_migrations',
      'outbox',
      'pending_held',
      'pending_reminders',
    ]);
  });
});

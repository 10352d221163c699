import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from '../src/volunteering-database';

/** Every tenant-owned table of the volunteering schema: a table added in a migration joins this list. */
const TABLES = [
  'volunteering.training',
  'volunteering.roles',
  'volunteering.members',
  'volunteering.erased_members',
  'volunteering.training_records',
  'volunteering.shift_occurrences',
  'volunteering.signups',
  'volunteering.status_lists',
  'volunteering.issued_credentials',
  'volunteering.hours_entries',
  'volunteering.role_interests',
];

describe('row-level security on the volunteering schema', () => {
  let db: TestDatabase;
  let service: VolunteeringDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([VOLUNTEERING_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      for (const tenant of [leroA, leroB]) {
        for (const name of ['first', 'second']) {
          const trainingId = uuidv7();
          await owner.query(
            `insert into volunteering.training (id, tenant_id, name, kind) values ($1, $2, $3, 'training')`,
            [trainingId, tenant, name],
          );
          await owner.query(
            `insert into volunteering.training_records (id, tenant_id, member_id, training_id, completed_on, how,
              verified_by) values ($1, $2, $3, $4, '2026-01-01', 'delivered-by-us', $5)`,
            [uuidv7(), tenant, uuidv7(), trainingId, uuidv7()],
          );
          const roleId = uuidv7();
          await owner.query(
            `insert into volunteering.roles (id, tenant_id, title, visibility, status) values ($1, $2, $3, 'members', 'open')`,
            [roleId, tenant, name],
          );
          const [shiftId, occurrenceId] = [uuidv7(), uuidv7()];
          await owner.query(
            `insert into volunteering.shifts (id, tenant_id, role_id, starts_at_local, duration_minutes, timezone,
              capacity, status, first_starts_at) values ($1, $2, $3, '2027-01-05T10:00:00', 60, 'Europe/London', 2,
              'scheduled', '2027-01-05T10:00:00Z')`,
            [shiftId, tenant, roleId],
          );
          await owner.query(
            `insert into volunteering.shift_occurrences (id, tenant_id, shift_id, starts_at, local_date)
              values ($1, $2, $3, '2027-01-05T10:00:00Z', '2027-01-05')`,
            [occurrenceId, tenant, shiftId],
          );
          const [signupId, memberId] = [uuidv7(), uuidv7()];
          await owner.query(
            `insert into volunteering.signups (id, tenant_id, occurrence_id, member_id, status)
              values ($1, $2, $3, $4, 'confirmed')`,
            [signupId, tenant, occurrenceId, memberId],
          );
          await owner.query(
            `insert into volunteering.hours_entries (id, tenant_id, member_id, role_id, source, shift_id, signup_id,
              date, minutes, status) values ($1, $2, $3, $4, 'shift', $5, $6, '2027-01-05', 60, 'pending')`,
            [uuidv7(), tenant, memberId, roleId, shiftId, signupId],
          );
          await owner.query(
            `insert into volunteering.role_interests (id, tenant_id, member_id, role_id, note, status)
              values ($1, $2, $3, $4, 'Keen', 'open')`,
            [uuidv7(), tenant, memberId, roleId],
          );
          await owner.query(
            `insert into volunteering.members (tenant_id, member_id, volunteer, roles_at, roles_event, status,
              status_at, status_event) values ($1, $2, true, now(), $3, 'active', now(), $3)`,
            [tenant, uuidv7(), uuidv7()],
          );
          await owner.query(
            `insert into volunteering.erased_members (tenant_id, member_key) values ($1, $2)`,
            [tenant, `${name}-key`],
          );
          const listId = uuidv7();
          await owner.query(
            `insert into volunteering.status_lists (id, tenant_id, size, next_index) values ($1, $2, 131072, 1)`,
            [listId, tenant],
          );
          await owner.query(
            `insert into volunteering.issued_credentials (id, tenant_id, member_id, kind, list_id, status_index,
              issued_at, expires_at) values ($1, $2, $3, 'passport', $4, 0, now(), now() + interval '1 year')`,
            [uuidv7(), tenant, uuidv7(), listId],
          );
        }
      }
    });
    service = await VolunteeringDatabase.connect(VOLUNTEERING_SCHEMA, {
      url: db.urlFor(VOLUNTEERING_SCHEMA.schema),
    });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(VOLUNTEERING_SCHEMA.schema), fn);

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
    const writes: [string, unknown[]][] = [
      [
        `insert into volunteering.training (id, tenant_id, name, kind) values ($1, $2, 'smuggled', 'check')`,
        [uuidv7(), leroB],
      ],
      [`update volunteering.roles set tenant_id = $1`, [leroB]],
      [
        `insert into volunteering.members (tenant_id, member_id, volunteer, roles_at, roles_event)
          values ($1, $2, true, now(), $2)`,
        [leroB, uuidv7()],
      ],
      [`update volunteering.members set tenant_id = $1`, [leroB]],
      [`insert into volunteering.erased_members (tenant_id, member_key) values ($1, 'smuggled')`, [leroB]],
      [`update volunteering.shift_occurrences set tenant_id = $1`, [leroB]],
      [`update volunteering.signups set tenant_id = $1`, [leroB]],
      [`update volunteering.status_lists set tenant_id = $1`, [leroB]],
      [`update volunteering.issued_credentials set revoked_at = now(), tenant_id = $1`, [leroB]],
      [
        `insert into volunteering.status_lists (id, tenant_id, size) values ($1, $2, 131072)`,
        [uuidv7(), leroB],
      ],
      [`update volunteering.hours_entries set tenant_id = $1`, [leroB]],
      [`update volunteering.role_interests set tenant_id = $1`, [leroB]],
    ];
    await asServiceRole(async (c) => {
      for (const [sql, params] of writes) {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await expect(c.query(sql, params)).rejects.toThrow(/row-level security/);
        await c.query('rollback');
      }
    });
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from volunteering.roles',
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB, leroB]);
  });
});

import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { EntityName } from '@mikro-orm/core';
import { migrateAll, serviceRoleName, type TenantOwnedEntity } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from '../src/membership-database';
import { Member } from '../src/members/member.entity';
import { ConsentRecord } from '../src/consents/consent-record.entity';
import { MemberAuditEntry } from '../src/audit/audit-entry.entity';

const TABLES = ['membership.members', 'membership.consent_records', 'membership.audit_entries'];

describe('row-level security on the membership schema', () => {
  let db: TestDatabase;
  let service: MembershipDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const tenant of [leroA, leroB]) {
      for (let i = 0; i < 3; i++) {
        const member = uuidv7();
        await owner.query(
          `insert into membership.members (id, tenant_id, display_name, email, status, joined_at)
            values ($1, $2, $3, $4, 'active', now())`,
          [member, tenant, `Person ${i}`, `p${i}@example.org`],
        );
        await owner.query(
          `insert into membership.consent_records (id, tenant_id, member_id, consent, given)
            values ($1, $2, $3, 'contact', true)`,
          [uuidv7(), tenant, member],
        );
        await owner.query(
          `insert into membership.audit_entries (id, tenant_id, action, member_id) values ($1, $2, 'member.read', $3)`,
          [uuidv7(), tenant, member],
        );
      }
    }
    await owner.end();
    service = await MembershipDatabase.connect(MEMBERSHIP_SCHEMA, {
      url: db.urlFor(MEMBERSHIP_SCHEMA.schema),
    });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(MEMBERSHIP_SCHEMA.schema), fn);

  it.each(TABLES)('returns only the set LERO’s rows of %s to a query without any filter', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from ${table}`);
      await c.query('commit');
      return rows;
    });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([leroA]));
  });

  it.each(TABLES)('returns nothing of %s when no LERO is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from ${table}`));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a member into, or change one of, another LERO', async () => {
    await expect(
      asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await c.query(
          `insert into membership.members (id, tenant_id, display_name, status, joined_at) values ($1, $2, 'Smuggled', 'active', now())`,
          [uuidv7(), leroB],
        );
      }),
    ).rejects.toThrow(/row-level security/);
    const changed = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      const res = await c.query(`update membership.members set notes = 'x' where tenant_id = $1`, [leroB]);
      await c.query('commit');
      return res.rowCount;
    });
    expect(changed).toBe(0);
  });

  it('keeps the ORM to one LERO even with its filter switched off', async () => {
    const scope = service.forTenant(testTenantId(leroA));
    const entities: EntityName<TenantOwnedEntity>[] = [Member, ConsentRecord, MemberAuditEntry];
    for (const entity of entities) {
      const unfiltered = await scope.em.fork().find(entity, {}, { filters: false });
      expect(unfiltered.map((e) => e.tenantId)).toEqual([leroA, leroA, leroA]);
    }
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from membership.members where display_name like $1',
      ['Person%'],
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB, leroB, leroB]);
  });

  it('survives the server ending an idle read connection, and reads again', async () => {
    await service.readInTenant(testTenantId(leroA), 'select 1');
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const ended = await owner.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and usename = $1 and pid <> pg_backend_pid()`,
        [serviceRoleName(MEMBERSHIP_SCHEMA.schema)],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await owner.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroA),
      'select tenant_id from membership.members',
    );
    expect(rows).toHaveLength(3);
  });

  it('fails closed when member data is read without a tenant', async () => {
    await expect(service.em().find(Member, {})).rejects.toThrow();
  });

  it('refuses personal values on an erased tombstone, in the database itself', async () => {
    await expect(
      asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await c.query(
          `insert into membership.members (id, tenant_id, display_name, status, joined_at) values ($1, $2, 'Still here', 'erased', now())`,
          [uuidv7(), leroA],
        );
      }),
    ).rejects.toThrow(/members_erased_is_empty/);
  });
});

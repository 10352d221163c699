import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents } from '@hearth/contracts';
import type { EventProcessor } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  memberHistory,
  peopleIn,
  personOf,
  sameInAnyOrder,
  type History,
  type TestDatabase,
} from '@hearth/testing';
import { TENANTS_SCHEMA, TenantsDatabase } from '../src/tenants-database';
import { memberErasureConsumer } from '../src/member-links/member-links.service';
import { ErasedMembersRepository } from '../src/member-links/erased-members.repository';

/**
 * What the tenants service links to member records (member grants, invitations naming a record) ends the same
 * whatever order and however often membership's erasures arrive: random histories of a few members, each with a
 * member account and a pending invitation, erasures delivered in order in one LERO and permuted with
 * redeliveries in random batches in another (only erasures reach this consumer, as its filter says).
 */
describe('member erasures in any order', () => {
  let db: TestDatabase;
  let tenants: TenantsDatabase;
  let owner: Client;
  const regionId = uuidv7();
  const histories = new Map<string, History>();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
    tenants = await TenantsDatabase.connect(TENANTS_SCHEMA, { url: db.urlFor(TENANTS_SCHEMA.schema) });
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(`insert into tenants.regions (id, name, slug) values ($1, 'North', $2)`, [
      regionId,
      `north-${regionId}`,
    ]);
  });

  afterAll(async () => {
    await owner?.end();
    await tenants?.close();
    await db?.drop();
  });

  /** The LERO, and for each person a member account linked to their record and an invitation not yet taken. */
  async function seedLinks(tenantId: string, history: History): Promise<void> {
    histories.set(tenantId, history);
    await owner.query(
      `insert into tenants.tenants (id, region_id, name, slug, status) values ($1, $2, 'Phoenix', $3, 'active')`,
      [tenantId, regionId, `phoenix-${tenantId}`],
    );
    for (const [person, memberId] of peopleIn(tenantId, history)) {
      const account = uuidv7();
      await owner.query(
        `insert into tenants.accounts (id, email, display_name, password_hash) values ($1, $2, 'Someone', 'x')`,
        [account, `${person}-${tenantId}@example.org`],
      );
      await owner.query(
        `insert into tenants.grants (id, account_id, role, tenant_id, member_id) values ($1, $2, 'member', $3, $4)`,
        [uuidv7(), account, tenantId, memberId],
      );
      for (const accepted of [true, false])
        await owner.query(
          `insert into tenants.invitations (id, email, role, region_id, tenant_id, member_id, token_hash, expires_at, accepted_at)
            values ($1, $2, 'member', $3, $4, $5, $6, now() + interval '7 days', $7)`,
          [
            uuidv7(),
            `${person}@example.org`,
            regionId,
            tenantId,
            memberId,
            uuidv7(),
            accepted ? new Date() : null,
          ],
        );
    }
  }

  async function stateOf(tenantId: string) {
    const byPerson = async (sql: string) =>
      (await owner.query<{ member_id: string | null; n: number }>(sql, [tenantId])).rows
        .map((r) => `${r.member_id ? personOf(r.member_id) : 'nobody'} ${r.n}`)
        .sort();
    const grants = await byPerson(
      `select member_id, count(*)::int as n from tenants.grants where tenant_id = $1 group by 1`,
    );
    const invitations = await byPerson(
      `select member_id, count(*)::int as n from tenants.invitations where tenant_id = $1 group by 1`,
    );
    const [{ n: tombstones }] = (
      await owner.query<{ n: number }>(
        `select count(*)::int as n from tenants.erased_members where tenant_id = $1`,
        [tenantId],
      )
    ).rows;
    const erased = histories
      .get(tenantId)!
      .filter((f) => f.subject === MembershipEvents.memberErased)
      .map((f) => personOf((f.data(tenantId) as { memberId: string }).memberId)!);
    // An erased person's id is nowhere: their account stays, unlinked; their pending invitation is gone.
    expect([...grants, ...invitations].filter((r) => erased.includes(r.split(' ')[0]))).toEqual([]);
    return { grants, invitations, tombstones, erased: erased.sort() };
  }

  it('unlinks every erased member’s record for good, whatever order the erasures arrive in', async () => {
    const consumer = memberErasureConsumer(tenants, new ErasedMembersRepository());
    // Only erasures reach this consumer (its subject filter); the other member events never arrive.
    const passedOver: Pick<EventProcessor, 'process' | 'processBatch'> = {
      process: async () => 'handled',
      processBatch: async (deliveries) => deliveries.map(() => 'handled'),
    };
    await sameInAnyOrder(memberHistory(), {
      consumerOf: (subject) => (subject === MembershipEvents.memberErased ? consumer : passedOver),
      stateOf,
      prepare: seedLinks,
      numRuns: 60,
    });
  });
  it('refuses a new link to a record once its erasure has arrived, whatever membership said before', async () => {
    const erased = new ErasedMembersRepository();
    const consumer = memberErasureConsumer(tenants, erased);
    const tenantId = uuidv7();
    const [gone, kept] = [uuidv7(), uuidv7()];
    const occurredAt = new Date().toISOString();
    const erasure = {
      id: uuidv7(),
      subject: MembershipEvents.memberErased,
      occurredAt,
      tenantId,
      data: { tenantId, memberId: gone, occurredAt, communityRoles: [] },
    };
    expect(await consumer.process(erasure, 1)).toBe('handled');
    // What inviting a record (after membership's check) and accepting such an invitation do first.
    const link = (memberId: string) =>
      tenants.em().transactional((em) => erased.ensureNotErased(em, tenantId, memberId.toUpperCase()));
    await expect(link(gone)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(link(kept)).resolves.toBeUndefined();
    // The tombstone holds no member id.
    const rows = await owner.query(`select t::text as t from tenants.erased_members t`);
    expect(rows.rows.some((r: { t: string }) => r.t.includes(gone))).toBe(false);
  });
});

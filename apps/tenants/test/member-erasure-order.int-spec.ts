import { createHash } from 'node:crypto';
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
import { ErasedMembersRepository } from '../src/invitations/erased-members.repository';

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
  /** Each LERO's people by the emails they were sent invitations at and signed in with. */
  const emailsOf = new Map<string, Map<string, string>>();
  const failureKey = (email: string) => createHash('sha256').update(`hearth-sign-in:${email}`).digest('hex');

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
    let n = 0;
    const people = new Map<string, string>();
    emailsOf.set(tenantId, people);
    for (const [person, memberId] of peopleIn(tenantId, history)) {
      const account = uuidv7();
      const email = `${person}-${tenantId}@example.org`;
      people.set(email, person).set(`${person}@example.org`, person);
      await owner.query(
        `insert into tenants.accounts (id, email, display_name, password_hash) values ($1, $2, 'Someone', 'x')`,
        [account, email],
      );
      await owner.query(
        `insert into tenants.grants (id, account_id, role, tenant_id, member_id) values ($1, $2, 'member', $3, $4)`,
        [uuidv7(), account, tenantId, memberId],
      );
      // Every other person also volunteers here: their account outlives their member record.
      if (n++ % 2 === 1)
        await owner.query(
          `insert into tenants.grants (id, account_id, role, tenant_id) values ($1, $2, 'volunteer', $3)`,
          [uuidv7(), account, tenantId],
        );
      await owner.query(
        `insert into tenants.refresh_tokens (id, account_id, family_id, token_hash, expires_at, session_expires_at)
          values ($1, $2, $1, $3, now() + interval '1 day', now() + interval '1 day')`,
        [uuidv7(), account, uuidv7()],
      );
      await owner.query(
        `insert into tenants.sign_in_failures (email_hash, failures, last_failed_at) values ($1, 1, now())`,
        [failureKey(email)],
      );
      const invite = (to: string, member: string | null, accepted: boolean, role = 'member') =>
        owner.query(
          `insert into tenants.invitations (id, email, role, region_id, tenant_id, member_id, token_hash, expires_at, accepted_at)
            values ($1, $2, $3, $4, $5, $6, $7, now() + interval '7 days', $8)`,
          [uuidv7(), to, role, regionId, tenantId, member, uuidv7(), accepted ? new Date() : null],
        );
      for (const accepted of [true, false]) await invite(`${person}@example.org`, memberId, accepted);
      // Sent to the account's email without naming the record: spent, it loses the email; pending, it stays.
      for (const accepted of [true, false]) await invite(email, null, accepted, 'volunteer');
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
    // Each person's accounts with their grants and sign-ins still live, the invitations that still hold their
    // emails, and their failed sign-ins.
    const people = emailsOf.get(tenantId)!;
    const accounts = (
      await owner.query<{ email: string; grants: string; live: number }>(
        `select a.email, string_agg(g.role || case when g.member_id is null then '' else ' linked' end, ', '
              order by g.role) as grants,
            (select count(*)::int from tenants.refresh_tokens r where r.account_id = a.id and r.revoked_at is null)
              as live
          from tenants.accounts a join tenants.grants g on g.account_id = a.id
          where g.tenant_id = $1 group by a.id`,
        [tenantId],
      )
    ).rows
      .map((r) => `${people.get(r.email)}: ${r.grants}; live ${r.live}`)
      .sort();
    const emails = (
      await owner.query<{ email: string; role: string; accepted: boolean }>(
        `select email, role, accepted_at is not null as accepted from tenants.invitations
          where tenant_id = $1 and email is not null`,
        [tenantId],
      )
    ).rows
      .map((r) => `${people.get(r.email)} ${r.role} ${r.accepted ? 'accepted' : 'pending'}`)
      .sort();
    const failures = (
      await owner.query<{ email_hash: string }>(
        `select email_hash from tenants.sign_in_failures where email_hash = any($1)`,
        [[...people.keys()].map(failureKey)],
      )
    ).rows
      .map((r) => people.get([...people.keys()].find((e) => failureKey(e) === r.email_hash)!)!)
      .sort();
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
    // An erased person's id is nowhere; their account is gone, or (when it holds another role) stays without
    // the link and signed out; their pending invitation is gone and no spent one holds their email.
    const ofErased = (r: string) => erased.some((p) => r.startsWith(p));
    expect([...grants, ...invitations].filter(ofErased)).toEqual([]);
    expect(accounts.filter(ofErased).every((a) => a.endsWith(': volunteer; live 0'))).toBe(true);
    // Failed sign-ins go with a deleted account; an account that stays keeps them.
    expect(failures.filter(ofErased).every((p) => accounts.some((a) => a.startsWith(p)))).toBe(true);
    expect(emails.filter(ofErased).every((e) => e.endsWith('volunteer pending'))).toBe(true);
    return { grants, invitations, accounts, emails, tombstones, failures, erased: erased.sort() };
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

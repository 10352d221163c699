import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, MembershipClient, type Actor, type RequestContext } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { AuditGroupCommit, migrateAll, type TenantId } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  uniqueName,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from '../src/membership-database';
import { createMembershipApp } from '../src/membership.app';

/** Long enough that reads sent together share a batch on a loaded machine (ADR 0090); a read waits at most this. */
const WINDOW_MS = 100;
const READS_PER_LERO = 8;

const coordinatorOf = (tenantId: string): Actor => ({
  accountId: uuidv7(),
  email: `${uniqueName('coordinator')}@example.org`,
  grants: [{ role: 'coordinator', tenantId }],
});

/** Member reads with their audit rows group-committed (ADR 0090), against real PostgreSQL and NATS. */
describe('group-committed audit of member reads', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let app: NestFastifyApplication;
  let bus: MessageClient;
  let client: MembershipClient;
  let owner: Client;
  const leroA = uuidv7();
  const leroB = uuidv7();
  const members: Record<string, string> = {};
  const ctx = (actor: Actor, tenantId: string): RequestContext => testTrust.ctx(actor, { tenantId });

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
    app = await createMembershipApp(
      { databaseUrl: db.urlFor(MEMBERSHIP_SCHEMA.schema), auditGroupCommitMs: WINDOW_MS },
      { ...nats.as('membership'), trust: testTrust.trust },
      'warn',
    );
    await app.init();
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 5000);
    client = new MembershipClient(bus);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const lero of [leroA, leroB]) {
      const admin: Actor = { ...coordinatorOf(lero), grants: [{ role: 'tenant-admin', tenantId: lero }] };
      members[lero] = (await client.createMember(ctx(admin, lero), lero, { displayName: 'Read often' })).id;
    }
  });

  afterAll(async () => {
    await owner?.end();
    await bus?.close();
    await app?.close();
    await db?.drop();
    await nats?.stop();
  });

  /** Reads of both LEROs sent together, each by its own coordinator: which were answered, which refused. */
  const readTogether = async () => {
    const reads = [leroA, leroB].flatMap((lero) =>
      Array.from({ length: READS_PER_LERO }, () => ({ lero, actor: coordinatorOf(lero) })),
    );
    const outcomes = await Promise.all(
      reads.map(({ lero, actor }) =>
        client.getMember(ctx(actor, lero), lero, members[lero]).then(
          (view) => ({ lero, actor: actor.accountId, answered: view.id === members[lero], code: '' }),
          (err: unknown) => ({
            lero,
            actor: actor.accountId,
            answered: false,
            code: err instanceof AppError ? err.code : String(err),
          }),
        ),
      ),
    );
    const rows = (
      await owner.query<{ actor: string; tenant_id: string; member_id: string; tx: string }>(
        `select actor_account_id as actor, tenant_id, member_id, xmin::text as tx from membership.audit_entries
          where action = 'member.read' and actor_account_id = any($1::uuid[])`,
        [outcomes.map((o) => o.actor)],
      )
    ).rows;
    return { outcomes, rows };
  };

  it('answers reads sent together with exactly one audit row each, of its own LERO, committed together', async () => {
    const { outcomes, rows } = await readTogether();
    expect(outcomes.filter((o) => !o.answered)).toEqual([]);
    expect(rows).toHaveLength(outcomes.length);
    for (const o of outcomes)
      expect(rows.filter((r) => r.actor === o.actor)).toEqual([
        { actor: o.actor, tenant_id: o.lero, member_id: members[o.lero], tx: expect.any(String) },
      ]);
    // Shared commits: fewer transactions than reads, and one of them holds rows of both LEROs.
    const transactions = new Set(rows.map((r) => r.tx));
    expect(transactions.size).toBeLessThan(outcomes.length);
    const lerosOf = (tx: string) => new Set(rows.filter((r) => r.tx === tx).map((r) => r.tenant_id)).size;
    expect(Math.max(...[...transactions].map(lerosOf))).toBe(2);
  });

  it('refuses every read of a batch whose commit failed, and answers only reads whose row is durable', async () => {
    // The audit table refuses LERO B's rows: a batch holding one cannot commit, whoever else is in it.
    await owner.query(`create function membership.refuse_audit() returns trigger language plpgsql as $$
      begin if new.tenant_id = '${leroB}' then raise exception 'audit refused by the test'; end if; return new; end $$`);
    await owner.query(`create trigger refuse_audit before insert on membership.audit_entries
      for each row execute function membership.refuse_audit()`);
    try {
      const { outcomes, rows } = await readTogether();
      const refused = outcomes.filter((o) => !o.answered);
      expect(outcomes.filter((o) => o.lero === leroB && o.answered)).toEqual([]);
      // LERO A's reads that shared a batch with LERO B's failed with it: none was answered without its row.
      expect(refused.filter((o) => o.lero === leroA).length).toBeGreaterThan(0);
      expect(new Set(refused.map((o) => o.code))).toEqual(new Set(['UNAVAILABLE']));
      expect(rows.map((r) => r.actor).sort()).toEqual(
        outcomes
          .filter((o) => o.answered)
          .map((o) => o.actor)
          .sort(),
      );
    } finally {
      await owner.query('drop trigger refuse_audit on membership.audit_entries');
      await owner.query('drop function membership.refuse_audit()');
    }
    // The next batch commits again.
    const { outcomes } = await readTogether();
    expect(outcomes.every((o) => o.answered)).toBe(true);
  });

  it('writes each row under its own LERO’s row-level security: a row filed under another LERO is refused', async () => {
    const service = await MembershipDatabase.connect(MEMBERSHIP_SCHEMA, {
      url: db.urlFor(MEMBERSHIP_SCHEMA.schema),
    });
    try {
      const group = new AuditGroupCommit(service, 'membership.audit_entries', ['id', 'tenant_id', 'action'], {
        windowMs: WINDOW_MS,
      });
      const id = uuidv7();
      const smuggled = group.write(leroA as TenantId, [id, leroB, 'member.read']);
      await expect(smuggled).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      expect((await owner.query('select 1 from membership.audit_entries where id = $1', [id])).rowCount).toBe(
        0,
      );
    } finally {
      await service.close();
    }
  });
});

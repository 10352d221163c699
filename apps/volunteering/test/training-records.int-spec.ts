import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  MembershipEvents as M,
  type Actor,
  type DomainEvent,
  type Role,
  type VolunteeringClient,
} from '@hearth/contracts';
import { testTenantId, testTrust, withClient } from '@hearth/testing';
import { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { missingRequirements } from '../src/training-records/training-records.repository';
import { addDays, todayInUk } from '../src/training-records/training-dates.util';
import { refusal as failure } from './volunteering.given';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const actorIn = (tenantId: string, role: Role, memberId?: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${tenantId.slice(-6)}@example.org`,
  grants: [{ role, tenantId, regionId: uuidv7(), ...(memberId ? { memberId } : {}) }],
});
const ctx = (actor: Actor) => testTrust.ctx(actor);

/** Training and check records (ADR 0053) over NATS as the gateway asks, their table under RLS, and erasure. */
describe('volunteers’ training and check records', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  let db: VolunteeringDatabase;
  const today = todayInUk();
  const leroA = uuidv7();
  const leroB = uuidv7();
  const coordinator = actorIn(leroA, 'coordinator');

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
    db = service.app.get(VolunteeringDatabase);
  });

  afterAll(async () => {
    await service?.close();
  });

  const memberEvent = (subject: string, tenantId: string, memberId: string, roles: string[]) =>
    ({
      id: uuidv7(),
      subject,
      occurredAt: new Date().toISOString(),
      tenantId,
      data: { tenantId, memberId, occurredAt: new Date().toISOString(), communityRoles: roles },
    }) as DomainEvent;
  const hear = (e: DomainEvent) => memberEventsConsumer(db).process(e, 1);
  const volunteerIn = async (tenantId: string, roles = ['member', 'volunteer']) => {
    const id = uuidv7();
    await hear(memberEvent(M.memberJoined, tenantId, id, roles));
    return id;
  };
  const item = (tenantId: string, name: string, kind: 'training' | 'check', validityMonths?: number) =>
    client.createTraining(ctx(actorIn(tenantId, 'tenant-admin')), tenantId, { name, kind, validityMonths });

  it('records training verified by the coordinator’s account, expiring by the item’s validity, with its event', async () => {
    const ash = await volunteerIn(leroA);
    const safeguarding = await item(leroA, 'Safeguarding', 'training', 36);
    const dbs = await item(leroA, 'DBS basic', 'check');
    const done = await client.recordTraining(ctx(coordinator), leroA, ash, {
      trainingId: safeguarding.id,
      completedOn: '2026-01-31',
      how: 'certificate-seen',
    });
    expect(done).toMatchObject({
      memberId: ash,
      trainingId: safeguarding.id,
      name: 'Safeguarding',
      kind: 'training',
      completedOn: '2026-01-31',
      expiresOn: '2029-01-31',
      status: 'valid',
      how: 'certificate-seen',
      verifiedBy: coordinator.accountId,
    });
    const check = await client.recordTraining(ctx(coordinator), leroA, ash, {
      trainingId: dbs.id,
      completedOn: today,
      how: 'delivered-by-us',
    });
    expect(check.expiresOn).toBeNull();
    const { rows } = await owner.query<{ subject: string; payload: Record<string, unknown> }>(
      `select subject, payload from volunteering.outbox where payload->>'recordId' = $1`,
      [check.id],
    );
    expect(rows).toEqual([
      {
        subject: 'evt.volunteering.training.recorded',
        payload: {
          tenantId: leroA,
          recordId: check.id,
          trainingId: dbs.id,
          kind: 'check',
          completedOn: today,
          expiresOn: null,
          how: 'delivered-by-us',
        },
      },
    ]);
    // A DBS check is kept as its type and date: the row has no other column a number or outcome could go in. (The
    // issuer of a record accepted from a passport is the verified issuer's id and name, set by the import only.)
    const columns = await owner.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = 'volunteering' and table_name = 'training_records' order by column_name`,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual([
      'accepted_from_issuer',
      'accepted_from_name',
      'completed_on',
      'expires_on',
      'how',
      'id',
      'member_id',
      'recorded_at',
      'tenant_id',
      'training_id',
      'updated_at',
      'verified_by',
    ]);
    const page = await client.listTrainingRecords(ctx(coordinator), leroA, ash, {});
    expect(page.items.map((r) => r.id)).toEqual([done.id, check.id]);
  });

  it('refuses a date to come, another LERO’s item, a member it does not know and one who is not an active volunteer', async () => {
    const ash = await volunteerIn(leroA);
    const bo = await volunteerIn(leroA, ['member']);
    const cy = await volunteerIn(leroA);
    await hear(memberEvent(M.memberLeft, leroA, cy, ['member', 'volunteer']));
    const first = await item(leroA, 'First aid', 'training', 12);
    const theirs = await item(leroB, 'First aid', 'training', 12);
    const theirMember = await volunteerIn(leroB);
    const rec = (memberId: string, trainingId = first.id, completedOn = today) =>
      failure(
        client.recordTraining(ctx(coordinator), leroA, memberId, {
          trainingId,
          completedOn,
          how: 'delivered-by-us',
        }),
      );
    expect(await rec(ash, first.id, addDays(today, 1))).toBe('VALIDATION completedOn');
    expect(await rec(ash, theirs.id)).toBe('VALIDATION trainingId');
    expect(await rec(ash, uuidv7())).toBe('VALIDATION trainingId');
    expect(await rec(theirMember)).toBe('NOT_FOUND ');
    expect(await rec(uuidv7())).toBe('NOT_FOUND ');
    expect(await rec(bo)).toBe('CONFLICT NotAVolunteer');
    expect(await rec(cy)).toBe('CONFLICT NotAVolunteer');
    expect(await rec(ash)).toBe('allowed');
    const volunteer = actorIn(leroA, 'volunteer');
    expect(
      await failure(
        client.recordTraining(ctx(volunteer), leroA, ash, {
          trainingId: first.id,
          completedOn: today,
          how: 'delivered-by-us',
        }),
      ),
    ).toBe('FORBIDDEN ');
    // Their own record, through the member record their account is linked to; nobody else's.
    const self = actorIn(leroA, 'member', ash);
    expect((await client.listTrainingRecords(ctx(self), leroA, ash, {})).items).toHaveLength(1);
    expect(await failure(client.listTrainingRecords(ctx(self), leroA, cy, {}))).toBe('FORBIDDEN ');
    expect(await failure(client.listTrainingRecords(ctx(coordinator), leroA, theirMember, {}))).toBe(
      'NOT_FOUND ',
    );
  });

  it('corrects a record (new expiry, new verifier) and removes one, each with its event; another LERO’s id is missing', async () => {
    const ash = await volunteerIn(leroA);
    const naloxone = await item(leroA, 'Naloxone', 'training', 24);
    const food = await item(leroA, 'Food hygiene', 'training');
    const rec = await client.recordTraining(ctx(coordinator), leroA, ash, {
      trainingId: naloxone.id,
      completedOn: '2026-02-10',
      how: 'certificate-seen',
    });
    const admin = actorIn(leroA, 'tenant-admin');
    const fixed = await client.correctTrainingRecord(ctx(admin), leroA, ash, rec.id, {
      completedOn: '2026-03-01',
    });
    expect(fixed).toMatchObject({
      completedOn: '2026-03-01',
      expiresOn: '2028-03-01',
      verifiedBy: admin.accountId,
    });
    const moved = await client.correctTrainingRecord(ctx(admin), leroA, ash, rec.id, { trainingId: food.id });
    expect(moved).toMatchObject({ name: 'Food hygiene', expiresOn: null });
    expect(
      await failure(
        client.correctTrainingRecord(ctx(admin), leroA, ash, rec.id, { completedOn: addDays(today, 3) }),
      ),
    ).toBe('VALIDATION completedOn');
    const other = actorIn(leroB, 'tenant-admin');
    expect(
      await failure(client.correctTrainingRecord(ctx(other), leroB, ash, rec.id, { how: 'delivered-by-us' })),
    ).toBe('NOT_FOUND ');
    expect(await failure(client.removeTrainingRecord(ctx(admin), leroA, uuidv7(), rec.id))).toBe(
      'NOT_FOUND ',
    );
    expect(await client.removeTrainingRecord(ctx(admin), leroA, ash, rec.id)).toEqual({ removed: true });
    const { rows } = await owner.query<{ subject: string }>(
      `select subject from volunteering.outbox where payload->>'recordId' = $1 order by id`,
      [rec.id],
    );
    expect(rows.map((r) => r.subject)).toEqual([
      'evt.volunteering.training.recorded',
      'evt.volunteering.training.corrected',
      'evt.volunteering.training.corrected',
      'evt.volunteering.training.removed',
    ]);
  });

  it('lists expiring and expired records of active volunteers, soonest first, the latest of each item only', async () => {
    const lero = uuidv7();
    const coord = actorIn(lero, 'coordinator');
    const [ash, bo, cy] = [await volunteerIn(lero), await volunteerIn(lero), await volunteerIn(lero)];
    const yearly = await item(lero, 'First aid', 'training', 12);
    const record = (memberId: string, completedOn: string) =>
      client.recordTraining(ctx(coord), lero, memberId, {
        trainingId: yearly.id,
        completedOn,
        how: 'delivered-by-us',
      });
    // Expiring in 10 and 40 days; expired 5 days ago (ash renewed it since), 20 days ago (bo).
    const a = await record(ash, addDays(addDays(today, 10), -365));
    const b = await record(bo, addDays(addDays(today, 40), -365));
    await record(ash, addDays(addDays(today, -5), -365));
    const c = await record(cy, addDays(addDays(today, -20), -365));
    const expiring = await client.expiringTraining(ctx(coord), lero, {});
    // The dates above may be a day out around 29 February; the order and membership are what matter.
    expect(expiring.items.map((i) => i.recordId)).toEqual([a.id]);
    const wider = await client.expiringTraining(ctx(coord), lero, { days: 60, limit: 1 });
    expect(wider.items.map((i) => i.recordId)).toEqual([a.id]);
    const next = await client.expiringTraining(ctx(coord), lero, { days: 60, cursor: wider.nextCursor! });
    expect(next.items).toEqual([
      {
        memberId: bo,
        recordId: b.id,
        trainingId: yearly.id,
        name: 'First aid',
        kind: 'training',
        expiresOn: b.expiresOn,
      },
    ]);
    expect((await client.expiredTraining(ctx(coord), lero, {})).items.map((i) => i.recordId)).toEqual([c.id]);
    // Someone who left is not chased.
    await hear(memberEvent(M.memberLeft, lero, cy, ['volunteer']));
    expect((await client.expiredTraining(ctx(coord), lero, {})).items).toEqual([]);
    expect(await failure(client.expiredTraining(ctx(coord), lero, { cursor: 'nonsense' }))).toBe(
      'VALIDATION cursor',
    );
    expect(await failure(client.expiringTraining(ctx(actorIn(lero, 'member', ash)), lero, {}))).toBe(
      'FORBIDDEN ',
    );
    expect(await failure(client.expiringTraining(ctx(actorIn(leroB, 'coordinator')), lero, {}))).toBe(
      'NOT_FOUND ',
    );
  });

  it('tells sign-ups what a member lacks on a date: missing, expired by then, or not the LERO’s', async () => {
    const ash = await volunteerIn(leroA);
    const safeguarding = await item(leroA, 'Safeguarding', 'training', 12);
    const dbs = await item(leroA, 'DBS basic', 'check');
    const hygiene = await item(leroA, 'Food hygiene', 'training', 6);
    await client.recordTraining(ctx(coordinator), leroA, ash, {
      trainingId: safeguarding.id,
      completedOn: '2026-01-15',
      how: 'certificate-seen',
    });
    await client.recordTraining(ctx(coordinator), leroA, ash, {
      trainingId: dbs.id,
      completedOn: '2025-06-01',
      how: 'certificate-seen',
    });
    const tenant = testTenantId(leroA);
    const ids = [safeguarding.id, dbs.id, hygiene.id];
    const missing = (on: string, list = ids) => missingRequirements(db, tenant, ash, list, on);
    expect(await missing('2026-06-01')).toEqual([
      { trainingId: hygiene.id, name: 'Food hygiene', kind: 'training' },
    ]);
    expect((await missing('2027-01-15')).map((m) => m.trainingId)).toEqual([safeguarding.id, hygiene.id]);
    expect((await missing('2026-01-14')).map((m) => m.trainingId)).toEqual([safeguarding.id, hygiene.id]);
    expect(await missing('2026-06-01', [])).toEqual([]);
    const theirs = await item(leroB, 'Safeguarding', 'training');
    expect(await missing('2026-06-01', [theirs.id, dbs.id])).toEqual([
      { trainingId: theirs.id, name: null, kind: null },
    ]);
    // Another LERO sees none of ash's records.
    expect((await missingRequirements(db, testTenantId(leroB), ash, [theirs.id], '2026-06-01')).length).toBe(
      1,
    );
  });

  it('drops an erased member’s records with their projection row, and keeps the table to its LERO (RLS)', async () => {
    const ash = await volunteerIn(leroA);
    const bo = await volunteerIn(leroA);
    const aid = await item(leroA, 'First aid', 'training', 12);
    for (const m of [ash, bo])
      await client.recordTraining(ctx(coordinator), leroA, m, {
        trainingId: aid.id,
        completedOn: today,
        how: 'delivered-by-us',
      });
    await hear(memberEvent(M.memberErased, leroA, ash, ['volunteer']));
    const held = await owner.query<{ member_id: string }>(
      `select member_id from volunteering.training_records where member_id = any($1::uuid[])`,
      [[ash, bo]],
    );
    expect(held.rows.map((r) => r.member_id)).toEqual([bo]);
    expect(await failure(client.listTrainingRecords(ctx(coordinator), leroA, ash, {}))).toBe('NOT_FOUND ');
    await withClient(service.db.urlFor(VOLUNTEERING_SCHEMA.schema), async (c) => {
      const none = await c.query(`select count(*)::int as n from volunteering.training_records`);
      expect(none.rows[0].n).toBe(0);
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroB]);
      const seen = await c.query(`select 1 from volunteering.training_records`);
      expect(seen.rows).toEqual([]);
      await expect(
        c.query(
          `insert into volunteering.training_records (id, tenant_id, member_id, training_id, completed_on, how, verified_by)
           values ($1, $2, $3, $4, current_date, 'delivered-by-us', $5)`,
          [uuidv7(), leroA, bo, aid.id, uuidv7()],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });
});

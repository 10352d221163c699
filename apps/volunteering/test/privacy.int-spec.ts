import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  MEMBER_EXPORT_PART,
  MembershipEvents as M,
  type Actor,
  type DomainEvent,
  type Grant,
  type VolunteeringClient,
  type VolunteeringMemberExport,
  VOLUNTEERING_EXPORT_COLUMNS,
  VOLUNTEERING_EXPORT_PARTS,
} from '@hearth/contracts';
import { EnvelopeVerifier, Gather, NatsConnectionProvider } from '@hearth/messaging';
import { testTrust } from '@hearth/testing';
import { VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';
import { ctx, localIn } from './volunteering.given';
import { tablesHolding } from './privacy.given';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A person's part where volunteering holds nothing of them. */
const NOTHING = { volunteer: null, signups: [], training: [], hours: [], credentials: [], interests: [] };
const actor = (...grants: Grant[]): Actor => ({
  accountId: uuidv7(),
  email: `someone-${uuidv7().slice(-8)}@example.org`,
  grants,
});

/**
 * Volunteering's part in a person's rights (ADR 0060), against real Postgres and NATS: their data export answered
 * as membership gathers it, and their erasure leaving no trace of the id in any of volunteering's tables, a freed
 * place going to the waitlist, and no late event bringing them back.
 */
describe('volunteering and a person’s rights', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  let db: VolunteeringDatabase;
  let membership: { gather: Gather; nats: NatsConnectionProvider };
  const lero = uuidv7();
  const otherLero = uuidv7();
  const coordinator = actor({ role: 'coordinator', tenantId: lero });

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
    db = service.app.get(VolunteeringDatabase);
    // Membership asks for the parts as its own NATS user, as deployed.
    const options = { ...service.nats.as('membership'), trust: testTrust.trust };
    const nats = new NatsConnectionProvider(options);
    membership = { nats, gather: new Gather(options, nats, new EnvelopeVerifier(options)) };
  });

  afterAll(async () => {
    await membership?.gather.onApplicationShutdown();
    await membership?.nats.onApplicationShutdown();
    await service?.close();
  });

  const memberEvent = (subject: string, memberId: string, roles = ['member', 'volunteer']): DomainEvent => {
    const at = new Date().toISOString();
    return {
      id: uuidv7(),
      subject,
      occurredAt: at,
      tenantId: lero,
      data: { tenantId: lero, memberId, occurredAt: at, communityRoles: roles },
    };
  };
  const hear = (e: DomainEvent) => memberEventsConsumer(db).process(e, 1);
  const volunteer = async () => {
    const id = uuidv7();
    await hear(memberEvent(M.memberJoined, id));
    return id;
  };

  /** Volunteering's part as membership's export gathers it, or the error it answered. */
  async function partOf(asker: Actor, memberId: string, tenantId = lero) {
    const { replies, silent } = await membership.gather.ask<VolunteeringMemberExport>(
      MEMBER_EXPORT_PART,
      ctx(asker),
      { tenantId, memberId },
      { from: ['volunteering'], maxWaitMs: 5000 },
    );
    expect(silent).toEqual([]);
    const [reply] = replies;
    if ('error' in reply) throw new AppError(reply.error.code, reply.error.message);
    return reply.data;
  }
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'answered',
      (err: unknown) => (err instanceof AppError ? err.code : String(err)),
    );

  const whereIs = (memberId: string) => tablesHolding(owner, memberId);

  async function shiftOf(capacity: number, startsIn: number, requirementIds?: string[]) {
    const role = await client.createRole(ctx(coordinator), lero, {
      title: `Peer walk leader ${uuidv7().slice(-4)}`,
      visibility: 'members',
      requirementIds,
    });
    const shift = await client.createShift(ctx(coordinator), lero, role.id, {
      startsAt: localIn(startsIn),
      durationMinutes: 60,
      capacity,
    });
    return { role, shift };
  }

  it('gives a person’s volunteering to staff and to themselves: standing, sign-ups, training (not who verified it)', async () => {
    const ash = await volunteer();
    const safeguarding = await client.createTraining(ctx(coordinator), lero, {
      name: 'Safeguarding',
      kind: 'training',
      validityMonths: 12,
    });
    await client.recordTraining(ctx(coordinator), lero, ash, {
      trainingId: safeguarding.id,
      completedOn: '2026-01-31',
      how: 'certificate-seen',
    });
    const { role, shift } = await shiftOf(2, 10 * DAY_MS, [safeguarding.id]);
    await client.createSignup(ctx(coordinator), lero, shift.id, { memberId: ash });
    const soon = await shiftOf(2, 3 * HOUR_MS);
    await client.createSignup(ctx(coordinator), lero, soon.shift.id, { memberId: ash });
    await client.cancelSignup(ctx(coordinator), lero, soon.shift.id, ash, {});
    const logged = await client.logHours(ctx(coordinator), lero, {
      memberId: ash,
      roleId: role.id,
      date: '2026-02-03',
      minutes: 150,
      description: 'Set up the café',
    });
    await client.approveHours(ctx(coordinator), lero, logged.id, { minutes: 120 });
    const self = actor({ role: 'member', tenantId: lero, memberId: ash });
    const interest = await client.expressInterest(ctx(self), lero, soon.role.id, { note: 'Weekends' });
    await client.closeInterest(ctx(coordinator), lero, interest.id, { outcome: 'not-now' });

    const part = await partOf(coordinator, ash);
    expect(part).toEqual({
      volunteer: { volunteer: true, status: 'active' },
      signups: [
        {
          shiftId: soon.shift.id,
          roleId: soon.role.id,
          roleTitle: soon.role.title,
          date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          startsAt: new Date(soon.shift.next[0].startsAt).toISOString(),
          status: 'cancelled',
          since: expect.stringMatching(/Z$/),
          cancelledAt: expect.stringMatching(/Z$/),
          // Their own record shows them what is held, a late cancel too: held without blame, never a score.
          lateCancel: true,
        },
        expect.objectContaining({
          shiftId: shift.id,
          roleTitle: role.title,
          status: 'confirmed',
          lateCancel: false,
        }),
      ],
      training: [
        {
          recordId: expect.any(String),
          trainingId: safeguarding.id,
          name: 'Safeguarding',
          kind: 'training',
          completedOn: '2026-01-31',
          expiresOn: '2027-01-31',
          how: 'certificate-seen',
          recordedAt: expect.stringMatching(/Z$/),
          updatedAt: expect.stringMatching(/Z$/),
        },
      ],
      hours: [
        {
          entryId: logged.id,
          roleId: role.id,
          roleTitle: role.title,
          source: 'logged',
          date: '2026-02-03',
          minutes: 150,
          approvedMinutes: 120,
          status: 'approved',
          description: 'Set up the café',
          declineReason: null,
          loggedAt: expect.stringMatching(/Z$/),
          decidedAt: expect.stringMatching(/Z$/),
        },
      ],
      credentials: [],
      // Their note and how it was followed up; not by whom.
      interests: [
        expect.objectContaining({
          interestId: interest.id,
          note: 'Weekends',
          status: 'closed',
          outcome: 'not-now',
        }),
      ],
    });
    expect(JSON.stringify(part)).not.toContain(coordinator.accountId);

    // Themselves, through the member record their account is linked to; nobody else's.
    expect(await partOf(self, ash)).toEqual(part);
    const someoneElse = await volunteer();
    expect(await codeOf(partOf(self, someoneElse))).toBe('FORBIDDEN');
    expect(await codeOf(partOf(actor({ role: 'volunteer', tenantId: lero }), ash))).toBe('FORBIDDEN');
    // Another LERO's staff learn nothing, and their own LERO holds nothing of this id.
    const theirAdmin = actor({ role: 'tenant-admin', tenantId: otherLero });
    expect(await codeOf(partOf(theirAdmin, ash))).toBe('NOT_FOUND');
    expect(await partOf(theirAdmin, ash, otherLero)).toEqual(NOTHING);
  });

  it('erases a person from every table: coming places go to the waitlist, past ones stay unnamed, and nothing brings them back', async () => {
    const sam = await volunteer();
    const kit = await volunteer();
    const checks = await client.createTraining(ctx(coordinator), lero, { name: 'DBS basic', kind: 'check' });
    await client.recordTraining(ctx(coordinator), lero, sam, {
      trainingId: checks.id,
      completedOn: '2026-02-01',
      how: 'delivered-by-us',
    });
    // A coming shift Sam has the one place of, Kit waiting; and one Sam was on, since started.
    const coming = await shiftOf(1, 5 * DAY_MS);
    await client.createSignup(ctx(coordinator), lero, coming.shift.id, { memberId: sam });
    await client.createSignup(ctx(coordinator), lero, coming.shift.id, { memberId: kit });
    const past = await shiftOf(3, 6 * DAY_MS);
    await client.createSignup(ctx(coordinator), lero, past.shift.id, { memberId: sam });
    await client.createSignup(ctx(coordinator), lero, past.shift.id, { memberId: kit });
    await owner.query(
      `update volunteering.shift_occurrences set starts_at = now() - interval '2 days' where shift_id = $1`,
      [past.shift.id],
    );
    // Hours Sam logged and had approved (counted in reporting), and one pending.
    for (const minutes of [90, 45]) {
      const entry = await client.logHours(ctx(coordinator), lero, {
        memberId: sam,
        roleId: past.role.id,
        date: '2026-02-02',
        minutes,
      });
      if (minutes === 90) await client.approveHours(ctx(coordinator), lero, entry.id, {});
    }
    // And an interest in a role, still open.
    const interest = await client.expressInterest(
      ctx(actor({ role: 'member', tenantId: lero, memberId: sam })),
      lero,
      coming.role.id,
      { note: 'Sam here' },
    );
    expect(await whereIs(sam)).toEqual([
      'hours_entries.member_id',
      'members.member_id',
      'role_interests.member_id',
      'signups.member_id',
      'training_records.member_id',
    ]);
    const hoursEvents = async () =>
      (
        await owner.query<{ subject: string }>(
          `select subject from volunteering.outbox where subject like 'evt.volunteering.hours.%' and payload->>'memberId' = $1`,
          [sam],
        )
      ).rows.map((r) => r.subject);
    expect(await hoursEvents()).toEqual(['evt.volunteering.hours.approved']);

    expect(await hear(memberEvent(M.memberErased, sam))).toBe('handled');

    // Their entries are gone, and no event withdraws the approved hours: reporting keeps counting them (ADR 0057).
    expect(await hoursEvents()).toEqual(['evt.volunteering.hours.approved']);
    expect(await whereIs(sam)).toEqual([]);
    // The open interest is withdrawn for its consumers; its events never named Sam.
    const { rows: said } = await owner.query(
      `select subject, payload from volunteering.outbox where payload->>'interestId' = $1 order by id`,
      [interest.id],
    );
    expect(said.map((e) => [e.subject, e.payload.version])).toEqual([
      ['evt.volunteering.interest.expressed', 1],
      ['evt.volunteering.interest.withdrawn', 2],
    ]);
    expect(JSON.stringify(said)).not.toContain(sam);
    // Kit has the freed place, told as any promotion is; no event names Sam.
    expect((await client.listSignups(ctx(coordinator), lero, coming.shift.id, {})).items).toEqual([
      { memberId: kit, status: 'confirmed' },
    ]);
    const { rows: events } = await owner.query<{ subject: string; payload: { memberId: string } }>(
      `select subject, payload from volunteering.outbox where payload->>'shiftId' = $1
        and subject like 'evt.volunteering.signup.%' order by id`,
      [coming.shift.id],
    );
    expect(events.map((e) => [e.subject, e.payload.memberId])).toEqual([
      ['evt.volunteering.signup.confirmed', sam],
      ['evt.volunteering.signup.waitlisted', kit],
      ['evt.volunteering.signup.promoted', kit],
    ]);
    // The past occurrence was staffed by two: the place stays, nobody names it.
    const { rows: pastRows } = await owner.query<{ member_id: string | null; status: string }>(
      `select s.member_id, s.status from volunteering.signups s
         join volunteering.shift_occurrences o on o.id = s.occurrence_id where o.shift_id = $1 order by s.id`,
      [past.shift.id],
    );
    expect(pastRows).toEqual([
      { member_id: null, status: 'confirmed' },
      { member_id: kit, status: 'confirmed' },
    ]);
    expect(await partOf(coordinator, sam)).toEqual(NOTHING);

    // Late events of the erased member, redelivered or delayed, bring nothing back; nor can anyone sign them up.
    for (const subject of [M.memberJoined, M.memberRolesChanged, M.memberRejoined, M.memberErased])
      expect(await hear(memberEvent(subject, sam))).toBe('handled');
    expect(
      await codeOf(client.createSignup(ctx(coordinator), lero, coming.shift.id, { memberId: sam })),
    ).toBe('CONFLICT');
    expect(await whereIs(sam)).toEqual([]);
    expect(await whereIs(kit)).toEqual(['members.member_id', 'signups.member_id']);
  });

  it('lets an erasure and a sign-up of the same person race without leaving a sign-up behind', async () => {
    const { shift } = await shiftOf(5, 4 * DAY_MS);
    for (let i = 0; i < 5; i++) {
      const lee = await volunteer();
      const [signup] = await Promise.allSettled([
        client.createSignup(ctx(coordinator), lero, shift.id, { memberId: lee }),
        hear(memberEvent(M.memberErased, lee)),
      ]);
      expect(['fulfilled', 'rejected']).toContain(signup.status);
      expect(await whereIs(lee)).toEqual([]);
    }
  });

  it('gives its LERO’s tenant-admins its parts of the archive a page at a time, with member ids, and nobody else', async () => {
    const admin = actor({ role: 'tenant-admin', tenantId: lero });
    const records = await client.leroExportPage(ctx(admin), lero, 'volunteering-training-records');
    expect(records.nextCursor).toBeNull();
    expect(records.rows.length).toBeGreaterThan(0);
    for (const row of records.rows)
      expect(row).toHaveLength(VOLUNTEERING_EXPORT_COLUMNS['volunteering-training-records'].length);
    const roles = await client.leroExportPage(ctx(admin), lero, 'volunteering-roles');
    // Requirements as ids of the catalogue, `;` between them; instants in UTC.
    expect(roles.rows).toContainEqual([
      expect.any(String),
      expect.stringMatching(/^Peer walk leader/),
      null,
      null,
      '',
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      null,
      'members',
      'open',
      expect.stringMatching(/Z$/),
      expect.stringMatching(/Z$/),
    ]);
    const interests = await client.leroExportPage(ctx(admin), lero, 'volunteering-interests');
    expect(interests.rows).toContainEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
      'Weekends',
      'closed',
      'not-now',
      coordinator.accountId,
      expect.stringMatching(/Z$/),
      expect.stringMatching(/Z$/),
    ]);
    const signups = await client.leroExportPage(ctx(admin), lero, 'volunteering-signups');
    const memberIds = signups.rows.map((r) => r[4]);
    expect(memberIds).toContain(null); // the erased member's past place, unnamed
    for (const part of VOLUNTEERING_EXPORT_PARTS) {
      expect(await codeOf(client.leroExportPage(ctx(coordinator), lero, part))).toBe('FORBIDDEN');
      expect(
        await codeOf(
          client.leroExportPage(ctx(actor({ role: 'tenant-admin', tenantId: otherLero })), lero, part),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await client.leroExportPage(
          ctx(actor({ role: 'tenant-admin', tenantId: otherLero })),
          otherLero,
          part,
        ),
      ).toEqual({ rows: [], nextCursor: null });
    }
    expect(await codeOf(client.leroExportPage(ctx(admin), lero, 'members' as never))).toBe('VALIDATION');
  });
});

import { Client } from 'pg';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import {
  EVENTS_STREAM,
  EventsEvents,
  MEMBER_EXPORT_PART,
  MembershipClient,
  MembershipEvents,
  MembershipSubjects,
  type AttendanceChangedEvent,
  type DomainEvent,
  type SessionView,
} from '@hearth/contracts';
import { uuidv7 } from 'uuidv7';
import {
  EnvelopeVerifier,
  Gather,
  MessageClient,
  NatsConnectionProvider,
  createNatsClient,
} from '@hearth/messaging';
import { eventually, testTrust, uniqueName } from '@hearth/testing';
import { HeldSessionsService } from '../src/attendance/held-sessions.service';
import { ParticipantKeys } from '../src/members/participant-key.util';
import { MemberLookup } from '../src/members/member-lookup.service';
import { erasedMemberKey, lockMemberStatement } from '../src/members/member-status.repository';
import {
  PARTICIPANT_SECRET,
  codeOf,
  ctx,
  givenLero,
  londonLocal,
  startEventsService,
  type EventsHarness,
} from './events.harness';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface OutboxRow<T> {
  subject: string;
  payload: T;
}

/** The register at the door: check-ins, walk-ins, what reporting is told, and when a session was held. */
describe('events service: attendance and walk-ins', () => {
  let h: EventsHarness;
  const lero = givenLero();
  const coord = () => ctx(lero.coordinator);
  const door = () => ctx(lero.volunteer);

  /** A one-off session starting `startsInMinutes` from now, lasting an hour. */
  async function session(startsInMinutes: number, title = 'Peer support'): Promise<SessionView> {
    const start = new Date(Date.now() + startsInMinutes * MINUTE);
    const activity = await h.client.createActivity(coord(), lero.tenantId, {
      title,
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: londonLocal(start).slice(0, 16), durationMinutes: 60 },
    });
    const from = new Date(start.getTime() - DAY).toISOString();
    return (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id, from })).items[0];
  }

  const outbox = <T>(sessionId: string, subject?: string) =>
    h.sql<OutboxRow<T>>(
      `select subject, payload from events.outbox where payload->>'sessionId' = $1 ${subject ? 'and subject = $2' : ''} order by id`,
      subject ? [sessionId, subject] : [sessionId],
    );

  beforeAll(async () => {
    h = await startEventsService();
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    h.clock.offsetMs = 0;
  });

  it('checks a member in once however often (and however simultaneously) it is asked', async () => {
    const s = await session(10);
    const m = await h.member(lero);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId }),
      ),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(results.every((r) => r.attended === 1 && r.total === 1)).toBe(true);
    const again = await h.client.recordAttendance(coord(), lero.tenantId, s.id, { memberId: m.memberId });
    expect(again).toEqual({
      sessionId: s.id,
      memberId: m.memberId,
      recorded: false,
      attended: 1,
      walkIns: 0,
      total: 1,
    });
    expect(await outbox(s.id, EventsEvents.attendanceRecorded)).toHaveLength(1);
  });

  it('counts walk-ins without names, takes corrections, and never goes below zero', async () => {
    const s = await session(-30);
    const m = await h.member(lero);
    await h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId });
    expect(await h.client.recordWalkIns(door(), lero.tenantId, s.id, { count: 5 })).toEqual({
      sessionId: s.id,
      attended: 1,
      walkIns: 5,
      total: 6,
    });
    expect((await h.client.recordWalkIns(door(), lero.tenantId, s.id, { count: -2 })).walkIns).toBe(3);
    expect(await codeOf(h.client.recordWalkIns(door(), lero.tenantId, s.id, { count: -4 }))).toBe(
      'CONFLICT:WalkInsBelowZero',
    );
    const register = await h.client.getAttendance(door(), lero.tenantId, s.id);
    expect(register).toMatchObject({
      members: [{ memberId: m.memberId }],
      walkIns: 3,
      formerMembers: 0,
      total: 4,
    });
    const walkIns = await outbox<{ change: number; walkIns: number; total: number }>(
      s.id,
      EventsEvents.walkInsRecorded,
    );
    expect(walkIns.map((e) => [e.payload.change, e.payload.walkIns, e.payload.total])).toEqual([
      [5, 5, 6],
      [-2, 3, 4],
    ]);
  });

  it('tells reporting a per-LERO pseudonym, never the member id', async () => {
    const s = await session(0);
    const m = await h.member(lero);
    await h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId });
    await h.client.removeAttendance(door(), lero.tenantId, s.id, m.memberId);
    const events = await outbox<AttendanceChangedEvent>(s.id);
    const attendance = events.filter((e) => e.subject.startsWith('evt.events.attendance.'));
    expect(attendance.map((e) => e.subject)).toEqual([
      EventsEvents.attendanceRecorded,
      EventsEvents.attendanceRemoved,
    ]);
    const key = new ParticipantKeys(PARTICIPANT_SECRET).keyOf(lero.tenantId, m.memberId);
    expect(attendance[0].payload).toEqual({
      tenantId: lero.tenantId,
      sessionId: s.id,
      activityId: s.activityId,
      category: 'peer-support',
      sessionDate: londonLocal(new Date(s.startsAt)).slice(0, 10),
      startsAt: s.startsAt,
      participantKey: key,
      attended: 1,
      walkIns: 0,
      total: 1,
    });
    expect(attendance[1].payload).toMatchObject({ participantKey: key, attended: 0, total: 0 });
    expect(JSON.stringify(events)).not.toContain(m.memberId);
    expect(await codeOf(h.client.removeAttendance(door(), lero.tenantId, s.id, m.memberId))).toBe(
      'NOT_FOUND:NotCheckedIn',
    );
  });

  it('opens the register an hour before the start and closes it 30 days after', async () => {
    const early = await session(90);
    const m = await h.member(lero);
    expect(
      await codeOf(h.client.recordAttendance(door(), lero.tenantId, early.id, { memberId: m.memberId })),
    ).toBe('CONFLICT:RegisterNotOpen');
    expect(await codeOf(h.client.recordWalkIns(door(), lero.tenantId, early.id, { count: 1 }))).toBe(
      'CONFLICT:RegisterNotOpen',
    );
    h.clock.offsetMs = 31 * MINUTE;
    expect(
      (await h.client.recordAttendance(door(), lero.tenantId, early.id, { memberId: m.memberId })).recorded,
    ).toBe(true);
    h.clock.offsetMs = 29 * DAY;
    expect((await h.client.recordWalkIns(door(), lero.tenantId, early.id, { count: 2 })).total).toBe(3);
    h.clock.offsetMs = 31 * DAY;
    expect(await codeOf(h.client.recordWalkIns(door(), lero.tenantId, early.id, { count: 1 }))).toBe(
      'CONFLICT:RegisterClosed',
    );
    expect(await codeOf(h.client.removeAttendance(door(), lero.tenantId, early.id, m.memberId))).toBe(
      'CONFLICT:RegisterClosed',
    );
    expect((await h.client.getAttendance(coord(), lero.tenantId, early.id)).total).toBe(3);
  });

  it('refuses check-ins to a cancelled session, and refuses to cancel one that took place', async () => {
    const cancelled = await session(20);
    await h.client.cancelSession(coord(), lero.tenantId, cancelled.id, {});
    expect(await codeOf(h.client.recordWalkIns(door(), lero.tenantId, cancelled.id, { count: 1 }))).toBe(
      'CONFLICT:SessionCancelled',
    );
    const held = await session(20);
    await h.client.recordWalkIns(door(), lero.tenantId, held.id, { count: 1 });
    expect(await codeOf(h.client.cancelSession(coord(), lero.tenantId, held.id, {}))).toBe(
      'CONFLICT:SessionHasAttendance',
    );
  });

  it('announces a session as held once, when it ends with anyone there', async () => {
    const s = await session(-20);
    const empty = await session(-20, 'Nobody came');
    await h.client.recordWalkIns(door(), lero.tenantId, s.id, { count: 4 });
    const sweeper = h.app.get(HeldSessionsService);
    await sweeper.sweep();
    expect(await outbox(s.id, EventsEvents.sessionHeld)).toHaveLength(0);
    h.clock.offsetMs = 45 * MINUTE;
    await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    const held = await outbox<Record<string, unknown>>(s.id, EventsEvents.sessionHeld);
    expect(held).toHaveLength(1);
    expect(held[0].payload).toMatchObject({
      sessionId: s.id,
      category: 'peer-support',
      attended: 0,
      walkIns: 4,
      total: 4,
    });
    expect(await outbox(empty.id, EventsEvents.sessionHeld)).toHaveLength(0);
    // Registers filled in after the session: the first entry announces it at once.
    await h.client.recordAttendance(coord(), lero.tenantId, empty.id, {
      memberId: (await h.member(lero)).memberId,
    });
    await h.client.recordWalkIns(coord(), lero.tenantId, empty.id, { count: 1 });
    const late = await outbox<Record<string, unknown>>(empty.id, EventsEvents.sessionHeld);
    expect(late.map((e) => e.payload.total)).toEqual([1]);
    await sweeper.sweep();
    expect(await outbox(s.id, EventsEvents.sessionHeld)).toHaveLength(1);
  });

  it('lets volunteers check in but not members; members cannot see who came', async () => {
    const s = await session(5);
    const m = await h.member(lero);
    expect(
      await codeOf(h.client.recordAttendance(ctx(m.actor), lero.tenantId, s.id, { memberId: m.memberId })),
    ).toBe('FORBIDDEN');
    expect(await codeOf(h.client.recordWalkIns(ctx(m.actor), lero.tenantId, s.id, { count: 1 }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(h.client.getAttendance(ctx(m.actor), lero.tenantId, s.id))).toBe('FORBIDDEN');
    expect((await h.client.getAttendance(door(), lero.tenantId, s.id)).total).toBe(0);
  });

  it('names the register by members’ current display names, and refuses ids that are not members', async () => {
    const s = await session(0);
    const ana = await h.member(lero, 'Ana');
    const bo = await h.member(lero, 'Bo');
    for (const m of [ana, bo])
      await h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId });
    await h.membership.updateMember(ctx(lero.admin), lero.tenantId, bo.memberId, { displayName: 'Bo R.' });
    const register = await h.client.getAttendance(door(), lero.tenantId, s.id);
    expect(register.members).toEqual([
      { memberId: ana.memberId, displayName: 'Ana' },
      { memberId: bo.memberId, displayName: 'Bo R.' },
    ]);
    const stranger = await h.member(givenLero());
    expect(
      await codeOf(h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: stranger.memberId })),
    ).toBe('NOT_FOUND');
  });

  it('follows members’ status from membership’s events, and asks membership about anyone it does not know', async () => {
    const s = await session(0);
    const m = await h.member(lero);
    const status = () =>
      h.sql<{ status: string; tenant_id: string }>(
        'select status, tenant_id from events.member_status where member_id = $1',
        [m.memberId],
      );
    await eventually(async () =>
      expect(await status()).toEqual([{ status: 'active', tenant_id: lero.tenantId }]),
    );
    await h.membership.leaveMember(ctx(lero.admin), lero.tenantId, m.memberId);
    await eventually(async () =>
      expect(await status()).toEqual([{ status: 'left', tenant_id: lero.tenantId }]),
    );
    // A retried event arriving after a newer one (an old "rejoined") changes nothing.
    const dayAgo = new Date(Date.now() - DAY).toISOString();
    const stale: DomainEvent = {
      id: uuidv7(),
      subject: MembershipEvents.memberRejoined,
      occurredAt: dayAgo,
      tenantId: lero.tenantId,
      data: { tenantId: lero.tenantId, memberId: m.memberId, occurredAt: dayAgo, communityRoles: ['member'] },
    };
    await publishAsMembership(stale);
    expect(await status()).toEqual([{ status: 'left', tenant_id: lero.tenantId }]);
    expect(
      await codeOf(h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId })),
    ).toBe('NOT_FOUND');
    await h.membership.rejoinMember(ctx(lero.admin), lero.tenantId, m.memberId);
    await eventually(async () =>
      expect(await status()).toEqual([{ status: 'active', tenant_id: lero.tenantId }]),
    );
    // Forgotten here (say, joined before events kept statuses): membership is asked, and the answer kept.
    await h.sql('delete from events.member_status where member_id = $1', [m.memberId]);
    const checkedIn = await h.client.recordAttendance(door(), lero.tenantId, s.id, {
      memberId: m.memberId.toUpperCase(),
    });
    expect(checkedIn).toMatchObject({ memberId: m.memberId, recorded: true, attended: 1 });
    expect(await status()).toEqual([{ status: 'active', tenant_id: lero.tenantId }]);
    // A membership event that does not change a status is passed over, not dead-lettered.
    expect(await h.sql('select subject from events.dead_letter')).toEqual([]);
  });

  it('is told member names by membership only for the LERO’s own people, a member only their own', async () => {
    const ana = await h.member(lero, 'Ana');
    const bo = await h.member(lero, 'Bo');
    const ids = [ana.memberId, bo.memberId];
    // Asked as the events service: only its NATS user may ask membership for names.
    const bus = new MessageClient(createNatsClient(h.nats.as('events')), 10_000);
    const asEvents = new MembershipClient(bus);
    const names = (who: Parameters<typeof ctx>[0]) => asEvents.memberNames(ctx(who), lero.tenantId, ids);
    expect((await names(lero.volunteer)).items.map((m) => m.displayName).sort()).toEqual(['Ana', 'Bo']);
    expect((await names(ana.actor)).items).toEqual([{ id: ana.memberId, displayName: 'Ana' }]);
    expect(await codeOf(names(givenLero().coordinator))).toBe('NOT_FOUND');
    expect(
      await codeOf(
        bus.request(MembershipSubjects.memberNames, ctx(lero.volunteer), {
          tenantId: lero.tenantId,
          memberIds: ['x'],
        }),
      ),
    ).toBe('VALIDATION');
    await bus.close();
  });

  /** Publishes a member event as membership (only its own user may) and waits until events handled it. */
  async function publishAsMembership(event: DomainEvent): Promise<void> {
    const nc = await h.nats.connect('membership');
    try {
      await jetstream(nc).publish(event.subject, JSON.stringify(event), { msgID: event.id });
    } finally {
      await nc.close();
    }
    await eventually(async () =>
      expect(await h.sql('select 1 from events.inbox where event_id = $1', [event.id])).toHaveLength(1),
    );
  }

  it('keeps counting an erased member’s RSVP and check-in, without their id', async () => {
    const past = await session(-10);
    const coming = await session(24 * 60);
    const m = await h.member(lero);
    await h.client.recordAttendance(door(), lero.tenantId, past.id, { memberId: m.memberId });
    await h.client.createRsvp(ctx(m.actor), lero.tenantId, coming.id, { memberId: m.memberId });
    await h.membership.eraseMember(ctx(lero.admin), lero.tenantId, m.memberId);
    await eventually(async () => {
      const left = await h.sql<{ n: number }>(
        `select (select count(*) from events.rsvps where member_id = $1)::int
          + (select count(*) from events.attendance where member_id = $1)::int as n`,
        [m.memberId],
      );
      expect(left).toEqual([{ n: 0 }]);
    });
    expect(await h.client.getAttendance(coord(), lero.tenantId, past.id)).toEqual({
      members: [],
      walkIns: 0,
      formerMembers: 1,
      total: 1,
    });
    expect(await h.client.getSession(coord(), lero.tenantId, coming.id)).toMatchObject({ going: 1 });
    expect((await h.client.listRsvps(coord(), lero.tenantId, coming.id)).items).toEqual([]);
    const handled = await h.sql<{ n: number }>(
      `select count(*)::int as n from events.inbox where consumer = 'events-members'`,
    );
    expect(handled[0].n).toBeGreaterThanOrEqual(1);
    // A join retried from before the erasure brings nothing back: no status, no id, no check-in.
    const before = new Date(Date.now() - DAY).toISOString();
    await publishAsMembership({
      id: uuidv7(),
      subject: MembershipEvents.memberJoined,
      occurredAt: before,
      tenantId: lero.tenantId,
      data: { tenantId: lero.tenantId, memberId: m.memberId, occurredAt: before, communityRoles: [] },
    });
    const tables = await h.sql<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'events' and table_name not in ('outbox', 'inbox', 'dead_letter')`,
    );
    for (const { table_name } of tables) {
      const rows = await h.sql<{ t: string }>(`select t::text as t from events.${table_name} t`);
      expect([table_name, rows.some((r) => r.t.includes(m.memberId))]).toEqual([table_name, false]);
    }
    expect(
      await codeOf(h.client.recordAttendance(door(), lero.tenantId, coming.id, { memberId: m.memberId })),
    ).toBe('NOT_FOUND');
  });

  /** Member ids in any events table but the message plumbing (whose rows go with the retention schedule). */
  async function tablesHolding(memberId: string): Promise<string[]> {
    const tables = await h.sql<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'events' and table_name not in ('outbox', 'inbox', 'dead_letter')`,
    );
    const holding: string[] = [];
    for (const { table_name } of tables) {
      const rows = await h.sql<{ t: string }>(`select t::text as t from events.${table_name} t`);
      if (rows.some((r) => r.t.includes(memberId))) holding.push(table_name);
    }
    return holding;
  }

  it('never keeps an erased member’s id from an RSVP racing the erasure, whichever commits first', async () => {
    const coming = await session(24 * 60, 'Racing');
    const lookup = h.app.get(MemberLookup, { strict: false });
    const outcomes: string[] = [];
    for (const first of ['rsvp', 'erasure']) {
      const m = await h.member(lero);
      // Its join is applied here first, so only the RSVP and the erasure wait on the member's lock below.
      await eventually(async () =>
        expect(
          await h.sql(`select status from events.member_status where member_id = $1`, [m.memberId]),
        ).toEqual([{ status: 'active' }]),
      );
      const holder = new Client({ connectionString: h.db.ownerUrl });
      await holder.connect();
      await holder.query('begin');
      await holder.query(lockMemberStatement(lero.tenantId, m.memberId).sql, [
        ...lockMemberStatement(lero.tenantId, m.memberId).params!,
      ]);
      const waiting = (n: number) =>
        eventually(async () =>
          expect(
            await h.sql(
              `select 1 from pg_locks where locktype = 'advisory' and not granted
                and database = (select oid from pg_database where datname = current_database())`,
            ),
          ).toHaveLength(n),
        );
      const erase = async () => {
        await h.membership.eraseMember(ctx(lero.admin), lero.tenantId, m.memberId);
        await waiting(first === 'rsvp' ? 2 : 1);
      };
      // Membership says active; then, before the RSVP's transaction, the erasure is on its way.
      const asked = jest.spyOn(lookup, 'ensureActive').mockImplementationOnce(async (...args) => {
        await MemberLookup.prototype.ensureActive.apply(lookup, args);
        if (first === 'erasure') await erase();
      });
      const rsvp = codeOf(
        h.client.createRsvp(ctx(m.actor), lero.tenantId, coming.id, { memberId: m.memberId }),
      );
      await waiting(first === 'rsvp' ? 1 : 2);
      if (first === 'rsvp') await erase();
      await holder.query('commit');
      await holder.end();
      outcomes.push(await rsvp);
      expect(asked).toHaveBeenCalled();
      asked.mockRestore();
      await eventually(async () =>
        expect(
          await h.sql(`select 1 from events.erased_members where member_key = $1`, [
            erasedMemberKey(lero.tenantId, m.memberId),
          ]),
        ).toHaveLength(1),
      );
      expect(await tablesHolding(m.memberId)).toEqual([]);
    }
    // Committed first, the RSVP keeps its place without the id; after the erasure, it is refused.
    expect(outcomes).toEqual(['resolved', 'NOT_FOUND']);
    expect(await h.client.getSession(coord(), lero.tenantId, coming.id)).toMatchObject({ going: 1 });
  });

  it('gives its part of a person’s data export: their RSVPs and check-ins', async () => {
    const s = await session(0, 'Export me');
    const m = await h.member(lero);
    await h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId });
    // Asked as membership asks for a person's export (the tenants service, another holder, is not run here).
    const options = { ...h.nats.as('membership'), trust: testTrust.trust };
    const connection = new NatsConnectionProvider(options);
    const asker = new Gather(options, connection, new EnvelopeVerifier(options));
    const { replies } = await asker
      .ask(
        MEMBER_EXPORT_PART,
        ctx(lero.admin),
        { tenantId: lero.tenantId, memberId: m.memberId },
        { from: ['events'] },
      )
      .finally(() => connection.onApplicationShutdown());
    const part = replies.find((p) => p.service === 'events');
    expect(part && 'data' in part ? part.data : part).toEqual({
      rsvps: [],
      attendance: [
        { sessionId: s.id, title: 'Export me', startsAt: s.startsAt, recordedAt: expect.any(String) },
      ],
    });
  });

  it('relays the events to JetStream from the outbox', async () => {
    const s = await session(0);
    const m = await h.member(lero);
    await h.client.recordAttendance(door(), lero.tenantId, s.id, { memberId: m.memberId });
    const nc: NatsConnection = await h.nats.connect('migrate');
    try {
      const jsm = await jetstreamManager(nc);
      const name = uniqueName('probe');
      await jsm.consumers.add(EVENTS_STREAM, {
        durable_name: name,
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
        filter_subject: EventsEvents.attendanceRecorded,
      });
      const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, name);
      const found = await eventually(async () => {
        const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
        for await (const msg of batch) {
          const event = msg.json<DomainEvent<AttendanceChangedEvent>>();
          if (event.data.sessionId === s.id) return event;
        }
        throw new Error('not relayed yet');
      });
      expect(found).toMatchObject({ subject: EventsEvents.attendanceRecorded, tenantId: lero.tenantId });
    } finally {
      await nc.close();
    }
  });

  // Last: after every check-in, removal, refusal and erasure above.
  it('keeps each session’s check-in counter equal to its register', async () => {
    const sessions = await h.sql<{ attended: number; counted: number }>(
      `select s.attended, (select count(*) from events.attendance a where a.session_id = s.id)::int as counted
        from events.sessions s`,
    );
    expect(sessions.filter((s) => s.counted > 0).length).toBeGreaterThan(3);
    expect(sessions.filter((s) => s.attended !== s.counted)).toEqual([]);
  });
});

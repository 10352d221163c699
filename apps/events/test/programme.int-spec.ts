import { uuidv7 } from 'uuidv7';
import { EventsSubjects, type CreateActivityDto, type SessionView } from '@hearth/contracts';
import {
  codeOf,
  ctx,
  fieldsOf,
  givenLero,
  londonLocal,
  startEventsService,
  type EventsHarness,
} from './events.harness';

const DAY = 86_400_000;
const localTimeInLondon = (iso: string) =>
  new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour12: false });

/** Activities, their sessions and RSVPs: the events service over real NATS and Postgres. */
describe('events service: activities, sessions and RSVPs', () => {
  let h: EventsHarness;
  const lero = givenLero();
  const other = givenLero();
  const coord = () => ctx(lero.coordinator);

  const walkingGroup = (overrides: Partial<CreateActivityDto> = {}): CreateActivityDto => ({
    title: 'Tuesday walking group',
    category: 'walking',
    visibility: 'public',
    location: { name: 'Jesmond Dene, main gate', postcode: 'ne2 2et' },
    schedule: { startsAt: '2026-03-03T10:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    ...overrides,
  });

  const future = (days: number, hour = 18) => {
    const d = new Date(Date.now() + days * DAY);
    return `${londonLocal(d).slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
  };

  async function sessionsOf(activityId: string, from: string, to: string): Promise<SessionView[]> {
    return (await h.client.listSessions(coord(), lero.tenantId, { activityId, from, to, limit: 500 })).items;
  }

  beforeAll(async () => {
    h = await startEventsService();
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    h.clock.offsetMs = 0;
  });

  describe('recurrence in local time', () => {
    it('keeps a weekly 10:00 Europe/London group at 10:00 across the March and October changes', async () => {
      h.clock.offsetMs = new Date('2026-02-20T12:00:00Z').getTime() - Date.now();
      const activity = await h.client.createActivity(coord(), lero.tenantId, walkingGroup());
      expect(activity.schedule).toEqual({
        startsAt: '2026-03-03T10:00:00',
        durationMinutes: 90,
        timezone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
      });
      const march = await sessionsOf(activity.id, '2026-03-15', '2026-04-08');
      expect(march.map((s) => s.startsAt)).toEqual([
        '2026-03-17T10:00:00.000Z',
        '2026-03-24T10:00:00.000Z',
        '2026-03-31T09:00:00.000Z',
        '2026-04-07T09:00:00.000Z',
      ]);
      const autumn = await sessionsOf(activity.id, '2026-10-15', '2026-11-12');
      expect(autumn.map((s) => s.startsAt)).toEqual([
        '2026-10-20T09:00:00.000Z',
        '2026-10-27T10:00:00.000Z',
        '2026-11-03T10:00:00.000Z',
        '2026-11-10T10:00:00.000Z',
      ]);
      for (const s of [...march, ...autumn]) {
        expect(localTimeInLondon(s.startsAt)).toBe('10:00:00');
        expect(localTimeInLondon(s.endsAt)).toBe('11:30:00');
        expect(s).toMatchObject({ title: 'Tuesday walking group', category: 'walking', status: 'scheduled' });
      }
    });

    it('tells of the sessions it lays out, each once, in one event per layout (ADR 0082)', async () => {
      h.clock.offsetMs = new Date('2026-02-20T12:00:00Z').getTime() - Date.now();
      const activity = await h.client.createActivity(coord(), lero.tenantId, walkingGroup());
      const told = () =>
        h.sql<{ payload: { visibility: string; category: string; sessions: { sessionId: string }[] } }>(
          `select payload from events.outbox where subject = 'evt.events.session.scheduled'
              and payload->>'activityId' = $1 order by id`,
          [activity.id],
        );
      const rows = () =>
        h.sql<{ id: string }>(`select id from events.sessions where activity_id = $1 order by starts_at`, [
          activity.id,
        ]);
      const [first] = await told();
      expect(first.payload).toMatchObject({ visibility: 'public', category: 'walking' });
      expect(first.payload.sessions[0]).toEqual({
        sessionId: expect.any(String),
        sessionDate: '2026-03-03',
        startsAt: '2026-03-03T10:00:00.000Z',
      });
      expect(first.payload.sessions.map((x) => x.sessionId)).toEqual((await rows()).map((r) => r.id));
      // Asking further ahead lays out more: one more event with the new sessions only.
      await sessionsOf(activity.id, '2027-06-01', '2027-07-01');
      const events = await told();
      expect(events).toHaveLength(2);
      const announced = events.flatMap((e) => e.payload.sessions.map((x) => x.sessionId));
      expect(announced).toEqual((await rows()).map((r) => r.id));
    });

    it('lays out a monthly art club on the first Saturday, and a one-off once', async () => {
      h.clock.offsetMs = new Date('2026-01-10T12:00:00Z').getTime() - Date.now();
      const art = await h.client.createActivity(coord(), lero.tenantId, {
        title: 'Art club',
        category: 'arts-crafts',
        visibility: 'members',
        capacity: 12,
        schedule: { startsAt: '2026-02-07T14:00', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=1SA' },
      });
      const sessions = await sessionsOf(art.id, '2026-02-01', '2026-05-01');
      expect(sessions.map((s) => s.startsAt)).toEqual([
        '2026-02-07T14:00:00.000Z',
        '2026-03-07T14:00:00.000Z',
        '2026-04-04T13:00:00.000Z',
      ]);
      expect(sessions.every((s) => s.capacity === 12 && s.going === 0)).toBe(true);
      const social = await h.client.createActivity(coord(), lero.tenantId, {
        title: 'Summer social',
        category: 'sober-social',
        visibility: 'public',
        schedule: { startsAt: '2026-07-04T18:00', durationMinutes: 180 },
      });
      expect(await sessionsOf(social.id, '2026-01-01', '2027-01-01')).toHaveLength(1);
    });

    it('gives the same sessions the same ids every time they are listed', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(1, 10), durationMinutes: 60, rrule: 'FREQ=DAILY;COUNT=5' },
        }),
      );
      const from = new Date(Date.now() - DAY).toISOString();
      const to = new Date(Date.now() + 10 * DAY).toISOString();
      const first = await sessionsOf(activity.id, from, to);
      const second = await sessionsOf(activity.id, from, to);
      expect(first).toHaveLength(5);
      expect(second.map((s) => s.id)).toEqual(first.map((s) => s.id));
      const one = await h.client.getSession(coord(), lero.tenantId, first[2].id);
      expect(one.id).toBe(first[2].id);
    });

    it('lays out an endless rule lazily when a listing reaches past its horizon', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(1, 9), durationMinutes: 60, rrule: 'FREQ=WEEKLY' },
        }),
      );
      const count = async () =>
        (
          await h.sql<{ n: number }>(
            'select count(*)::int as n from events.sessions where activity_id = $1',
            [activity.id],
          )
        )[0].n;
      const before = await count();
      expect(before).toBeGreaterThan(50);
      expect(before).toBeLessThan(62);
      const from = new Date(Date.now() + 700 * DAY).toISOString();
      const later = await sessionsOf(activity.id, from, new Date(Date.now() + 790 * DAY).toISOString());
      expect(later.length).toBeGreaterThanOrEqual(12);
      expect(await count()).toBeGreaterThan(before + 50);
    });

    it('pages through a window with a cursor', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(1, 8), durationMinutes: 30, rrule: 'FREQ=DAILY;COUNT=7' },
        }),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.client.listSessions(coord(), lero.tenantId, {
          activityId: activity.id,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect(await codeOf(h.client.listSessions(coord(), lero.tenantId, { cursor: 'nope' }))).toBe(
        'VALIDATION',
      );
    });
  });

  describe('bad input is refused and nothing is written', () => {
    const activityCount = async () =>
      (await h.sql<{ n: number }>('select count(*)::int as n from events.activities'))[0].n;

    it.each([
      ['an unknown category', { category: 'karaoke' }, 'category'],
      ['a capacity below 1', { capacity: 0 }, 'capacity'],
      ['an unknown field', { colour: 'red' }, 'colour'],
      [
        'a smuggled tenantId in the schedule',
        { schedule: { startsAt: '2026-03-03T10:00', durationMinutes: 60, tenantId: uuidv7() } },
        'schedule.tenantId',
      ],
      [
        'an invalid date',
        { schedule: { startsAt: '2026-02-30T10:00', durationMinutes: 60 } },
        'schedule.startsAt',
      ],
      [
        'a start with an offset',
        { schedule: { startsAt: '2026-03-03T10:00Z', durationMinutes: 60 } },
        'schedule.startsAt',
      ],
      [
        'an unknown timezone',
        { schedule: { startsAt: '2026-03-03T10:00', durationMinutes: 60, timezone: 'Mars/Olympus' } },
        'schedule.timezone',
      ],
      [
        'a zero duration (end not after start)',
        { schedule: { startsAt: '2026-03-03T10:00', durationMinutes: 0 } },
        'schedule.durationMinutes',
      ],
      [
        'a duration of the wrong type',
        { schedule: { startsAt: '2026-03-03T10:00', durationMinutes: '60' } },
        'schedule.durationMinutes',
      ],
      [
        'an invalid rule',
        { schedule: { startsAt: '2026-03-03T10:00', durationMinutes: 60, rrule: 'FREQ=FORTNIGHTLY' } },
        'schedule.rrule',
      ],
      [
        'a rule that ends before it starts',
        {
          schedule: {
            startsAt: '2026-03-03T10:00',
            durationMinutes: 60,
            rrule: 'FREQ=WEEKLY;UNTIL=20260101',
          },
        },
        'schedule.rrule',
      ],
      [
        'a start inside the spring-forward gap',
        { schedule: { startsAt: '2026-03-29T01:30', durationMinutes: 60 } },
        'schedule.startsAt',
      ],
      [
        'a start two years ago',
        { schedule: { startsAt: '2024-01-01T10:00', durationMinutes: 60 } },
        'schedule.startsAt',
      ],
      ['a location without a name', { location: { postcode: 'NE1 1AA' } }, 'location.name'],
      [
        'an online link that is not a URL',
        { location: { name: 'Zoom', onlineUrl: 'javascript:alert(1)' } },
        'location.onlineUrl',
      ],
    ])('refuses %s', async (_label, overrides, field) => {
      const before = await activityCount();
      const body = { ...walkingGroup(), ...overrides, tenantId: lero.tenantId };
      expect(await fieldsOf(h.bus.request(EventsSubjects.createActivity, coord(), body))).toContain(field);
      expect(await activityCount()).toBe(before);
    });

    it('refuses a smuggled tenantId in an RSVP body and an unknown field, writing nothing', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(3), durationMinutes: 60 },
        }),
      );
      const [session] = (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id }))
        .items;
      const data = { tenantId: lero.tenantId, sessionId: session.id, memberId: uuidv7(), status: 'going' };
      expect(await fieldsOf(h.bus.request(EventsSubjects.createRsvp, coord(), data))).toEqual(['status']);
      expect((await h.client.getSession(coord(), lero.tenantId, session.id)).going).toBe(0);
    });
  });

  describe('RSVPs and the waitlist', () => {
    async function sessionWithCapacity(capacity: number | undefined, daysAhead = 5): Promise<SessionView> {
      const activity = await h.client.createActivity(coord(), lero.tenantId, {
        title: 'Book club',
        category: 'book-club',
        visibility: 'members',
        ...(capacity ? { capacity } : {}),
        schedule: { startsAt: future(daysAhead), durationMinutes: 60 },
      });
      return (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id })).items[0];
    }

    it('gives exactly 10 of 50 simultaneous RSVPs a place and waitlists the other 40', async () => {
      const session = await sessionWithCapacity(10);
      const members = await Promise.all(Array.from({ length: 50 }, () => h.member(lero)));
      const results = await Promise.all(
        members.map((m) =>
          h.client.createRsvp(ctx(m.actor), lero.tenantId, session.id, { memberId: m.memberId }),
        ),
      );
      expect(results.filter((r) => r.status === 'going')).toHaveLength(10);
      expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
      const view = await h.client.getSession(coord(), lero.tenantId, session.id);
      expect(view).toMatchObject({ going: 10, waitlisted: 40, capacity: 10 });
      const stored = await h.sql<{ status: string; n: number }>(
        'select status, count(*)::int as n from events.rsvps where session_id = $1 group by status order by status',
        [session.id],
      );
      expect(stored).toEqual([
        { status: 'going', n: 10 },
        { status: 'waitlisted', n: 40 },
      ]);
    });

    it('promotes the first on the waitlist when a place is given up, and answers a repeat RSVP the same', async () => {
      const session = await sessionWithCapacity(2);
      const [a, b, c, d] = await Promise.all([
        h.member(lero),
        h.member(lero),
        h.member(lero),
        h.member(lero),
      ]);
      for (const m of [a, b, c, d])
        await h.client.createRsvp(ctx(m.actor), lero.tenantId, session.id, { memberId: m.memberId });
      expect(
        await h.client.createRsvp(ctx(c.actor), lero.tenantId, session.id, { memberId: c.memberId }),
      ).toEqual({
        sessionId: session.id,
        memberId: c.memberId,
        status: 'waitlisted',
      });
      await h.client.deleteRsvp(ctx(a.actor), lero.tenantId, session.id, a.memberId);
      const list = await h.client.listRsvps(coord(), lero.tenantId, session.id);
      expect(list.items.map((r) => [r.memberId, r.status])).toEqual([
        [b.memberId, 'going'],
        [c.memberId, 'going'],
        [d.memberId, 'waitlisted'],
      ]);
      const promoted = await h.sql<{ payload: { memberId: string } }>(
        `select payload from events.outbox where subject = 'evt.events.rsvp.promoted' and payload->>'sessionId' = $1`,
        [session.id],
      );
      expect(promoted.map((p) => p.payload.memberId)).toEqual([c.memberId]);
      expect(await codeOf(h.client.deleteRsvp(ctx(a.actor), lero.tenantId, session.id, a.memberId))).toBe(
        'NOT_FOUND',
      );
    });

    it('gives waitlisted members their place when the capacity is raised', async () => {
      const session = await sessionWithCapacity(1);
      const [a, b, c] = await Promise.all([h.member(lero), h.member(lero), h.member(lero)]);
      for (const m of [a, b, c])
        await h.client.createRsvp(ctx(m.actor), lero.tenantId, session.id, { memberId: m.memberId });
      await h.client.updateActivity(coord(), lero.tenantId, session.activityId, { capacity: 2 });
      expect(await h.client.getSession(coord(), lero.tenantId, session.id)).toMatchObject({
        capacity: 2,
        going: 2,
        waitlisted: 1,
      });
      await h.client.updateActivity(coord(), lero.tenantId, session.activityId, { capacity: null });
      expect(await h.client.getSession(coord(), lero.tenantId, session.id)).toMatchObject({
        capacity: null,
        going: 3,
        waitlisted: 0,
      });
    });

    it('lets a member RSVP only for themselves; a coordinator may RSVP for anyone', async () => {
      const session = await sessionWithCapacity(undefined);
      const [a, b] = await Promise.all([h.member(lero), h.member(lero)]);
      expect(
        await codeOf(h.client.createRsvp(ctx(a.actor), lero.tenantId, session.id, { memberId: b.memberId })),
      ).toBe('FORBIDDEN');
      expect(
        (await h.client.createRsvp(coord(), lero.tenantId, session.id, { memberId: b.memberId })).status,
      ).toBe('going');
      expect(await codeOf(h.client.deleteRsvp(ctx(a.actor), lero.tenantId, session.id, b.memberId))).toBe(
        'FORBIDDEN',
      );
      // A member sees only their own RSVP; a volunteer at the door sees everyone's.
      await h.client.createRsvp(ctx(a.actor), lero.tenantId, session.id, { memberId: a.memberId });
      expect(
        (await h.client.listRsvps(ctx(a.actor), lero.tenantId, session.id)).items.map((r) => r.memberId),
      ).toEqual([a.memberId]);
      expect((await h.client.listRsvps(ctx(lero.volunteer), lero.tenantId, session.id)).items).toHaveLength(
        2,
      );
      expect(
        await codeOf(
          h.client.createRsvp(ctx(lero.volunteer), lero.tenantId, session.id, { memberId: a.memberId }),
        ),
      ).toBe('FORBIDDEN');
    });

    it('refuses an RSVP for an id that is not an active member of this LERO', async () => {
      const session = await sessionWithCapacity(5);
      const stranger = await h.member(other);
      const leaver = await h.member(lero);
      await h.membership.leaveMember(ctx(lero.admin), lero.tenantId, leaver.memberId);
      for (const memberId of [uuidv7(), stranger.memberId, leaver.memberId]) {
        expect(await codeOf(h.client.createRsvp(coord(), lero.tenantId, session.id, { memberId }))).toBe(
          'NOT_FOUND',
        );
      }
      expect(
        await codeOf(
          h.client.createRsvp(ctx(leaver.actor), lero.tenantId, session.id, { memberId: leaver.memberId }),
        ),
      ).toBe('NOT_FOUND');
      expect((await h.client.getSession(coord(), lero.tenantId, session.id)).going).toBe(0);
    });

    it('refuses an RSVP to a cancelled or a past session', async () => {
      const session = await sessionWithCapacity(5);
      const m = await h.member(lero);
      await h.client.cancelSession(coord(), lero.tenantId, session.id, { reason: 'Venue flooded' });
      expect(await h.client.getSession(coord(), lero.tenantId, session.id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Venue flooded',
      });
      expect(
        await codeOf(h.client.createRsvp(ctx(m.actor), lero.tenantId, session.id, { memberId: m.memberId })),
      ).toBe('CONFLICT:SessionCancelled');
      const past = await sessionWithCapacity(5, 1);
      h.clock.offsetMs = 3 * DAY;
      expect(
        await codeOf(h.client.createRsvp(ctx(m.actor), lero.tenantId, past.id, { memberId: m.memberId })),
      ).toBe('CONFLICT:SessionPast');
      expect((await h.client.getSession(coord(), lero.tenantId, past.id)).going).toBe(0);
    });
  });

  describe('changing a schedule', () => {
    it('keeps sessions with attendance, keeps ids of unchanged ones, cancels dropped ones with RSVPs', async () => {
      const start = new Date(Date.now() + 60 * 60_000); // an hour from now: the register is open
      const activity = await h.client.createActivity(coord(), lero.tenantId, {
        title: 'Mutual aid',
        category: 'mutual-aid',
        visibility: 'members',
        schedule: {
          startsAt: londonLocal(start).slice(0, 16),
          durationMinutes: 60,
          rrule: 'FREQ=WEEKLY;COUNT=3',
        },
      });
      const [first, second, third] = (
        await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id })
      ).items;
      const m = await h.member(lero);
      await h.client.recordAttendance(ctx(lero.volunteer), lero.tenantId, first.id, { memberId: m.memberId });
      await h.client.createRsvp(ctx(m.actor), lero.tenantId, third.id, { memberId: m.memberId });
      // Two sessions only now, at a new length: the first keeps its register, the second keeps its id.
      await h.client.updateActivity(coord(), lero.tenantId, activity.id, {
        schedule: {
          startsAt: londonLocal(start).slice(0, 16),
          durationMinutes: 90,
          rrule: 'FREQ=WEEKLY;COUNT=2',
        },
      });
      const after = await h.sql<{ id: string; status: string; minutes: number }>(
        `select id, status, extract(epoch from ends_at - starts_at)::int / 60 as minutes
          from events.sessions where activity_id = $1 order by starts_at`,
        [activity.id],
      );
      expect(after).toEqual([
        { id: first.id, status: 'scheduled', minutes: 60 },
        { id: second.id, status: 'scheduled', minutes: 90 },
        { id: third.id, status: 'cancelled', minutes: 60 },
      ]);
      const cancelled = await h.sql<{ n: number }>(
        `select count(*)::int as n from events.outbox where subject = 'evt.events.session.cancelled' and payload->>'sessionId' = $1`,
        [third.id],
      );
      expect(cancelled).toEqual([{ n: 1 }]);
    });

    it('changes nothing, and tells nobody, for a PATCH with nothing in it', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(6), durationMinutes: 60 },
        }),
      );
      const updates = () =>
        h.sql(
          `select 1 from events.outbox where subject = 'evt.events.activity.updated' and payload->>'activityId' = $1`,
          [activity.id],
        );
      expect(await h.client.updateActivity(coord(), lero.tenantId, activity.id, {})).toEqual(activity);
      expect(await updates()).toHaveLength(0);
      const renamed = await h.client.updateActivity(coord(), lero.tenantId, activity.id, {
        description: 'Boots!',
      });
      expect(renamed.description).toBe('Boots!');
      expect(await updates()).toHaveLength(1);
    });

    it('moves a one-off with its RSVPs', async () => {
      const activity = await h.client.createActivity(coord(), lero.tenantId, {
        title: 'Litter pick',
        category: 'community-action',
        visibility: 'public',
        schedule: { startsAt: future(10, 10), durationMinutes: 120 },
      });
      const [session] = (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id }))
        .items;
      const m = await h.member(lero);
      await h.client.createRsvp(ctx(m.actor), lero.tenantId, session.id, { memberId: m.memberId });
      await h.client.updateActivity(coord(), lero.tenantId, activity.id, {
        schedule: { startsAt: future(11, 11), durationMinutes: 120 },
      });
      const [moved] = (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id }))
        .items;
      expect(moved.id).toBe(session.id);
      expect(moved.startsAt).not.toBe(session.startsAt);
      expect(moved.going).toBe(1);
    });

    it('removes an activity: its sessions still to come are cancelled and it is gone from lists', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(2, 10), durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=3' },
        }),
      );
      await h.client.deleteActivity(coord(), lero.tenantId, activity.id);
      expect(await codeOf(h.client.getActivity(coord(), lero.tenantId, activity.id))).toBe('NOT_FOUND');
      expect(
        (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id })).items,
      ).toEqual([]);
      const rows = await h.sql<{ status: string }>(
        'select status from events.sessions where activity_id = $1',
        [activity.id],
      );
      expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      const list = await h.client.listActivities(coord(), lero.tenantId, {});
      expect(list.items.map((a) => a.id)).not.toContain(activity.id);
    });
  });

  describe('who may do what', () => {
    it('lets members and volunteers read the programme but not change it', async () => {
      const m = await h.member(lero);
      const activity = await h.client.createActivity(
        ctx(lero.admin),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(4), durationMinutes: 60 },
        }),
      );
      for (const who of [m.actor, lero.volunteer]) {
        expect((await h.client.getActivity(ctx(who), lero.tenantId, activity.id)).id).toBe(activity.id);
        expect(await codeOf(h.client.createActivity(ctx(who), lero.tenantId, walkingGroup()))).toBe(
          'FORBIDDEN',
        );
        expect(
          await codeOf(h.client.updateActivity(ctx(who), lero.tenantId, activity.id, { title: 'x' })),
        ).toBe('FORBIDDEN');
        expect(await codeOf(h.client.deleteActivity(ctx(who), lero.tenantId, activity.id))).toBe('FORBIDDEN');
      }
    });

    it('answers another LERO’s ids exactly like ids that do not exist', async () => {
      const activity = await h.client.createActivity(
        coord(),
        lero.tenantId,
        walkingGroup({
          schedule: { startsAt: future(4), durationMinutes: 60 },
        }),
      );
      const [session] = (await h.client.listSessions(coord(), lero.tenantId, { activityId: activity.id }))
        .items;
      const outsider = ctx(other.coordinator);
      const attempts = [
        h.client.getActivity(outsider, lero.tenantId, activity.id),
        h.client.getActivity(outsider, other.tenantId, activity.id),
        h.client.updateActivity(outsider, other.tenantId, activity.id, { title: 'Taken over' }),
        h.client.deleteActivity(outsider, other.tenantId, activity.id),
        h.client.getSession(outsider, other.tenantId, session.id),
        h.client.cancelSession(outsider, other.tenantId, session.id, {}),
        h.client.createRsvp(outsider, other.tenantId, session.id, { memberId: uuidv7() }),
        h.client.recordAttendance(outsider, other.tenantId, session.id, { memberId: uuidv7() }),
        h.client.getAttendance(outsider, other.tenantId, session.id),
        h.client.recordWalkIns(outsider, other.tenantId, session.id, { count: 1 }),
        h.client.listSessions(outsider, lero.tenantId, {}),
      ];
      expect(await Promise.all(attempts.map(codeOf))).toEqual(Array(attempts.length).fill('NOT_FOUND'));
      expect(
        (await h.client.listSessions(outsider, other.tenantId, { activityId: activity.id })).items,
      ).toEqual([]);
      expect((await h.client.getActivity(coord(), lero.tenantId, activity.id)).title).toBe(
        'Tuesday walking group',
      );
    });

    it('gives region and platform staff nothing inside a LERO', async () => {
      const staff = [
        { accountId: uuidv7(), email: 'p@example.org', grants: [{ role: 'platform-admin' as const }] },
        {
          accountId: uuidv7(),
          email: 'r@example.org',
          grants: [{ role: 'region-admin' as const, regionId: lero.regionId }],
        },
      ];
      for (const actor of staff) {
        expect(await codeOf(h.client.listSessions(ctx(actor), lero.tenantId, {}))).toBe('NOT_FOUND');
      }
      expect(await codeOf(h.client.listSessions(ctx(), lero.tenantId, {}))).toBe('UNAUTHENTICATED');
    });
  });
});

import { uuidv7 } from 'uuidv7';
import { EventsSubjects, type CreateActivityDto } from '@hearth/contracts';
import {
  codeOf,
  ctx,
  fieldsOf,
  givenLero,
  londonLocal,
  startEventsService,
  type EventsHarness,
} from './events.harness';

const MINUTE = 60_000;
/** A Wednesday in winter (London is on UTC): the clock these tests run at unless they say otherwise. */
const NOW = '2027-01-13T12:00:00Z';

/**
 * Everyday changes to an activity (ADR 0032): a new schedule applies to sessions still to come only, and an
 * activity can be paused, resumed and ended. The events service over real NATS and Postgres.
 */
describe('events service: editing, pausing and ending an activity', () => {
  let h: EventsHarness;
  const lero = givenLero();
  const other = givenLero();
  const coord = () => ctx(lero.coordinator);

  const rows = (activityId: string) =>
    h.sql<{ id: string; starts_at: Date; status: string; cancel_reason: string | null }>(
      `select id, starts_at, status, cancel_reason from events.sessions where activity_id = $1 order by starts_at`,
      [activityId],
    );
  const outbox = (subject: string, key: string, value: string) =>
    h.sql(`select 1 from events.outbox where subject = $1 and payload->>$2 = $3`, [subject, key, value]);
  const iso = (d: Date) => new Date(d).toISOString();
  const weekly = (over: Partial<CreateActivityDto> = {}): CreateActivityDto => ({
    title: 'Tuesday walk',
    category: 'walking',
    visibility: 'public',
    schedule: { startsAt: '2026-12-22T10:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    ...over,
  });

  beforeAll(async () => {
    h = await startEventsService();
  });

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(() => {
    h.clock.offsetMs = new Date(NOW).getTime() - Date.now();
  });

  it('moves only sessions still to come to a new time, with their RSVPs; held ones stay as they were', async () => {
    const walk = await h.client.createActivity(coord(), lero.tenantId, weekly());
    const before = await rows(walk.id);
    const past = before.filter((s) => s.starts_at < new Date(NOW));
    expect(past.map((s) => iso(s.starts_at))).toEqual([
      '2026-12-22T10:00:00.000Z',
      '2026-12-29T10:00:00.000Z',
      '2027-01-05T10:00:00.000Z',
      '2027-01-12T10:00:00.000Z',
    ]);
    const [next, after] = before.filter((s) => s.starts_at > new Date(NOW));
    const m = await h.member(lero);
    await h.client.recordAttendance(ctx(lero.volunteer), lero.tenantId, past[3].id, { memberId: m.memberId });
    await h.client.createRsvp(ctx(m.actor), lero.tenantId, next.id, { memberId: m.memberId });

    await h.client.updateActivity(coord(), lero.tenantId, walk.id, {
      schedule: { startsAt: '2026-12-22T14:20', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    });
    const moved = await rows(walk.id);
    // The past is untouched (with or without a register), and nothing new is laid out in it.
    expect(moved.filter((s) => s.starts_at < new Date(NOW))).toEqual(past);
    const coming = moved.filter((s) => s.starts_at > new Date(NOW));
    expect(coming.slice(0, 2).map((s) => [s.id, iso(s.starts_at)])).toEqual([
      [next.id, '2027-01-19T14:20:00.000Z'],
      [after.id, '2027-01-26T14:20:00.000Z'],
    ]);
    expect((await h.client.getSession(coord(), lero.tenantId, next.id)).going).toBe(1);
    expect(await outbox('evt.events.session.cancelled', 'activityId', walk.id)).toHaveLength(0);

    // Wednesdays from now on: the RSVPed Tuesday is cancelled (they can be told), the other Tuesdays go.
    await h.client.updateActivity(coord(), lero.tenantId, walk.id, {
      schedule: { startsAt: '2026-12-22T14:20', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=WE' },
    });
    const wednesdays = await rows(walk.id);
    expect(wednesdays.filter((s) => s.starts_at < new Date(NOW))).toEqual(past);
    expect(wednesdays.filter((s) => s.starts_at > new Date(NOW)).slice(0, 3)).toEqual([
      expect.objectContaining({ starts_at: new Date('2027-01-13T14:20:00Z'), status: 'scheduled' }),
      expect.objectContaining({ id: next.id, status: 'cancelled', cancel_reason: 'The schedule changed.' }),
      expect.objectContaining({ starts_at: new Date('2027-01-20T14:20:00Z'), status: 'scheduled' }),
    ]);
    expect(wednesdays.some((s) => s.id === after.id)).toBe(false);
  });

  it('keeps a first session more than a year ago when the change keeps its date, and refuses a new one', async () => {
    const walk = await h.client.createActivity(coord(), lero.tenantId, weekly({ title: 'Old walk' }));
    h.clock.offsetMs = new Date('2027-12-20T12:00:00Z').getTime() - Date.now();
    const changed = await h.client.updateActivity(coord(), lero.tenantId, walk.id, {
      schedule: { startsAt: '2026-12-22T11:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    });
    expect(changed.schedule.startsAt).toBe('2026-12-22T11:00:00');
    const next = (await rows(walk.id)).find((s) => s.starts_at > new Date('2027-12-20T12:00:00Z'));
    expect(iso(next!.starts_at)).toBe('2027-12-21T11:00:00.000Z');
    expect(
      await fieldsOf(
        h.client.updateActivity(coord(), lero.tenantId, walk.id, {
          schedule: { startsAt: '2026-12-15T11:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
        }),
      ),
    ).toEqual(['schedule.startsAt']);
  });

  it('pauses: sessions to come are cancelled or removed, the one going on and the past stay; resume lays them out again', async () => {
    const group = await h.client.createActivity(coord(), lero.tenantId, {
      title: 'Wednesday group',
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: '2027-01-06T11:30', durationMinutes: 90, rrule: 'FREQ=WEEKLY' },
    });
    const [held, now, rsvped, free] = await rows(group.id);
    await h.client.recordWalkIns(ctx(lero.volunteer), lero.tenantId, held.id, { count: 2 });
    const m = await h.member(lero);
    await h.client.createRsvp(ctx(m.actor), lero.tenantId, rsvped.id, { memberId: m.memberId });

    const paused = await h.client.transitionActivity(coord(), lero.tenantId, group.id, 'pause');
    expect(paused).toMatchObject({
      status: 'paused',
      statusChangedAt: expect.stringMatching(/^2027-01-13T12:00:/),
    });
    expect(await rows(group.id)).toEqual([
      expect.objectContaining({ id: held.id, status: 'scheduled' }),
      expect.objectContaining({ id: now.id, status: 'scheduled' }),
      expect.objectContaining({
        id: rsvped.id,
        status: 'cancelled',
        cancel_reason: 'The activity is paused.',
      }),
    ]);
    expect(free).toBeDefined();
    expect(await outbox('evt.events.session.cancelled', 'sessionId', rsvped.id)).toHaveLength(1);
    expect(await outbox('evt.events.activity.paused', 'activityId', group.id)).toHaveLength(1);
    // The default listing has the session going on now; nothing more is laid out while it is paused.
    const listed = await h.client.listSessions(coord(), lero.tenantId, { activityId: group.id });
    expect(listed.items.map((s) => [s.id, s.status])).toEqual([
      [now.id, 'scheduled'],
      [rsvped.id, 'cancelled'],
    ]);
    await h.client.listSessions(coord(), lero.tenantId, { from: '2028-06-01', to: '2028-07-01' });
    expect(await rows(group.id)).toHaveLength(3);

    // Again: nothing changes. Its schedule waits for it to be resumed; its name does not.
    expect(await h.client.transitionActivity(coord(), lero.tenantId, group.id, 'pause')).toEqual(paused);
    expect(await outbox('evt.events.activity.paused', 'activityId', group.id)).toHaveLength(1);
    expect(
      await codeOf(
        h.client.updateActivity(coord(), lero.tenantId, group.id, {
          schedule: { startsAt: '2027-01-06T12:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY' },
        }),
      ),
    ).toBe('CONFLICT:ActivityPaused');
    expect((await h.client.updateActivity(coord(), lero.tenantId, group.id, { title: 'Group' })).title).toBe(
      'Group',
    );

    const resumed = await h.client.transitionActivity(coord(), lero.tenantId, group.id, 'resume');
    expect(resumed).toMatchObject({ status: 'active', statusChangedAt: null });
    const after = await rows(group.id);
    expect(after.slice(0, 4)).toEqual([
      expect.objectContaining({ id: held.id }),
      expect.objectContaining({ id: now.id, status: 'scheduled' }),
      expect.objectContaining({ id: rsvped.id, status: 'cancelled' }),
      expect.objectContaining({ starts_at: new Date('2027-01-27T11:30:00Z'), status: 'scheduled' }),
    ]);
    expect(after.length).toBeGreaterThan(50);
    expect(await outbox('evt.events.activity.resumed', 'activityId', group.id)).toHaveLength(1);
  });

  it('ends: nothing to come, ever; the past and the session going on stay, and it stays listed as ended', async () => {
    const group = await h.client.createActivity(coord(), lero.tenantId, {
      title: 'Café',
      category: 'sober-social',
      visibility: 'public',
      schedule: { startsAt: '2027-01-06T11:30', durationMinutes: 90, rrule: 'FREQ=WEEKLY;COUNT=10' },
    });
    const [held, now] = await rows(group.id);
    const ended = await h.client.transitionActivity(coord(), lero.tenantId, group.id, 'end');
    expect(ended).toMatchObject({
      status: 'ended',
      statusChangedAt: expect.stringMatching(/^2027-01-13T12:00:/),
    });
    expect((await rows(group.id)).map((s) => s.id)).toEqual([held.id, now.id]);
    expect(await outbox('evt.events.activity.ended', 'activityId', group.id)).toHaveLength(1);
    const list = await h.client.listActivities(coord(), lero.tenantId, {});
    expect(list.items.find((a) => a.id === group.id)?.status).toBe('ended');

    expect(await h.client.transitionActivity(coord(), lero.tenantId, group.id, 'end')).toEqual(ended);
    for (const transition of ['pause', 'resume'] as const)
      expect(await codeOf(h.client.transitionActivity(coord(), lero.tenantId, group.id, transition))).toBe(
        'CONFLICT:ActivityEnded',
      );
    expect(
      await codeOf(
        h.client.updateActivity(coord(), lero.tenantId, group.id, {
          schedule: { startsAt: '2027-01-06T11:30', durationMinutes: 60, rrule: 'FREQ=WEEKLY' },
        }),
      ),
    ).toBe('CONFLICT:ActivityEnded');
    expect((await rows(group.id)).map((s) => s.id)).toEqual([held.id, now.id]);
  });

  it('lists the sessions going on now by default, not those that have ended, and not with an explicit from', async () => {
    h.clock.offsetMs = 0;
    const oneOff = (title: string, startsIn: number) =>
      h.client.createActivity(ctx(other.coordinator), other.tenantId, {
        title,
        category: 'peer-support',
        visibility: 'members',
        schedule: {
          startsAt: londonLocal(new Date(Date.now() + startsIn * MINUTE)).slice(0, 16),
          durationMinutes: 60,
        },
      });
    await oneOff('Ended', -90);
    await oneOff('Going on', -10);
    await oneOff('Coming', 60);
    const titles = async (query: { from?: string }) =>
      (await h.client.listSessions(ctx(other.coordinator), other.tenantId, query)).items.map((s) => s.title);
    expect(await titles({})).toEqual(['Going on', 'Coming']);
    expect(await titles({ from: new Date().toISOString() })).toEqual(['Coming']);
  });

  it('lets only the LERO’s admins and coordinators pause, resume and end; others’ ids are like missing ones', async () => {
    const walk = await h.client.createActivity(coord(), lero.tenantId, weekly({ title: 'Guarded walk' }));
    const m = await h.member(lero);
    for (const who of [lero.volunteer, m.actor])
      for (const transition of ['pause', 'resume', 'end'] as const)
        expect(await codeOf(h.client.transitionActivity(ctx(who), lero.tenantId, walk.id, transition))).toBe(
          'FORBIDDEN',
        );
    const outsider = ctx(other.coordinator);
    const regionAdmin = ctx({
      accountId: uuidv7(),
      email: 'r@example.org',
      grants: [{ role: 'region-admin', regionId: lero.regionId }],
    });
    const attempts = [
      h.client.transitionActivity(outsider, lero.tenantId, walk.id, 'pause'),
      h.client.transitionActivity(outsider, other.tenantId, walk.id, 'pause'),
      h.client.transitionActivity(coord(), lero.tenantId, uuidv7(), 'pause'),
      h.client.transitionActivity(regionAdmin, lero.tenantId, walk.id, 'end'),
    ];
    expect(await Promise.all(attempts.map(codeOf))).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    expect(await codeOf(h.client.transitionActivity(ctx(), lero.tenantId, walk.id, 'pause'))).toBe(
      'UNAUTHENTICATED',
    );
    const data = { tenantId: lero.tenantId, activityId: walk.id, transition: 'restart' };
    expect(await fieldsOf(h.bus.request(EventsSubjects.transitionActivity, coord(), data))).toEqual([
      'transition',
    ]);
    expect((await h.client.getActivity(coord(), lero.tenantId, walk.id)).status).toBe('active');
  });
});

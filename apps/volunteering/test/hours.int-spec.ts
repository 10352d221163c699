import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents, type VolunteeringClient } from '@hearth/contracts';
import { eventually, waitingOnLocks } from '@hearth/testing';
import { VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { todayInUk } from '../src/training-records/training-dates.util';
import { actorIn, ctx, givenMember, localIn, refusal } from './volunteering.given';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const DAY_MS = 86_400_000;
/** The hours' clock runs this far ahead of the shifts' (which refuse sign-ups to what has started). */
const AHEAD_MS = 30 * DAY_MS;

/**
 * Volunteers' hours (ADR 0054) over NATS as the gateway asks, against real Postgres: proposals from ended shifts
 * (once each), logged hours, approve / adjust / decline with growing versions and their events in the outbox, and
 * totals of approved hours only.
 */
describe('volunteering hours', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const clock = { offsetMs: AHEAD_MS };
  const hoursNow = () => new Date(Date.now() + clock.offsetMs);
  const lero = uuidv7();
  const otherLero = uuidv7();
  const coordinator = actorIn(lero, 'coordinator');

  beforeAll(async () => {
    service = await startVolunteeringService({ now: hoursNow });
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  const member = (tenantId = lero, volunteer = true) => givenMember(owner, tenantId, volunteer);

  async function role(tenantId = lero, status: 'open' | 'closed' = 'open') {
    const by = tenantId === lero ? coordinator : actorIn(tenantId, 'coordinator');
    return client.createRole(ctx(by), tenantId, {
      title: `Role ${uuidv7().slice(-6)}`,
      visibility: 'members',
      status,
    });
  }

  /** A 90-minute shift `inDays` ahead (by the shifts' clock) with these people signed up, first come first. */
  async function shiftWith(
    people: { memberId: string }[],
    opts: { capacity?: number; inDays?: number } = {},
  ) {
    const r = await role();
    const s = await client.createShift(ctx(coordinator), lero, r.id, {
      startsAt: localIn((opts.inDays ?? 2) * DAY_MS),
      durationMinutes: 90,
      capacity: opts.capacity ?? 5,
    });
    for (const p of people) await client.createSignup(ctx(coordinator), lero, s.id, { memberId: p.memberId });
    return { role: r, shift: s };
  }

  const pendingOf = async (memberId: string) =>
    (await client.listHours(ctx(coordinator), lero, { status: 'pending', memberId })).items;

  const outboxOf = async (entryId: string) =>
    (
      await owner.query<{ subject: string; payload: Record<string, unknown> }>(
        `select subject, payload from volunteering.outbox where payload->>'entryId' = $1 order by id`,
        [entryId],
      )
    ).rows;

  it('proposes the hours of each confirmed sign-up once its shift has ended — once, however often or at once it is asked', async () => {
    const [a, gone, promoted, waiting] = [await member(), await member(), await member(), await member()];
    const { shift, role: r } = await shiftWith([a, gone, promoted, waiting], { capacity: 2 });
    await client.cancelSignup(ctx(coordinator), lero, shift.id, gone.memberId, {});
    // `promoted` took the place `gone` gave up; `waiting` is still waiting: two confirmed.
    clock.offsetMs = 0;
    expect(await pendingOf(a.memberId)).toEqual([]);
    clock.offsetMs = AHEAD_MS;
    await Promise.all([
      client.listHours(ctx(coordinator), lero, {}),
      client.listHours(ctx(coordinator), lero, { status: 'pending' }),
      client.myHours(ctx(a.actor), lero, {}),
      client.myHours(ctx(waiting.actor), lero, {}),
    ]);
    await client.listHours(ctx(coordinator), lero, {});
    const { rows } = await owner.query<{ member_id: string; n: number }>(
      `select member_id, count(*)::int as n from volunteering.hours_entries where shift_id = $1 group by member_id`,
      [shift.id],
    );
    expect(rows.map((x) => [x.member_id, x.n]).sort()).toEqual(
      [a, promoted].map((p) => [p.memberId, 1]).sort(),
    );
    const [entry] = await pendingOf(a.memberId);
    expect(entry).toMatchObject({
      memberId: a.memberId,
      roleId: r.id,
      shiftId: shift.id,
      source: 'shift',
      date: shift.next[0].startsAt.slice(0, 10),
      minutes: 90,
      approvedMinutes: null,
      status: 'pending',
      version: 1,
    });
    // A proposal counts for nothing yet: no event.
    expect(await outboxOf(entry.id)).toEqual([]);
  });

  it('proposes no hours under the id of a member whose erasure is being applied meanwhile (one member at a time)', async () => {
    const a = await member();
    const { shift } = await shiftWith([a]);
    // Held yesterday (by every clock): the erasure unlinks the place rather than freeing it.
    await owner.query(
      `update volunteering.shift_occurrences set starts_at = now() - interval '1 day', local_date = current_date - 1
        where shift_id = $1`,
      [shift.id],
    );
    const waiting = () => waitingOnLocks(owner);
    const erasure = memberEventsConsumer(service.app.get(VolunteeringDatabase));
    const at = new Date().toISOString();
    await owner.query('begin');
    try {
      // The erasure waits at its last step (the projection row), its sign-up already unlinked but not committed.
      await owner.query(`select 1 from volunteering.members where member_id = $1 for update`, [a.memberId]);
      const erased = erasure.process(
        {
          id: uuidv7(),
          subject: MembershipEvents.memberErased,
          occurredAt: at,
          tenantId: lero,
          data: { tenantId: lero, memberId: a.memberId, occurredAt: at, communityRoles: [] },
        },
        1,
      );
      await eventually(async () => expect(await waiting()).toBe(1));
      let proposed = false;
      const listed = client.listHours(ctx(coordinator), lero, {}).finally(() => (proposed = true));
      // The proposal waits for the member's turn, or (in no turn) goes ahead of the erasure.
      await eventually(async () => expect(proposed || (await waiting()) === 2).toBe(true));
      await owner.query('commit');
      expect(await erased).toBe('handled');
      await listed;
    } finally {
      await owner.query('rollback');
    }
    const { rows } = await owner.query(`select status from volunteering.hours_entries where member_id = $1`, [
      a.memberId,
    ]);
    expect(rows).toEqual([]);
  });

  it('approves, adjusts and declines with a growing version, each change of what counts an event in the outbox', async () => {
    const a = await member();
    await shiftWith([a]);
    const [entry] = await pendingOf(a.memberId);
    const approved = await client.approveHours(ctx(coordinator), lero, entry.id, {});
    expect(approved).toMatchObject({ status: 'approved', approvedMinutes: 90, minutes: 90, version: 2 });
    expect(approved.decidedBy).toBe(coordinator.accountId);
    // The same approval again changes nothing.
    expect(await client.approveHours(ctx(coordinator), lero, entry.id, { minutes: 90 })).toMatchObject({
      version: 2,
    });
    expect(await client.approveHours(ctx(coordinator), lero, entry.id, { minutes: 60 })).toMatchObject({
      approvedMinutes: 60,
      version: 3,
    });
    const declined = await client.declineHours(ctx(coordinator), lero, entry.id, {
      reason: ' Shift ran short ',
    });
    expect(declined).toMatchObject({
      status: 'declined',
      approvedMinutes: null,
      declineReason: 'Shift ran short',
      version: 4,
    });
    expect(await client.approveHours(ctx(coordinator), lero, entry.id, { minutes: 75 })).toMatchObject({
      status: 'approved',
      declineReason: null,
      version: 5,
    });
    const base = {
      tenantId: lero,
      entryId: entry.id,
      memberId: a.memberId,
      roleId: entry.roleId,
      date: entry.date,
    };
    expect(await outboxOf(entry.id)).toEqual([
      {
        subject: 'evt.volunteering.hours.approved',
        payload: { ...base, minutes: 90, status: 'approved', version: 2 },
      },
      {
        subject: 'evt.volunteering.hours.approved',
        payload: { ...base, minutes: 60, status: 'approved', version: 3 },
      },
      {
        subject: 'evt.volunteering.hours.withdrawn',
        payload: { ...base, minutes: 0, status: 'withdrawn', version: 4 },
      },
      {
        subject: 'evt.volunteering.hours.approved',
        payload: { ...base, minutes: 75, status: 'approved', version: 5 },
      },
    ]);
  });

  it('declines a pending entry with the reason the volunteer sees, and no event (it never counted)', async () => {
    const a = await member();
    await shiftWith([a]);
    const [entry] = await pendingOf(a.memberId);
    await client.declineHours(ctx(coordinator), lero, entry.id, { reason: 'You swapped with someone' });
    expect((await client.myHours(ctx(a.actor), lero, { status: 'declined' })).items).toEqual([
      expect.objectContaining({ id: entry.id, declineReason: 'You swapped with someone', version: 2 }),
    ]);
    expect(await outboxOf(entry.id)).toEqual([]);
  });

  it('writes the change and its event in one transaction: when the change fails, there is no event', async () => {
    const a = await member();
    await shiftWith([a]);
    const [entry] = await pendingOf(a.memberId);
    const fn = `volunteering.refuse_${entry.id.replace(/-/g, '')}`;
    await owner.query(`create function ${fn}() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await owner.query(`create trigger refuse after update on volunteering.hours_entries
      for each row when (new.id = '${entry.id}') execute function ${fn}()`);
    try {
      expect(await refusal(client.approveHours(ctx(coordinator), lero, entry.id, {}))).not.toBe('allowed');
    } finally {
      await owner.query(`drop trigger refuse on volunteering.hours_entries`);
      await owner.query(`drop function ${fn}`);
    }
    expect(await outboxOf(entry.id)).toEqual([]);
    expect(await pendingOf(a.memberId)).toEqual([expect.objectContaining({ id: entry.id, version: 1 })]);
  });

  it('lets a volunteer log their own hours, and refuses what is not theirs to log', async () => {
    const a = await member();
    const r = await role();
    const today = todayInUk(hoursNow());
    const logged = await client.logHours(ctx(a.actor), lero, {
      memberId: a.memberId.toUpperCase(),
      roleId: r.id,
      date: today,
      minutes: 45,
      description: '  Set up the room  ',
    });
    expect(logged).toMatchObject({
      memberId: a.memberId,
      source: 'logged',
      shiftId: null,
      status: 'pending',
      description: 'Set up the room',
      version: 1,
    });
    expect((await client.myHours(ctx(a.actor), lero, {})).items.map((e) => e.id)).toEqual([logged.id]);
    const by = { memberId: a.memberId, roleId: r.id, date: today, minutes: 30 };
    const tomorrow = todayInUk(new Date(hoursNow().getTime() + DAY_MS));
    expect(await refusal(client.logHours(ctx(a.actor), lero, { ...by, date: tomorrow }))).toBe(
      'VALIDATION date',
    );
    const theirs = await role(otherLero);
    expect(await refusal(client.logHours(ctx(a.actor), lero, { ...by, roleId: theirs.id }))).toBe(
      'VALIDATION roleId',
    );
    expect(await refusal(client.logHours(ctx(a.actor), lero, { ...by, roleId: uuidv7() }))).toBe(
      'VALIDATION roleId',
    );
    // A closed role is not one a volunteer can see; a coordinator may still log hours given in it.
    const closed = await role(lero, 'closed');
    expect(await refusal(client.logHours(ctx(a.actor), lero, { ...by, roleId: closed.id }))).toBe(
      'VALIDATION roleId',
    );
    expect(await refusal(client.logHours(ctx(coordinator), lero, { ...by, roleId: closed.id }))).toBe(
      'allowed',
    );
    const notVolunteer = await member(lero, false);
    expect(
      await refusal(client.logHours(ctx(coordinator), lero, { ...by, memberId: notVolunteer.memberId })),
    ).toBe('CONFLICT NotAVolunteer');
    expect(await refusal(client.logHours(ctx(coordinator), lero, { ...by, memberId: uuidv7() }))).toBe(
      'CONFLICT NotAVolunteer',
    );
    const b = await member();
    expect(await refusal(client.logHours(ctx(a.actor), lero, { ...by, memberId: b.memberId }))).toBe(
      'FORBIDDEN ',
    );
    expect(await refusal(client.logHours(ctx(actorIn(lero, 'volunteer')), lero, by))).toBe('FORBIDDEN ');
    // Nobody approves their own hours, nor reads anyone else's.
    expect(await refusal(client.approveHours(ctx(a.actor), lero, logged.id, {}))).toBe('FORBIDDEN ');
    expect(await refusal(client.listHours(ctx(a.actor), lero, {}))).toBe('FORBIDDEN ');
    expect(await refusal(client.listHours(ctx(a.actor), lero, { memberId: b.memberId }))).toBe('FORBIDDEN ');
    expect(await refusal(client.listHours(ctx(a.actor), lero, { memberId: a.memberId }))).toBe('allowed');
    expect(await refusal(client.myHours(ctx(coordinator), lero, {}))).toBe('FORBIDDEN ');
  });

  it('totals approved hours only: all time, this year and by role', async () => {
    const a = await member();
    const [walks, cafe] = [await role(), await role()];
    const year = Number(todayInUk(hoursNow()).slice(0, 4));
    const today = todayInUk(hoursNow());
    const log = (roleId: string, date: string, minutes: number) =>
      client.logHours(ctx(a.actor), lero, { memberId: a.memberId, roleId, date, minutes });
    const thisYear = await log(walks.id, today, 120);
    const lastYear = await log(walks.id, `${year - 1}-06-01`, 60);
    const cafeToday = await log(cafe.id, today, 30);
    const declined = await log(cafe.id, today, 240);
    await log(cafe.id, today, 500); // left pending
    await client.approveHours(ctx(coordinator), lero, thisYear.id, {});
    await client.approveHours(ctx(coordinator), lero, lastYear.id, {});
    await client.approveHours(ctx(coordinator), lero, cafeToday.id, { minutes: 45 });
    await client.approveHours(ctx(coordinator), lero, declined.id, {});
    await client.declineHours(ctx(coordinator), lero, declined.id, { reason: 'Logged twice' });
    const totals = await client.hoursTotals(ctx(coordinator), lero, a.memberId);
    expect(totals).toEqual({
      memberId: a.memberId,
      year,
      allTimeMinutes: 225,
      thisYearMinutes: 165,
      byRole: [
        { roleId: walks.id, title: walks.title, allTimeMinutes: 180, thisYearMinutes: 120 },
        { roleId: cafe.id, title: cafe.title, allTimeMinutes: 45, thisYearMinutes: 45 },
      ],
    });
    expect(await client.myHoursTotals(ctx(a.actor), lero)).toEqual(totals);
    expect(await client.hoursTotals(ctx(a.actor), lero, a.memberId)).toEqual(totals);
    const b = await member();
    expect(await refusal(client.hoursTotals(ctx(a.actor), lero, b.memberId))).toBe('FORBIDDEN ');
    expect((await client.hoursTotals(ctx(coordinator), lero, b.memberId)).allTimeMinutes).toBe(0);
  });

  it('answers another LERO’s entries and members as it answers missing ones', async () => {
    const theirs = await member(otherLero);
    const theirRole = await role(otherLero);
    const theirCoordinator = actorIn(otherLero, 'coordinator');
    const entry = await client.logHours(ctx(theirCoordinator), otherLero, {
      memberId: theirs.memberId,
      roleId: theirRole.id,
      date: todayInUk(hoursNow()),
      minutes: 30,
    });
    for (const id of [entry.id, uuidv7()]) {
      expect(await refusal(client.approveHours(ctx(coordinator), lero, id, {}))).toBe('NOT_FOUND ');
      expect(await refusal(client.declineHours(ctx(coordinator), lero, id, { reason: 'no' }))).toBe(
        'NOT_FOUND ',
      );
    }
    for (const memberId of [theirs.memberId, uuidv7()])
      expect(await refusal(client.hoursTotals(ctx(coordinator), lero, memberId))).toBe('NOT_FOUND ');
    expect((await client.listHours(ctx(coordinator), lero, { memberId: theirs.memberId })).items).toEqual([]);
    expect(await refusal(client.listHours(ctx(theirCoordinator), lero, {}))).toBe('NOT_FOUND ');
  });
});

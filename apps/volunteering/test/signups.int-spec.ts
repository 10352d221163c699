import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { AppError, MembershipEvents, type Actor, type VolunteeringClient } from '@hearth/contracts';
import { VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { isoWeekOf } from '../src/rota/iso-week.util';
import { actorIn, ctx, givenMember, localIn, refusal } from './volunteering.given';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const DAY_MS = 86_400_000;

/**
 * Sign-ups to shifts (ADR 0052) over NATS as the gateway asks, against real Postgres: the waitlist under
 * concurrency, promotion, late cancels recorded without blame, and every refusal with its reason.
 */
describe('volunteering sign-ups', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const lero = uuidv7();
  const otherLero = uuidv7();
  const coordinator = actorIn(lero, 'coordinator');

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** A member of the LERO in volunteering's projection (as membership's events would put them there). */
  const member = (tenantId = lero, volunteer = true) => givenMember(owner, tenantId, volunteer);

  async function shift(
    capacity: number,
    opts: { startsIn?: number; rrule?: string; requirementIds?: string[] } = {},
  ) {
    const role = await client.createRole(ctx(coordinator), lero, {
      title: 'Peer walk leader',
      visibility: 'members',
      requirementIds: opts.requirementIds,
    });
    return client.createShift(ctx(coordinator), lero, role.id, {
      startsAt: localIn(opts.startsIn ?? 10 * DAY_MS),
      durationMinutes: 120,
      capacity,
      ...(opts.rrule ? { rrule: opts.rrule } : {}),
    });
  }

  it('gives exactly 10 of 50 simultaneous sign-ups a place and waitlists the other 40', async () => {
    const s = await shift(10);
    const people: { memberId: string; actor: Actor }[] = [];
    for (let i = 0; i < 50; i++) people.push(await member());
    const results = await Promise.all(
      people.map((p) => client.createSignup(ctx(p.actor), lero, s.id, { memberId: p.memberId })),
    );
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
    const { rows } = await owner.query<{ status: string; n: number }>(
      `select s.status, count(*)::int as n from volunteering.signups s
        join volunteering.shift_occurrences o on o.id = s.occurrence_id where o.shift_id = $1
        group by s.status order by s.status`,
      [s.id],
    );
    expect(rows).toEqual([
      { status: 'confirmed', n: 10 },
      { status: 'waitlisted', n: 40 },
    ]);
    const occurrences = await owner.query(
      `select 1 from volunteering.shift_occurrences where shift_id = $1`,
      [s.id],
    );
    expect(occurrences.rowCount).toBe(1);
    const events = await owner.query<{ subject: string; n: number }>(
      `select subject, count(*)::int as n from volunteering.outbox where payload->>'shiftId' = $1
        and subject like 'evt.volunteering.signup.%' group by subject order by subject`,
      [s.id],
    );
    expect(events.rows).toEqual([
      { subject: 'evt.volunteering.signup.confirmed', n: 10 },
      { subject: 'evt.volunteering.signup.waitlisted', n: 40 },
    ]);
  });

  it('promotes the first waitlisted when a place is given up, answers a repeat sign-up the same, and lists', async () => {
    const s = await shift(2);
    const [a, b, c, d] = [await member(), await member(), await member(), await member()];
    for (const p of [a, b, c, d])
      await client.createSignup(ctx(coordinator), lero, s.id, { memberId: p.memberId });
    expect(await client.createSignup(ctx(c.actor), lero, s.id, { memberId: c.memberId })).toMatchObject({
      memberId: c.memberId,
      status: 'waitlisted',
    });
    const cancelled = await client.cancelSignup(ctx(a.actor), lero, s.id, a.memberId, {});
    expect(cancelled).toMatchObject({ status: 'cancelled', late: false });
    const list = await client.listSignups(ctx(coordinator), lero, s.id, {});
    expect(list.items.map((i) => [i.memberId, i.status])).toEqual([
      [b.memberId, 'confirmed'],
      [c.memberId, 'confirmed'],
      [d.memberId, 'waitlisted'],
    ]);
    expect((await client.listSignups(ctx(d.actor), lero, s.id, {})).items).toEqual([
      { memberId: d.memberId, status: 'waitlisted' },
    ]);
    const promoted = await owner.query<{ payload: Record<string, unknown> }>(
      `select payload from volunteering.outbox where subject = 'evt.volunteering.signup.promoted'
        and payload->>'shiftId' = $1`,
      [s.id],
    );
    expect(promoted.rows.map((r) => r.payload.memberId)).toEqual([c.memberId]);
    expect(Object.keys(promoted.rows[0].payload).sort()).toEqual(
      ['date', 'memberId', 'roleId', 'shiftId', 'startsAt', 'status', 'tenantId'].sort(),
    );
    expect(await refusal(client.cancelSignup(ctx(a.actor), lero, s.id, a.memberId, {}))).toBe('NOT_FOUND ');
  });

  it('records a cancel within 24 hours of the start as late, on the row only, and shows it on nobody’s list', async () => {
    const s = await shift(1, { startsIn: 3 * 3_600_000 });
    const p = await member();
    await client.createSignup(ctx(p.actor), lero, s.id, { memberId: p.memberId });
    expect(await client.cancelSignup(ctx(p.actor), lero, s.id, p.memberId, {})).toMatchObject({ late: true });
    const { rows } = await owner.query(
      `select s.late from volunteering.signups s join volunteering.shift_occurrences o on o.id = s.occurrence_id
        where o.shift_id = $1`,
      [s.id],
    );
    expect(rows).toEqual([{ late: true }]);
    const events = await owner.query<{ payload: Record<string, unknown> }>(
      `select payload from volunteering.outbox where subject = 'evt.volunteering.signup.cancelled'
        and payload->>'shiftId' = $1`,
      [s.id],
    );
    expect(events.rows[0].payload).not.toHaveProperty('late');
  });

  it('signs up to one date of a recurring shift and fills the rota’s people and gap', async () => {
    const s = await shift(3, { rrule: 'FREQ=WEEKLY' });
    const second = s.next[1].startsAt.slice(0, 10);
    expect(await refusal(client.createSignup(ctx(coordinator), lero, s.id, { memberId: uuidv7() }))).toBe(
      'VALIDATION date',
    );
    const p = await member();
    const on = await client.createSignup(ctx(p.actor), lero, s.id, { memberId: p.memberId, date: second });
    expect(on).toMatchObject({ date: second, status: 'confirmed', startsAt: s.next[1].startsAt });
    const nextDay = new Date(Date.parse(`${second}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    expect(
      await refusal(client.createSignup(ctx(p.actor), lero, s.id, { memberId: p.memberId, date: nextDay })),
    ).toBe('VALIDATION date');
    const week = isoWeekOf(second).label;
    const rota = await client.rota(ctx(coordinator), lero, { week });
    const cell = rota.days.flatMap((d) => d.shifts).find((x) => x.shiftId === s.id);
    expect(cell).toMatchObject({ people: [{ memberId: p.memberId }], gap: 2 });
    const other = await member();
    const seenByOther = (await client.rota(ctx(other.actor), lero, { week })).days
      .flatMap((d) => d.shifts)
      .find((x) => x.shiftId === s.id);
    expect(seenByOther).toMatchObject({ people: [], gap: 2 });
  });

  it('refuses with the reason: not a volunteer, missing requirements, cancelled shift, someone else, started', async () => {
    const s = await shift(5);
    const notVolunteer = await member(lero, false);
    expect(
      await refusal(client.createSignup(ctx(coordinator), lero, s.id, { memberId: notVolunteer.memberId })),
    ).toBe('CONFLICT NotAVolunteer');
    expect(await refusal(client.createSignup(ctx(coordinator), lero, s.id, { memberId: uuidv7() }))).toBe(
      'CONFLICT NotAVolunteer',
    );
    const safeguarding = await client.createTraining(ctx(coordinator), lero, {
      name: 'Safeguarding',
      kind: 'training',
    });
    const naloxone = await client.createTraining(ctx(coordinator), lero, {
      name: 'Naloxone',
      kind: 'training',
    });
    const needs = await shift(5, { requirementIds: [safeguarding.id, naloxone.id] });
    const p = await member();
    const err = await client
      .createSignup(ctx(p.actor), lero, needs.id, { memberId: p.memberId })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toMatchObject({
      reason: 'RequirementsMissing',
      missingRequirements: [
        { id: safeguarding.id, name: 'Safeguarding', kind: 'training' },
        { id: naloxone.id, name: 'Naloxone', kind: 'training' },
      ],
    });
    // Once a coordinator records the training (ADR 0053), the same volunteer signs up.
    const today = new Date().toISOString().slice(0, 10);
    await client.recordTraining(ctx(coordinator), lero, p.memberId, {
      trainingId: safeguarding.id,
      completedOn: today,
      how: 'delivered-by-us',
    });
    const stillMissing = await client
      .createSignup(ctx(p.actor), lero, needs.id, { memberId: p.memberId })
      .catch((e: AppError) => e.details);
    expect(stillMissing).toMatchObject({ missingRequirements: [{ id: naloxone.id, name: 'Naloxone' }] });
    await client.recordTraining(ctx(coordinator), lero, p.memberId, {
      trainingId: naloxone.id,
      completedOn: today,
      how: 'certificate-seen',
    });
    // (On a shift of its own: nothing is ever written for the refused ones, checked below.)
    const alsoNeeds = await shift(5, { requirementIds: [safeguarding.id, naloxone.id] });
    const signedUp = await client.createSignup(ctx(p.actor), lero, alsoNeeds.id, { memberId: p.memberId });
    expect(signedUp.status).toBe('confirmed');
    expect(
      await refusal(client.createSignup(ctx(p.actor), lero, s.id, { memberId: (await member()).memberId })),
    ).toBe('FORBIDDEN ');
    const unlinked = actorIn(lero, 'volunteer');
    expect(await refusal(client.createSignup(ctx(unlinked), lero, s.id, { memberId: p.memberId }))).toBe(
      'FORBIDDEN ',
    );
    expect(await refusal(client.listSignups(ctx(unlinked), lero, s.id, {}))).toBe('FORBIDDEN ');
    const started = await shift(5, { startsIn: -3_600_000 });
    expect(await refusal(client.createSignup(ctx(p.actor), lero, started.id, { memberId: p.memberId }))).toBe(
      'CONFLICT ShiftStarted',
    );
    await client.createSignup(ctx(p.actor), lero, s.id, { memberId: p.memberId });
    await client.cancelShift(ctx(coordinator), lero, s.id, {});
    const q = await member();
    expect(await refusal(client.createSignup(ctx(q.actor), lero, s.id, { memberId: q.memberId }))).toBe(
      'CONFLICT ShiftCancelled',
    );
    const nothing = await owner.query(
      `select 1 from volunteering.signups s join volunteering.shift_occurrences o on o.id = s.occurrence_id
        where o.shift_id = any($1)`,
      [[needs.id, started.id]],
    );
    expect(nothing.rowCount).toBe(0);
  });

  it('refuses a cancel after the start', async () => {
    const s = await shift(5, { startsIn: -3_600_000 });
    const p = await member();
    const occurrenceId = uuidv7();
    await owner.query(
      `insert into volunteering.shift_occurrences (id, tenant_id, shift_id, starts_at, local_date)
        select $1, tenant_id, id, first_starts_at, (first_starts_at at time zone timezone)::date
        from volunteering.shifts where id = $2`,
      [occurrenceId, s.id],
    );
    await owner.query(
      `insert into volunteering.signups (id, tenant_id, occurrence_id, member_id, status)
        values ($1, $2, $3, $4, 'confirmed')`,
      [uuidv7(), lero, occurrenceId, p.memberId],
    );
    expect(await refusal(client.cancelSignup(ctx(p.actor), lero, s.id, p.memberId, {}))).toBe(
      'CONFLICT ShiftStarted',
    );
  });

  it('gives waitlisted volunteers their place when the shift’s capacity is raised', async () => {
    const s = await shift(1, { rrule: 'FREQ=WEEKLY' });
    const [a, b, c] = [await member(), await member(), await member()];
    const dates = [s.next[0].startsAt.slice(0, 10), s.next[1].startsAt.slice(0, 10)];
    for (const date of dates)
      for (const p of [a, b, c])
        await client.createSignup(ctx(coordinator), lero, s.id, { memberId: p.memberId, date });
    await client.updateShift(ctx(coordinator), lero, s.id, { capacity: 2 });
    for (const date of dates) {
      const list = await client.listSignups(ctx(coordinator), lero, s.id, { date });
      expect(list.items.map((i) => [i.memberId, i.status])).toEqual([
        [a.memberId, 'confirmed'],
        [b.memberId, 'confirmed'],
        [c.memberId, 'waitlisted'],
      ]);
    }
    const promoted = await owner.query<{ payload: { memberId: string; date: string } }>(
      `select payload from volunteering.outbox where subject = 'evt.volunteering.signup.promoted'
        and payload->>'shiftId' = $1 order by id`,
      [s.id],
    );
    expect(promoted.rows.map((r) => [r.payload.date, r.payload.memberId])).toEqual(
      dates.map((d) => [d, b.memberId]),
    );
  });

  it('frees an erased member’s coming place (ADR 0060) and no longer names them', async () => {
    const s = await shift(2);
    const [a, b] = [await member(), await member()];
    for (const p of [a, b]) await client.createSignup(ctx(coordinator), lero, s.id, { memberId: p.memberId });
    const at = new Date().toISOString();
    const erased = {
      id: uuidv7(),
      subject: MembershipEvents.memberErased,
      occurredAt: at,
      tenantId: lero,
      data: { tenantId: lero, memberId: a.memberId, occurredAt: at, communityRoles: ['volunteer'] },
    };
    expect(await memberEventsConsumer(service.app.get(VolunteeringDatabase)).process(erased, 1)).toBe(
      'handled',
    );
    const list = await client.listSignups(ctx(coordinator), lero, s.id, {});
    expect(list.items).toEqual([{ memberId: b.memberId, status: 'confirmed' }]);
    const { rows } = await owner.query(`select 1 from volunteering.signups where member_id = $1`, [
      a.memberId,
    ]);
    expect(rows).toHaveLength(0);
    const c = await member();
    expect(await client.createSignup(ctx(c.actor), lero, s.id, { memberId: c.memberId })).toMatchObject({
      status: 'confirmed',
    });
  });

  it('answers another LERO’s shift and people like missing ones', async () => {
    const s = await shift(5);
    const stranger = await member(otherLero);
    const otherAdmin = actorIn(otherLero, 'tenant-admin');
    expect(
      await refusal(client.createSignup(ctx(otherAdmin), otherLero, s.id, { memberId: stranger.memberId })),
    ).toBe('NOT_FOUND ');
    expect(await refusal(client.listSignups(ctx(otherAdmin), otherLero, s.id, {}))).toBe('NOT_FOUND ');
    expect(await refusal(client.listSignups(ctx(otherAdmin), lero, s.id, {}))).toBe('NOT_FOUND ');
    expect(
      await refusal(client.createSignup(ctx(coordinator), lero, s.id, { memberId: stranger.memberId })),
    ).toBe('CONFLICT NotAVolunteer');
    expect(await refusal(client.cancelSignup(ctx(coordinator), lero, uuidv7(), stranger.memberId, {}))).toBe(
      'NOT_FOUND ',
    );
  });
});

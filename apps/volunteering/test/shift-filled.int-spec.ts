import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Actor, Role, VolunteeringClient } from '@hearth/contracts';
import { formatLocal, instantToLocal } from '@hearth/recurrence';
import { testTrust } from '@hearth/testing';
import { isoWeekOf } from '../src/rota/iso-week.util';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const DAY_MS = 86_400_000;
const actorIn = (tenantId: string, role: Role, memberId?: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${uuidv7().slice(-8)}@example.org`,
  grants: [{ role, tenantId }, ...(memberId ? [{ role: 'member' as const, tenantId, memberId }] : [])],
});
const ctx = (actor: Actor) => testTrust.ctx(actor);
/** Wall-clock `YYYY-MM-DDTHH:mm` in London, ten days from now. */
const tenDaysOn = () =>
  formatLocal(
    instantToLocal(new Date(Math.floor((Date.now() + 10 * DAY_MS) / 60_000) * 60_000), 'Europe/London'),
  ).slice(0, 16);

/**
 * `evt.volunteering.shift.filled|unfilled` (ADR 0055): written through the outbox in the transaction that took the last
 * place or opened a gap again, once per change of the occurrence's fill however many sign up at once, with no one
 * named in it.
 */
describe('volunteering shift filled events', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const lero = uuidv7();
  const coordinator = actorIn(lero, 'coordinator');

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** Volunteers of the LERO in volunteering's projection (as membership's events would put them there). */
  async function volunteers(n: number): Promise<{ memberId: string; actor: Actor }[]> {
    const ids = Array.from({ length: n }, () => uuidv7());
    await owner.query(
      `insert into volunteering.members (tenant_id, member_id, volunteer, roles_at, roles_event, status, status_at,
        status_event) select $1, id, true, now(), gen_random_uuid(), 'active', now(), gen_random_uuid()
        from unnest($2::uuid[]) id`,
      [lero, ids],
    );
    return ids.map((memberId) => ({ memberId, actor: actorIn(lero, 'volunteer', memberId) }));
  }

  async function shift(capacity: number) {
    const role = await client.createRole(ctx(coordinator), lero, { title: 'Kitchen', visibility: 'members' });
    return client.createShift(ctx(coordinator), lero, role.id, {
      startsAt: tenDaysOn(),
      durationMinutes: 90,
      capacity,
    });
  }

  const signUp = (shiftId: string, p: { memberId: string; actor: Actor }) =>
    client.createSignup(ctx(p.actor), lero, shiftId, { memberId: p.memberId });

  async function fillEvents(shiftId: string) {
    const { rows } = await owner.query<{ subject: string; payload: Record<string, unknown> }>(
      `select subject, payload from volunteering.outbox where payload->>'shiftId' = $1
        and subject in ('evt.volunteering.shift.filled', 'evt.volunteering.shift.unfilled') order by id`,
      [shiftId],
    );
    return rows;
  }
  const summary = async (shiftId: string) =>
    (await fillEvents(shiftId)).map((e) => [
      e.subject.split('.').at(-1),
      e.payload.confirmed,
      e.payload.version,
    ]);

  it('writes filled once when the last place is taken, with counts only, and nothing for the waitlist', async () => {
    const s = await shift(3);
    const [a, b, c, d] = await volunteers(4);
    await signUp(s.id, a);
    await signUp(s.id, b);
    expect(await fillEvents(s.id)).toEqual([]);
    await signUp(s.id, c);
    await signUp(s.id, d); // waitlisted
    await signUp(s.id, c); // again: answered the same
    const events = await fillEvents(s.id);
    expect(events).toHaveLength(1);
    expect(events[0].subject).toBe('evt.volunteering.shift.filled');
    expect(events[0].payload).toEqual({
      tenantId: lero,
      shiftId: s.id,
      roleId: s.roleId,
      startsAt: new Date(s.next[0].startsAt).toISOString(),
      date: s.next[0].startsAt.slice(0, 10),
      capacity: 3,
      confirmed: 3,
      status: 'filled',
      version: 1,
    });
    expect(JSON.stringify(events)).not.toContain(a.memberId);
  });

  it('writes one filled event for 30 simultaneous sign-ups to 10 places', async () => {
    const s = await shift(10);
    const people = await volunteers(30);
    const results = await Promise.all(people.map((p) => signUp(s.id, p)));
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(await summary(s.id)).toEqual([['filled', 10, 1]]);
  });

  it('stays filled through a cancel the waitlist refills, and is unfilled when nobody waits', async () => {
    const s = await shift(2);
    const [a, b, c] = await volunteers(3);
    for (const p of [a, b, c]) await signUp(s.id, p);
    await client.cancelSignup(ctx(a.actor), lero, s.id, a.memberId, {}); // c promoted: still full
    expect(await summary(s.id)).toEqual([['filled', 2, 1]]);
    await client.cancelSignup(ctx(b.actor), lero, s.id, b.memberId, {});
    expect(await summary(s.id)).toEqual([
      ['filled', 2, 1],
      ['unfilled', 1, 2],
    ]);
    await signUp(s.id, a);
    expect((await summary(s.id)).at(-1)).toEqual(['filled', 2, 3]);
    // Cancelling a waitlisted sign-up changes no place.
    const [d] = await volunteers(1);
    await signUp(s.id, d);
    await client.cancelSignup(ctx(d.actor), lero, s.id, d.memberId, {});
    expect(await summary(s.id)).toHaveLength(3);
  });

  it('follows the capacity: more places open a gap (unless the waitlist takes them), fewer can fill it', async () => {
    const s = await shift(2);
    const [a, b, c] = await volunteers(3);
    for (const p of [a, b, c]) await signUp(s.id, p);
    await client.updateShift(ctx(coordinator), lero, s.id, { capacity: 3 }); // c promoted: full again, no event
    expect(await summary(s.id)).toEqual([['filled', 2, 1]]);
    await client.updateShift(ctx(coordinator), lero, s.id, { capacity: 5 });
    expect((await summary(s.id)).at(-1)).toEqual(['unfilled', 3, 2]);
    await client.updateShift(ctx(coordinator), lero, s.id, { capacity: 3 });
    expect((await summary(s.id)).at(-1)).toEqual(['filled', 3, 3]);
    await client.updateShift(ctx(coordinator), lero, s.id, { capacity: 2 }); // over-full is still full
    expect(await summary(s.id)).toHaveLength(3);
  });

  it('answers the rota unnamed, not refused, when membership cannot be asked for names', async () => {
    const s = await shift(2);
    const [a] = await volunteers(1);
    await signUp(s.id, a);
    const date = s.next[0].startsAt.slice(0, 10);
    const rota = await client.rota(ctx(coordinator), lero, { week: isoWeekOf(date).label });
    const cell = rota.days.flatMap((d) => d.shifts).find((x) => x.shiftId === s.id);
    expect(rota.names).toBe('unavailable');
    expect(cell?.people).toEqual([{ memberId: a.memberId, displayName: null }]);
  });
});

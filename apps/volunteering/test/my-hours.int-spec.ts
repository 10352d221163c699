import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { VolunteeringClient } from '@hearth/contracts';
import { todayInUk } from '../src/training-records/training-dates.util';
import { actorIn, ctx, givenMember, localIn, refusal } from './volunteering.given';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const DAY_MS = 86_400_000;
const AHEAD_MS = 30 * DAY_MS;

/**
 * A volunteer changing or withdrawing their own pending logged hours (ADR 0063) over NATS, against real Postgres:
 * only their own, only logged (not a shift's proposal), only pending; no event either way.
 */
describe('a volunteer’s own pending hours', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const hoursNow = () => new Date(Date.now() + AHEAD_MS);
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

  const role = (tenantId = lero, status: 'open' | 'closed' = 'open') =>
    client.createRole(ctx(actorIn(tenantId, 'coordinator')), tenantId, {
      title: `Role ${uuidv7().slice(-6)}`,
      visibility: 'members',
      status,
    });

  async function logged(tenantId = lero) {
    const [a, r] = [await givenMember(owner, tenantId), await role(tenantId)];
    const entry = await client.logHours(ctx(a.actor), tenantId, {
      memberId: a.memberId,
      roleId: r.id,
      date: todayInUk(hoursNow()),
      minutes: 60,
      description: 'Made tea',
    });
    return { a, r, entry };
  }

  const outboxCount = async () =>
    (await owner.query<{ n: number }>(`select count(*)::int as n from volunteering.outbox`)).rows[0].n;

  it('changes what was logged while pending, with a growing version and no event', async () => {
    const { a, entry } = await logged();
    const other = await role();
    const before = await outboxCount();
    const changed = await client.changeMyHours(ctx(a.actor), lero, entry.id, {
      minutes: 75,
      roleId: other.id,
      description: '  Set up chairs ',
    });
    expect(changed).toMatchObject({
      minutes: 75,
      roleId: other.id,
      description: 'Set up chairs',
      version: 2,
    });
    // Nothing new: the same version.
    expect((await client.changeMyHours(ctx(a.actor), lero, entry.id, { minutes: 75 })).version).toBe(2);
    expect(
      (await client.changeMyHours(ctx(a.actor), lero, entry.id, { description: null })).description,
    ).toBe(null);
    expect(await outboxCount()).toBe(before);
  });

  it('withdraws a pending logged entry (deleted, no event)', async () => {
    const { a, entry } = await logged();
    const before = await outboxCount();
    expect(await client.withdrawMyHours(ctx(a.actor), lero, entry.id)).toEqual({ withdrawn: true });
    expect((await client.myHours(ctx(a.actor), lero, {})).items).toEqual([]);
    expect(await refusal(client.withdrawMyHours(ctx(a.actor), lero, entry.id))).toBe('NOT_FOUND ');
    expect(await outboxCount()).toBe(before);
  });

  it('refuses approved and declined entries (409 HoursDecided) and a shift’s proposal (409 ProposedFromShift)', async () => {
    const { a, entry } = await logged();
    await client.approveHours(ctx(coordinator), lero, entry.id, {});
    expect(await refusal(client.changeMyHours(ctx(a.actor), lero, entry.id, { minutes: 5 }))).toBe(
      'CONFLICT HoursDecided',
    );
    expect(await refusal(client.withdrawMyHours(ctx(a.actor), lero, entry.id))).toBe('CONFLICT HoursDecided');
    await client.declineHours(ctx(coordinator), lero, entry.id, { reason: 'Twice' });
    expect(await refusal(client.withdrawMyHours(ctx(a.actor), lero, entry.id))).toBe('CONFLICT HoursDecided');
    const r = await role();
    const shift = await client.createShift(ctx(coordinator), lero, r.id, {
      startsAt: localIn(2 * DAY_MS),
      durationMinutes: 90,
      capacity: 2,
    });
    await client.createSignup(ctx(coordinator), lero, shift.id, { memberId: a.memberId });
    const [proposal] = (await client.myHours(ctx(a.actor), lero, { status: 'pending' })).items;
    expect(proposal.source).toBe('shift');
    expect(await refusal(client.changeMyHours(ctx(a.actor), lero, proposal.id, { minutes: 5 }))).toBe(
      'CONFLICT ProposedFromShift',
    );
    expect(await refusal(client.withdrawMyHours(ctx(a.actor), lero, proposal.id))).toBe(
      'CONFLICT ProposedFromShift',
    );
  });

  it('answers someone else’s and another LERO’s entries as missing; refuses bad changes naming the field', async () => {
    const { a, entry } = await logged();
    const b = await givenMember(owner, lero);
    const theirs = await logged(otherLero);
    for (const id of [entry.id, theirs.entry.id, uuidv7()]) {
      expect(await refusal(client.changeMyHours(ctx(b.actor), lero, id, { minutes: 5 }))).toBe('NOT_FOUND ');
      expect(await refusal(client.withdrawMyHours(ctx(b.actor), lero, id))).toBe('NOT_FOUND ');
    }
    // Staff use the approval routes: "mine" needs a linked member record.
    expect(await refusal(client.withdrawMyHours(ctx(coordinator), lero, entry.id))).toBe('FORBIDDEN ');
    expect(
      await refusal(client.withdrawMyHours(ctx(actorIn(otherLero, 'coordinator')), lero, entry.id)),
    ).toBe('NOT_FOUND ');
    const tomorrow = todayInUk(new Date(hoursNow().getTime() + DAY_MS));
    expect(await refusal(client.changeMyHours(ctx(a.actor), lero, entry.id, { date: tomorrow }))).toBe(
      'VALIDATION date',
    );
    const closed = await role(lero, 'closed');
    for (const roleId of [closed.id, theirs.r.id, uuidv7()])
      expect(await refusal(client.changeMyHours(ctx(a.actor), lero, entry.id, { roleId }))).toBe(
        'VALIDATION roleId',
      );
    expect(await refusal(client.changeMyHours(ctx(a.actor), lero, entry.id, { minutes: 0 }))).toBe(
      'VALIDATION minutes',
    );
    expect(
      await refusal(client.changeMyHours(ctx(a.actor), lero, entry.id, { description: 'x'.repeat(201) })),
    ).toBe('VALIDATION description');
    expect((await client.myHours(ctx(a.actor), lero, {})).items[0]).toMatchObject({
      minutes: 60,
      version: 1,
    });
  });
});

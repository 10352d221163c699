import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { VolunteeringClient } from '@hearth/contracts';
import { actorIn, ctx, givenMember, refusal } from './volunteering.given';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

/**
 * Interest in volunteering roles (ADR 0063) over NATS as the gateway asks, against real Postgres: express (idempotent,
 * also at once), withdraw, the staff's list and follow-up, their events in the outbox (no member id, no note), and who
 * may do what.
 */
describe('interest in volunteering roles', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const lero = uuidv7();
  const otherLero = uuidv7();
  const coordinator = actorIn(lero, 'coordinator');
  const admin = actorIn(lero, 'tenant-admin');

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** A member who is not (yet) a volunteer, with an account linked to them (a `member` grant). */
  async function member(tenantId = lero) {
    const m = await givenMember(owner, tenantId, false);
    return {
      ...m,
      actor: { ...m.actor, grants: [{ role: 'member' as const, tenantId, memberId: m.memberId }] },
    };
  }

  async function role(tenantId = lero, visibility: 'members' | 'public' = 'members') {
    return client.createRole(ctx(actorIn(tenantId, 'coordinator')), tenantId, {
      title: `Role ${uuidv7().slice(-6)}`,
      visibility,
    });
  }

  const outboxOf = async (interestId: string) =>
    (
      await owner.query<{ subject: string; payload: Record<string, unknown> }>(
        `select subject, payload from volunteering.outbox where payload->>'interestId' = $1 order by id`,
        [interestId],
      )
    ).rows;

  it('records interest once however often (and at once) it is said, with its event naming nobody', async () => {
    const [m, r] = [await member(), await role(lero, 'public')];
    const said = await Promise.all(
      [1, 2, 3].map(() => client.expressInterest(ctx(m.actor), lero, r.id, { note: '  Weekends suit me  ' })),
    );
    expect(new Set(said.map((i) => i.id)).size).toBe(1);
    expect(said[0]).toMatchObject({
      roleId: r.id,
      roleTitle: r.title,
      memberId: m.memberId,
      note: 'Weekends suit me',
      status: 'open',
      outcome: null,
      version: 1,
    });
    // Again with another note: no change.
    expect(await client.expressInterest(ctx(m.actor), lero, r.id, { note: 'Other' })).toMatchObject({
      id: said[0].id,
      note: 'Weekends suit me',
    });
    expect(await outboxOf(said[0].id)).toEqual([
      {
        subject: 'evt.volunteering.interest.expressed',
        payload: {
          tenantId: lero,
          interestId: said[0].id,
          roleId: r.id,
          status: 'expressed',
          outcome: null,
          version: 1,
        },
      },
    ]);
    expect((await client.myInterests(ctx(m.actor), lero, {})).items.map((i) => i.id)).toEqual([said[0].id]);
    // Being interested grants nothing: not a volunteer.
    const { rows } = await owner.query(`select volunteer from volunteering.members where member_id = $1`, [
      m.memberId,
    ]);
    expect(rows).toEqual([{ volunteer: false }]);
  });

  it('withdraws (deleted, with its event); again is no change; a new interest is a new one', async () => {
    const [m, r] = [await member(), await role()];
    const first = await client.expressInterest(ctx(m.actor), lero, r.id, {});
    expect(await client.withdrawInterest(ctx(m.actor), lero, r.id)).toEqual({ withdrawn: true });
    expect(await client.withdrawInterest(ctx(m.actor), lero, r.id)).toEqual({ withdrawn: false });
    expect(
      (await owner.query(`select 1 from volunteering.role_interests where id = $1`, [first.id])).rows,
    ).toEqual([]);
    expect((await outboxOf(first.id)).map((e) => [e.subject, e.payload.version])).toEqual([
      ['evt.volunteering.interest.expressed', 1],
      ['evt.volunteering.interest.withdrawn', 2],
    ]);
    const again = await client.expressInterest(ctx(m.actor), lero, r.id, {});
    expect(again.id).not.toBe(first.id);
    expect((await client.myInterests(ctx(m.actor), lero, {})).items.map((i) => i.id)).toEqual([again.id]);
  });

  it('shows staff who is interested, and records the follow-up with its event', async () => {
    const [a, b, r] = [await member(), await member(), await role()];
    const ia = await client.expressInterest(ctx(a.actor), lero, r.id, { note: 'Mornings' });
    await client.expressInterest(ctx(b.actor), lero, r.id, {});
    const list = await client.listInterests(ctx(coordinator), lero, r.id, {});
    // No membership here to ask for names: the list is answered, unnamed.
    expect(list.names).toBe('unavailable');
    expect(list.items.map((i) => [i.memberId, i.note, i.displayName])).toEqual([
      [a.memberId, 'Mornings', null],
      [b.memberId, null, null],
    ]);
    const closed = await client.closeInterest(ctx(admin), lero, ia.id, { outcome: 'not-now' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'not-now', version: 2 });
    expect(closed.closedAt).not.toBeNull();
    // The same outcome again changes nothing; another corrects it.
    expect((await client.closeInterest(ctx(coordinator), lero, ia.id, { outcome: 'not-now' })).version).toBe(
      2,
    );
    expect(
      await client.closeInterest(ctx(coordinator), lero, ia.id, { outcome: 'became-volunteer' }),
    ).toMatchObject({ outcome: 'became-volunteer', version: 3 });
    expect((await outboxOf(ia.id)).map((e) => [e.subject, e.payload.outcome, e.payload.version])).toEqual([
      ['evt.volunteering.interest.expressed', null, 1],
      ['evt.volunteering.interest.closed', 'not-now', 2],
      ['evt.volunteering.interest.closed', 'became-volunteer', 3],
    ]);
    expect((await client.listInterests(ctx(coordinator), lero, r.id, { status: 'open' })).items).toHaveLength(
      1,
    );
    // A closed interest is not withdrawn by "no longer interested"; the person may say it afresh.
    expect(await client.withdrawInterest(ctx(a.actor), lero, r.id)).toEqual({ withdrawn: false });
    const fresh = await client.expressInterest(ctx(a.actor), lero, r.id, {});
    expect(fresh.id).not.toBe(ia.id);
    expect((await client.myInterests(ctx(a.actor), lero, {})).items.map((i) => i.status)).toEqual([
      'closed',
      'open',
    ]);
  });

  it('refuses a closed role new interest (409), but lets interest in it be withdrawn', async () => {
    const [m, r] = [await member(), await role()];
    await client.expressInterest(ctx(m.actor), lero, r.id, {});
    await client.updateRole(ctx(coordinator), lero, r.id, { status: 'closed' });
    const other = await member();
    expect(await refusal(client.expressInterest(ctx(other.actor), lero, r.id, {}))).toBe(
      'CONFLICT RoleClosed',
    );
    expect(await client.withdrawInterest(ctx(m.actor), lero, r.id)).toEqual({ withdrawn: true });
  });

  it('lets only the linked member say it for themselves, and only staff see and follow up', async () => {
    const [m, r] = [await member(), await role()];
    const i = await client.expressInterest(ctx(m.actor), lero, r.id, {});
    const unlinked = {
      coordinator,
      admin,
      volunteer: actorIn(lero, 'volunteer'),
      member: actorIn(lero, 'member'),
    };
    for (const who of Object.values(unlinked)) {
      expect(await refusal(client.expressInterest(ctx(who), lero, r.id, {}))).toBe('FORBIDDEN ');
      expect(await refusal(client.withdrawInterest(ctx(who), lero, r.id))).toBe('FORBIDDEN ');
      expect(await refusal(client.myInterests(ctx(who), lero, {}))).toBe('FORBIDDEN ');
    }
    for (const who of [unlinked.volunteer, unlinked.member, m.actor]) {
      expect(await refusal(client.listInterests(ctx(who), lero, r.id, {}))).toBe('FORBIDDEN ');
      expect(await refusal(client.closeInterest(ctx(who), lero, i.id, { outcome: 'not-now' }))).toBe(
        'FORBIDDEN ',
      );
    }
    // A volunteer whose account is linked says it for themselves too.
    const vol = await givenMember(owner, lero, true);
    expect(await refusal(client.expressInterest(ctx(vol.actor), lero, r.id, {}))).toBe('allowed');
    // Someone of another LERO learns nothing of this one.
    const outsider = actorIn(otherLero, 'tenant-admin');
    expect(await refusal(client.listInterests(ctx(outsider), lero, r.id, {}))).toBe('NOT_FOUND ');
    expect(await refusal(client.closeInterest(ctx(outsider), lero, i.id, { outcome: 'not-now' }))).toBe(
      'NOT_FOUND ',
    );
  });

  it('answers another LERO’s roles and interests as missing ones', async () => {
    const theirs = await member(otherLero);
    const theirRole = await role(otherLero);
    const theirInterest = await client.expressInterest(ctx(theirs.actor), otherLero, theirRole.id, {});
    const m = await member();
    const missing = uuidv7();
    for (const id of [theirRole.id, missing]) {
      expect(await refusal(client.expressInterest(ctx(m.actor), lero, id, {}))).toBe('NOT_FOUND ');
      expect(await refusal(client.withdrawInterest(ctx(m.actor), lero, id))).toBe('NOT_FOUND ');
      expect(await refusal(client.listInterests(ctx(coordinator), lero, id, {}))).toBe('NOT_FOUND ');
    }
    for (const id of [theirInterest.id, missing])
      expect(await refusal(client.closeInterest(ctx(coordinator), lero, id, { outcome: 'not-now' }))).toBe(
        'NOT_FOUND ',
      );
  });

  it('refuses bad input naming the field', async () => {
    const [m, r] = [await member(), await role()];
    const bad = (p: Promise<unknown>) => refusal(p);
    expect(await bad(client.expressInterest(ctx(m.actor), lero, r.id, { note: 'x'.repeat(301) }))).toBe(
      'VALIDATION note',
    );
    expect(await bad(client.expressInterest(ctx(m.actor), lero, 'nope', {}))).toBe('VALIDATION roleId');
    const i = await client.expressInterest(ctx(m.actor), lero, r.id, {});
    expect(
      await bad(client.closeInterest(ctx(coordinator), lero, i.id, { outcome: 'done' as 'not-now' })),
    ).toBe('VALIDATION outcome');
    expect(await bad(client.listInterests(ctx(coordinator), lero, r.id, { status: 'gone' as 'open' }))).toBe(
      'VALIDATION status',
    );
  });
});

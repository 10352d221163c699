import { Client } from 'pg';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents, type CommunityRole, type DomainEvent } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  forwardInstants,
  peopleHistory,
  peopleIn,
  personOf,
  sameInAnyOrder,
  testTenantId,
  type History,
  type TestDatabase,
} from '@hearth/testing';
import { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { erasedMemberKey, VolunteersRepository } from '../src/volunteers/volunteers.repository';

const M = MembershipEvents;
const rolesOf = (volunteer: boolean): CommunityRole[] => (volunteer ? ['member', 'volunteer'] : ['member']);

/**
 * One person's life as membership tells it: joined (a volunteer or not), then leaving, rejoining and changes of
 * community roles in any mix, perhaps erased last. Each event carries the roles as they then were.
 */
const personFacts = fc
  .record({
    firstVolunteer: fc.boolean(),
    steps: fc.array(fc.oneof(fc.constant('status' as const), fc.boolean()), { maxLength: 5 }),
    erased: fc.boolean(),
  })
  .chain(({ firstVolunteer, steps, erased }) =>
    forwardInstants(1 + steps.length + (erased ? 1 : 0)).map((times) => {
      let volunteer = firstVolunteer;
      let active = true;
      const facts: { subject: string; volunteer: boolean }[] = [{ subject: M.memberJoined, volunteer }];
      for (const step of steps) {
        if (step === 'status') {
          active = !active;
          facts.push({ subject: active ? M.memberRejoined : M.memberLeft, volunteer });
        } else {
          volunteer = step;
          facts.push({ subject: M.memberRolesChanged, volunteer });
        }
      }
      if (erased) facts.push({ subject: M.memberErased, volunteer });
      return facts.map((f, i) => ({
        subject: f.subject,
        at: times[i],
        communityRoles: rolesOf(f.volunteer),
      }));
    }),
  );

const volunteerHistory = (): fc.Arbitrary<History> => peopleHistory(personFacts);

/** What the history means, applied in its own order: the last roles, the last status, erased or not. */
function expected(history: History, tenantId: string): string[] {
  const state = new Map<string, string>();
  for (const f of history) {
    const d = f.data(tenantId) as { memberId: string; communityRoles: CommunityRole[] };
    const person = personOf(d.memberId)!;
    const volunteer = d.communityRoles.includes('volunteer');
    const before = state.get(person);
    if (before === 'erased') continue;
    const status =
      f.subject === M.memberLeft
        ? 'left'
        : f.subject === M.memberRolesChanged
          ? before!.split(' ')[0]
          : 'active';
    state.set(person, f.subject === M.memberErased ? 'erased' : `${status} ${volunteer}`);
  }
  return [...state].map(([person, s]) => `${person} ${s}`).sort();
}

describe('who is a volunteer: the projection of membership’s member events', () => {
  let db: TestDatabase;
  let volunteering: VolunteeringDatabase;
  let repository: VolunteersRepository;
  let owner: Client;
  const histories = new Map<string, History>();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([VOLUNTEERING_SCHEMA], db.ownerUrl, db.urlFor);
    volunteering = await VolunteeringDatabase.connect(VOLUNTEERING_SCHEMA, {
      url: db.urlFor(VOLUNTEERING_SCHEMA.schema),
    });
    repository = new VolunteersRepository(volunteering);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await volunteering?.close();
    await db?.drop();
  });

  const event = (subject: string, tenantId: string, memberId: string, at: string, volunteer = true) =>
    ({
      id: uuidv7(),
      subject,
      occurredAt: at,
      tenantId,
      data: { tenantId, memberId, occurredAt: at, communityRoles: rolesOf(volunteer) },
    }) satisfies DomainEvent;

  const volunteersOf = async (tenantId: string) => {
    const page = await repository.activeVolunteers(testTenantId(tenantId), { limit: 100 });
    return page.map((r) => r.id);
  };

  /** What volunteering holds of a LERO's people, by person; an erased member's id is nowhere. */
  async function stateOf(tenantId: string) {
    const { rows } = await owner.query<{ member_id: string; status: string | null; volunteer: boolean }>(
      `select member_id, status, volunteer from volunteering.members where tenant_id = $1`,
      [tenantId],
    );
    const tombstones = await owner.query<{ member_key: string }>(
      `select member_key from volunteering.erased_members where tenant_id = $1`,
      [tenantId],
    );
    const keys = tombstones.rows.map((t) => t.member_key);
    const people = peopleIn(tenantId, histories.get(tenantId)!);
    const erased = [...people].filter(([, id]) => keys.includes(erasedMemberKey(tenantId, id)));
    const state = [
      ...rows.map((r) => `${personOf(r.member_id)} ${r.status} ${r.volunteer}`),
      ...erased.map(([person]) => `${person} erased`),
    ].sort();
    expect(state).toEqual(expected(histories.get(tenantId)!, tenantId));
    expect(rows.filter((r) => erased.some(([, id]) => id === r.member_id))).toEqual([]);
    return state;
  }

  it('ends alike whatever order, redeliveries and batches the events come in, and as they mean', async () => {
    const consumer = memberEventsConsumer(volunteering);
    await sameInAnyOrder(volunteerHistory(), {
      consumerOf: () => consumer,
      stateOf,
      prepare: async (tenantId, history) => void histories.set(tenantId, history),
      numRuns: 60,
    });
  });

  it('counts a member whose community roles include volunteer, once however often an event comes', async () => {
    const consumer = memberEventsConsumer(volunteering);
    const lero = uuidv7();
    const [ash, bo] = [uuidv7(), uuidv7()];
    const joined = event(M.memberJoined, lero, ash, '2026-02-01T10:00:00.000Z');
    expect(await consumer.process(joined, 1)).toBe('handled');
    expect(await consumer.process(joined, 2)).toBe('duplicate');
    await consumer.process(event(M.memberJoined, lero, bo, '2026-02-01T10:00:00.000Z', false), 1);
    expect(await volunteersOf(lero)).toEqual([ash]);
    expect(await repository.isVolunteer(testTenantId(lero), ash)).toBe(true);
    expect(await repository.isVolunteer(testTenantId(lero), bo)).toBe(false);
    // Another LERO knows nothing of them.
    expect(await repository.isVolunteer(testTenantId(uuidv7()), ash)).toBe(false);
    const inbox = await owner.query(`select 1 from volunteering.inbox where event_id = $1`, [joined.id]);
    expect(inbox.rows).toHaveLength(1);
  });

  it('stops counting a member whose roles drop volunteer, and an older event does not bring it back', async () => {
    const consumer = memberEventsConsumer(volunteering);
    const lero = uuidv7();
    const ash = uuidv7();
    await consumer.process(event(M.memberJoined, lero, ash, '2026-02-01T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberRolesChanged, lero, ash, '2026-02-03T10:00:00.000Z', false), 1);
    expect(await volunteersOf(lero)).toEqual([]);
    // A late change of roles from before, and a late rejoin: the roles stay the newest, the status too.
    await consumer.process(event(M.memberRolesChanged, lero, ash, '2026-02-02T10:00:00.000Z', true), 1);
    expect(await repository.isVolunteer(testTenantId(lero), ash)).toBe(false);
    await consumer.process(event(M.memberRolesChanged, lero, ash, '2026-02-04T10:00:00.000Z', true), 1);
    expect(await volunteersOf(lero)).toEqual([ash]);
  });

  it('leaves out a volunteer who left and counts them again when they rejoin, in any order', async () => {
    const consumer = memberEventsConsumer(volunteering);
    const lero = uuidv7();
    const ash = uuidv7();
    // The rejoin arrives first, then the join and the leave it came after.
    await consumer.process(event(M.memberRejoined, lero, ash, '2026-03-05T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberLeft, lero, ash, '2026-03-02T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberJoined, lero, ash, '2026-03-01T10:00:00.000Z'), 1);
    expect(await volunteersOf(lero)).toEqual([ash]);
    await consumer.process(event(M.memberLeft, lero, ash, '2026-03-09T10:00:00.000Z'), 1);
    expect(await volunteersOf(lero)).toEqual([]);
    // A change of roles says nothing of status: they stay left.
    await consumer.process(event(M.memberRolesChanged, lero, ash, '2026-03-10T10:00:00.000Z'), 1);
    expect(await repository.isVolunteer(testTenantId(lero), ash)).toBe(false);
  });

  it('forgets an erased member for good: the row goes, a late event brings nothing back', async () => {
    const consumer = memberEventsConsumer(volunteering);
    const lero = uuidv7();
    const [ash, bo] = [uuidv7(), uuidv7()];
    await consumer.process(event(M.memberJoined, lero, ash, '2026-04-01T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberErased, lero, ash, '2026-04-02T10:00:00.000Z'), 1);
    // Bo's erasure arrives before their join.
    await consumer.process(event(M.memberErased, lero, bo, '2026-04-02T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberJoined, lero, bo, '2026-04-01T10:00:00.000Z'), 1);
    await consumer.process(event(M.memberRolesChanged, lero, ash, '2026-04-01T12:00:00.000Z'), 1);
    expect(await volunteersOf(lero)).toEqual([]);
    const held = await owner.query(`select member_id from volunteering.members where tenant_id = $1`, [lero]);
    expect(held.rows).toEqual([]);
    const tombstones = await owner.query(
      `select member_key from volunteering.erased_members where tenant_id = $1`,
      [lero],
    );
    expect(tombstones.rows.map((r) => r.member_key).sort()).toEqual(
      [erasedMemberKey(lero, ash), erasedMemberKey(lero, bo)].sort(),
    );
    expect(JSON.stringify(tombstones.rows)).not.toContain(ash);
  });

  it('pages the active volunteers by member id', async () => {
    const consumer = memberEventsConsumer(volunteering);
    const lero = uuidv7();
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of ids)
      await consumer.process(event(M.memberJoined, lero, id, '2026-05-01T10:00:00.000Z'), 1);
    const first = await repository.activeVolunteers(testTenantId(lero), { limit: 2 });
    expect(first.map((r) => r.id)).toEqual(ids.slice(0, 3));
    const rest = await repository.activeVolunteers(testTenantId(lero), { afterId: ids[1], limit: 2 });
    expect(rest.map((r) => r.id)).toEqual([ids[2]]);
  });
});

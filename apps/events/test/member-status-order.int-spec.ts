import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  memberHistory,
  peopleIn,
  personOf,
  sameInAnyOrder,
  type History,
  type TestDatabase,
} from '@hearth/testing';
import { EVENTS_SCHEMA, EventsDatabase } from '../src/events-database';
import { memberStatusConsumer } from '../src/members/member-status.consumer';
import { erasedMemberKey } from '../src/members/member-status.repository';
import { ParticipantKeys } from '../src/members/participant-key.util';

/**
 * Events' copy of members' statuses is the same whatever order membership's events arrive in: random histories
 * of a few members (joins, leaves, rejoins, erasures), each member with a check-in and an RSVP, applied in order
 * in one LERO and as a random permutation with redeliveries in random batches in another. Statuses, tombstones
 * and the check-ins and RSVPs that still carry an id must agree, and an erased member's id is nowhere.
 */
describe('member statuses in any order', () => {
  let db: TestDatabase;
  let events: EventsDatabase;
  let owner: Client;
  const histories = new Map<string, History>();
  const keys = new ParticipantKeys('member-status-order-spec-participant-secret-0123456789');

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([EVENTS_SCHEMA], db.ownerUrl, db.urlFor);
    events = await EventsDatabase.connect(EVENTS_SCHEMA, { url: db.urlFor(EVENTS_SCHEMA.schema) });
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await events?.close();
    await db?.drop();
  });

  /** A session of the LERO where each of the history's people checked in and holds a place. */
  async function seedRegister(tenantId: string, history: History): Promise<void> {
    histories.set(tenantId, history);
    const [activity, session] = [uuidv7(), uuidv7()];
    await owner.query(
      `insert into events.activities (id, tenant_id, title, category, visibility, starts_at_local, duration_minutes, timezone)
        values ($1, $2, 'Walk', 'walking', 'public', '2026-03-03T10:00:00', 60, 'Europe/London')`,
      [activity, tenantId],
    );
    await owner.query(
      `insert into events.sessions (id, tenant_id, activity_id, starts_at, ends_at, timezone)
        values ($1, $2, $3, '2026-03-03T10:00:00Z', '2026-03-03T11:00:00Z', 'Europe/London')`,
      [session, tenantId, activity],
    );
    for (const memberId of peopleIn(tenantId, history).values()) {
      await owner.query(
        `insert into events.attendance (id, tenant_id, session_id, member_id) values ($1, $2, $3, $4)`,
        [uuidv7(), tenantId, session, memberId],
      );
      await owner.query(
        `insert into events.rsvps (id, tenant_id, session_id, member_id, status) values ($1, $2, $3, $4, 'going')`,
        [uuidv7(), tenantId, session, memberId],
      );
    }
  }

  /** What events holds of a LERO's people, by person rather than by id (each LERO has its own ids). */
  async function stateOf(tenantId: string) {
    const statuses = await owner.query<{ member_id: string; status: string; changed_at: Date }>(
      `select member_id, status, changed_at from events.member_status where tenant_id = $1`,
      [tenantId],
    );
    const held = await owner.query<{ member_id: string | null; n: number }>(
      `select member_id, count(*)::int as n from (
          select member_id from events.attendance where tenant_id = $1
          union all select member_id from events.rsvps where tenant_id = $1) t
        group by member_id`,
      [tenantId],
    );
    const tombstones = await owner.query<{ member_key: string }>(
      `select member_key from events.erased_members where tenant_id = $1`,
      [tenantId],
    );
    const memberKeys = tombstones.rows.map((t) => t.member_key);
    const people = peopleIn(tenantId, histories.get(tenantId)!);
    const erased = [...people].filter(([, id]) => memberKeys.includes(erasedMemberKey(tenantId, id)));
    const ids = [...statuses.rows, ...held.rows].map((r) => r.member_id);
    expect(erased.filter(([, id]) => ids.includes(id))).toEqual([]);
    // Reporting is told each erased member's participant key once, whatever order and however often.
    const told = await owner.query<{ key: string }>(
      `select payload->>'participantKey' as key from events.outbox
        where subject = 'evt.events.participant.erased' and tenant_id = $1`,
      [tenantId],
    );
    const personOfKey = new Map([...people].map(([person, id]) => [keys.keyOf(tenantId, id), person]));
    return {
      statuses: statuses.rows
        .map((r) => `${personOf(r.member_id)} ${r.status} ${r.changed_at.toISOString()}`)
        .sort(),
      // By person; the rows of erased members carry no id (and still count).
      held: held.rows.map((r) => `${r.member_id ? personOf(r.member_id) : 'nobody'} ${r.n}`).sort(),
      erased: erased.map(([person]) => person).sort(),
      participantErasures: told.rows.map((r) => personOfKey.get(r.key) ?? r.key).sort(),
      tombstones: memberKeys.length,
    };
  }

  it('keeps the newest status, forgets the erased for good and clears their ids, in any order', async () => {
    const consumer = memberStatusConsumer(events, keys);
    await sameInAnyOrder(memberHistory(), {
      consumerOf: () => consumer,
      stateOf,
      prepare: seedRegister,
      numRuns: 60,
    });
  });
});

import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { EventsEvents, typedEvent } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, schemaBefore, type TestDatabase } from '@hearth/testing';
import { EVENTS_SCHEMA } from '../src/events-database';
import { erasedMemberKey } from '../src/members/member-status.repository';
import { MigrationEventsSessionAttended } from '../migrations/migration-20261128-session-attended';
import { MigrationEventsMemberErasures } from '../migrations/migration-20261204-member-erasures';
import { MigrationEventsActivityDirectory } from '../migrations/migration-20261216-activity-directory';

const before = (next: unknown) => schemaBefore(EVENTS_SCHEMA, next);

/** Migrations that change data already there: run against a database written by the ones before them. */
describe('events migrations', () => {
  let db: TestDatabase;
  let owner: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('gives every session a check-in counter equal to the register it already had', async () => {
    await migrateAll([before(MigrationEventsSessionAttended)], db.ownerUrl, db.urlFor);
    await owner.connect();
    const tenant = uuidv7();
    const activity = uuidv7();
    await owner.query(
      `insert into events.activities (id, tenant_id, title, category, visibility, starts_at_local, duration_minutes, timezone)
        values ($1, $2, 'Walk', 'walking', 'public', '2026-03-03T10:00:00', 60, 'Europe/London')`,
      [activity, tenant],
    );
    const sessions = [uuidv7(), uuidv7(), uuidv7()];
    for (const [i, session] of sessions.entries()) {
      await owner.query(
        `insert into events.sessions (id, tenant_id, activity_id, starts_at, ends_at, timezone)
          values ($1, $2, $3, $4::timestamptz, $4::timestamptz + interval '1 hour', 'Europe/London')`,
        [session, tenant, activity, `2026-03-0${i + 3}T10:00:00Z`],
      );
      // 3, 1 and 0 check-ins; one of the three an erased member's (no id), which still counts.
      for (let n = 0; n < [3, 1, 0][i]; n++)
        await owner.query(
          `insert into events.attendance (id, tenant_id, session_id, member_id) values ($1, $2, $3, $4)`,
          [uuidv7(), tenant, session, i === 0 && n === 0 ? null : uuidv7()],
        );
    }

    await migrateAll([EVENTS_SCHEMA], db.ownerUrl, db.urlFor);

    const { rows } = await owner.query<{ id: string; attended: number }>(
      'select id, attended from events.sessions order by starts_at',
    );
    expect(rows).toEqual([
      { id: sessions[0], attended: 3 },
      { id: sessions[1], attended: 1 },
      { id: sessions[2], attended: 0 },
    ]);
  });
  it('turns an erased member’s status row, which kept their id, into a tombstone without it', async () => {
    const other = await createTestDatabase();
    const c = new Client({ connectionString: other.ownerUrl });
    try {
      await migrateAll([before(MigrationEventsMemberErasures)], other.ownerUrl, other.urlFor);
      await c.connect();
      const tenant = uuidv7();
      const [active, left, erased] = [uuidv7(), uuidv7(), uuidv7()];
      for (const [id, status] of [
        [active, 'active'],
        [left, 'left'],
        [erased, 'erased'],
      ])
        await c.query(`insert into events.member_status (member_id, tenant_id, status) values ($1, $2, $3)`, [
          id,
          tenant,
          status,
        ]);

      await migrateAll([EVENTS_SCHEMA], other.ownerUrl, other.urlFor);

      const statuses = await c.query('select member_id, status from events.member_status order by status');
      expect(statuses.rows).toEqual([
        { member_id: active, status: 'active' },
        { member_id: left, status: 'left' },
      ]);
      const tombstones = await c.query('select tenant_id, member_key from events.erased_members');
      expect(tombstones.rows).toEqual([{ tenant_id: tenant, member_key: erasedMemberKey(tenant, erased) }]);
    } finally {
      await c.end();
      await other.drop();
    }
  });

  it('announces every activity there is once more, with what the directory may publish of the public ones', async () => {
    const other = await createTestDatabase();
    const c = new Client({ connectionString: other.ownerUrl });
    try {
      await migrateAll([before(MigrationEventsActivityDirectory)], other.ownerUrl, other.urlFor);
      await c.connect();
      const tenant = uuidv7();
      const [walk, meeting, gone] = [uuidv7(), uuidv7(), uuidv7()];
      for (const [id, visibility, deleted] of [
        [walk, 'public', null],
        [meeting, 'members', null],
        [gone, 'public', new Date()],
      ] as const)
        await c.query(
          `insert into events.activities (id, tenant_id, title, category, visibility, starts_at_local, duration_minutes,
             timezone, rrule, location, deleted_at)
           values ($1, $2, 'Walk', 'walking', $3, '2026-03-03T10:00:00', 90, 'Europe/London', 'FREQ=WEEKLY;BYDAY=TU',
             '{"name": "Park gates", "address": null, "postcode": "LS6 2AB", "latitude": null, "longitude": null, "onlineUrl": null}', $4)`,
          [id, tenant, visibility, deleted],
        );

      await migrateAll([EVENTS_SCHEMA], other.ownerUrl, other.urlFor);

      const { rows } = await c.query<{ id: string; subject: string; tenant_id: string; payload: unknown }>(
        `select id::text, subject, tenant_id::text, payload from events.outbox order by payload->>'activityId'`,
      );
      const events = rows.map((r) =>
        typedEvent({
          id: r.id,
          subject: r.subject,
          occurredAt: new Date().toISOString(),
          tenantId: r.tenant_id,
          data: r.payload,
        }),
      );
      expect(events.map((e) => [e?.subject, (e?.data as { activityId: string }).activityId]).sort()).toEqual(
        [
          [EventsEvents.activityUpdated, walk],
          [EventsEvents.activityUpdated, meeting],
        ].sort(),
      );
      const byId = new Map(rows.map((r) => [(r.payload as { activityId: string }).activityId, r.payload]));
      expect(byId.get(meeting)).toMatchObject({
        visibility: 'members',
        listing: null,
        publishToDirectory: true,
      });
      expect(byId.get(walk)).toMatchObject({
        status: 'active',
        listing: {
          description: null,
          location: { name: 'Park gates', postcode: 'LS6 2AB' },
          locationOnRequest: false,
          schedule: { startsAt: '2026-03-03T10:00:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
        },
      });
      for (const r of rows)
        expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      await c.end();
      await other.drop();
    }
  });
});

import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { EventsEvents, TenantsEvents, type DomainEvent, type TenantChangedEvent } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, testRegionId, testTenantId, type TestDatabase } from '@hearth/testing';
import { EVENTS_SCHEMA, EventsDatabase } from '../src/events-database';
import { openActiveConsumers } from '../src/openactive/openactive.consumer';

/**
 * The OpenActive feed's items follow the LEROs' choice and status and their activities whatever order the events
 * arrive in, redelivered or not; an item that leaves comes back `deleted` with a newer `modified`; each region reads
 * only its own LEROs' items (ADR 0078).
 */
describe('OpenActive feed items', () => {
  let db: TestDatabase;
  let events: EventsDatabase;
  let owner: Client;
  let consumers: ReturnType<typeof openActiveConsumers>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([EVENTS_SCHEMA], db.ownerUrl, db.urlFor);
    events = await EventsDatabase.connect(EVENTS_SCHEMA, { url: db.urlFor(EVENTS_SCHEMA.schema) });
    consumers = openActiveConsumers(events);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await events?.close();
    await db?.drop();
  });

  const deliver = async (event: DomainEvent) => {
    const consumer = consumers.find((c) =>
      c.subjects.some((s) => event.subject.startsWith(s.replace('*', ''))),
    );
    expect(await consumer!.process(event, 1)).toMatch(/handled|duplicate/);
  };

  let clock = Date.parse('2026-06-01T09:00:00Z');
  const event = (subject: string, tenantId: string, data: object): DomainEvent => ({
    id: uuidv7(),
    subject,
    occurredAt: new Date((clock += 1000)).toISOString(),
    tenantId,
    data,
  });

  const lero = (
    tenantId: string,
    regionId: string,
    change: Partial<TenantChangedEvent>,
  ): TenantChangedEvent => ({
    tenantId,
    regionId,
    name: 'Leeds Recovery Walkers',
    slug: `walkers-${tenantId.slice(-6)}`,
    status: 'active',
    reportingVisibility: 'per-lero',
    publishToDirectory: false,
    publishToOpenActive: false,
    publicContactEmail: null,
    ...change,
  });

  // What the handler reads is the activity's and session's rows; the payloads need only be well-formed.
  const activityChanged = (tenantId: string, activityId: string) => ({
    tenantId,
    activityId,
    title: 'Any',
    category: 'walking',
    visibility: 'public',
  });
  const sessionCancelled = (tenantId: string, activityId: string, sessionId: string) => ({
    tenantId,
    activityId,
    sessionId,
    category: 'walking',
    sessionDate: '2026-07-01',
    startsAt: '2026-07-01T09:00:00.000Z',
    reason: null,
  });

  async function activity(tenantId: string, fields: Record<string, unknown> = {}): Promise<string> {
    const id = uuidv7();
    const a = {
      title: 'Wednesday walk',
      category: 'walking',
      visibility: 'public',
      status: 'active',
      publish_to_directory: true,
      location_on_request: false,
      location: JSON.stringify({
        name: 'Hyde Park gates',
        address: '1 Park Road, Leeds',
        postcode: 'LS6 2AB',
        latitude: 53.81,
        longitude: -1.56,
        onlineUrl: null,
      }),
      ...fields,
    };
    await owner.query(
      `insert into events.activities (id, tenant_id, title, category, visibility, status, publish_to_directory,
          location_on_request, location, starts_at_local, duration_minutes, timezone)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2026-07-01T10:00:00', 90, 'Europe/London')`,
      [
        id,
        tenantId,
        a.title,
        a.category,
        a.visibility,
        a.status,
        a.publish_to_directory,
        a.location_on_request,
        a.location,
      ],
    );
    for (const day of ['2026-07-01', '2026-07-08'])
      await owner.query(
        `insert into events.sessions (id, tenant_id, activity_id, starts_at, ends_at, timezone)
          values ($1, $2, $3, $4, $5, 'Europe/London')`,
        [uuidv7(), tenantId, id, `${day}T09:00:00Z`, `${day}T10:30:00Z`],
      );
    return id;
  }

  interface ItemRow {
    kind: string;
    id: string;
    activity_id: string;
    state: string;
    data: Record<string, unknown> | null;
    modified: string;
  }
  const itemsOf = async (tenantId: string) =>
    (
      await owner.query<ItemRow>(
        `select kind, id, activity_id, state, data, modified::text from events.openactive_items
          where tenant_id = $1 order by kind, id`,
        [tenantId],
      )
    ).rows;
  const withoutModified = (rows: ItemRow[]) => rows.map(({ modified: _m, ...rest }) => rest);

  /** Forgets what the feed holds of a LERO, so the same events can be applied again in another order. */
  async function forget(tenantId: string) {
    await owner.query(`delete from events.openactive_items where tenant_id = $1`, [tenantId]);
    await owner.query(`delete from events.openactive_leros where tenant_id = $1`, [tenantId]);
    await owner.query(`delete from events.inbox where consumer like 'events-openactive-%'`);
  }

  const shuffle = <T>(list: T[], random: () => number): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const seeded = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  it('lists only public, running, physical activities of a LERO that publishes, whatever the order of events', async () => {
    const tenantId = uuidv7();
    const regionId = uuidv7();
    const walk = await activity(tenantId);
    const gym = await activity(tenantId, {
      category: 'sport-fitness',
      title: 'Circuits',
      location_on_request: true,
    });
    const never = [
      await activity(tenantId, { category: 'mutual-aid', title: 'Meeting' }),
      await activity(tenantId, { visibility: 'members', title: 'Members walk' }),
      await activity(tenantId, { publish_to_directory: false, title: 'Quiet walk' }),
      await activity(tenantId, { status: 'paused', title: 'Paused walk' }),
    ];
    const [cancelled] = (
      await owner.query<{ id: string }>(
        `update events.sessions set status = 'cancelled' where activity_id = $1 and starts_at = '2026-07-08T09:00:00Z'
          returning id`,
        [walk],
      )
    ).rows;
    const history: DomainEvent[] = [
      event(TenantsEvents.tenantOnboarded, tenantId, lero(tenantId, regionId, { status: 'onboarding' })),
      event(TenantsEvents.tenantActivated, tenantId, lero(tenantId, regionId, {})),
      event(TenantsEvents.tenantUpdated, tenantId, lero(tenantId, regionId, { publishToOpenActive: true })),
      event(
        TenantsEvents.tenantSuspended,
        tenantId,
        lero(tenantId, regionId, { status: 'suspended', publishToOpenActive: true }),
      ),
      event(
        TenantsEvents.tenantActivated,
        tenantId,
        lero(tenantId, regionId, {
          publishToOpenActive: true,
          publishToDirectory: true,
          publicContactEmail: 'hello@walkers.example',
        }),
      ),
      ...[walk, gym, ...never].map((activityId) =>
        event(EventsEvents.activityUpdated, tenantId, activityChanged(tenantId, activityId)),
      ),
      event(EventsEvents.sessionCancelled, tenantId, sessionCancelled(tenantId, walk, cancelled.id)),
    ];
    for (const e of history) await deliver(e);
    const inOrder = await itemsOf(tenantId);

    expect(
      inOrder
        .filter((i) => i.kind === 'SessionSeries')
        .map((i) => i.id)
        .sort(),
    ).toEqual([walk, gym].sort());
    expect(inOrder.every((i) => i.state === 'updated')).toBe(true);
    expect(inOrder.filter((i) => i.kind === 'ScheduledSession')).toHaveLength(3); // not the cancelled one
    const series = inOrder.find((i) => i.id === walk)!.data!;
    expect(series).toMatchObject({
      '@type': 'SessionSeries',
      name: 'Wednesday walk',
      organizer: { '@type': 'Organization', name: 'Leeds Recovery Walkers', email: 'hello@walkers.example' },
      activity: [
        {
          '@id': 'https://openactive.io/activity-list#95092977-5a20-4d6e-b312-8fddabe71544',
          prefLabel: 'Walking',
        },
      ],
      location: {
        '@type': 'Place',
        name: 'Hyde Park gates',
        address: { streetAddress: '1 Park Road', addressLocality: 'Leeds', postalCode: 'LS6 2AB' },
        geo: { latitude: 53.81, longitude: -1.56 },
      },
      duration: 'PT90M',
    });
    const onRequest = inOrder.find((i) => i.id === gym)!.data!;
    expect(onRequest.location).toEqual({
      '@type': 'Place',
      name: 'Location on request (LS6)',
      description: 'The address is given on request: contact the organiser.',
      address: 'LS6',
    });
    expect(JSON.stringify(onRequest)).not.toMatch(/Park Road|2AB|53\.81/);

    for (const seed of [1, 7, 42]) {
      await forget(tenantId);
      const random = seeded(seed);
      const redelivered = [...history, ...history.filter(() => random() < 0.3)];
      for (const e of shuffle(redelivered, random)) await deliver(e);
      expect(withoutModified(await itemsOf(tenantId))).toEqual(withoutModified(inOrder));
    }
  });

  it('marks what leaves deleted with a newer modified, and each region reads only its own items', async () => {
    const [tenantId, regionId, otherTenant, otherRegion] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const walk = await activity(tenantId);
    const elsewhere = await activity(otherTenant);
    await deliver(
      event(TenantsEvents.tenantActivated, tenantId, lero(tenantId, regionId, { publishToOpenActive: true })),
    );
    await deliver(
      event(
        TenantsEvents.tenantActivated,
        otherTenant,
        lero(otherTenant, otherRegion, { publishToOpenActive: true }),
      ),
    );
    const before = await itemsOf(tenantId);
    const [first] = (
      await owner.query<{ id: string }>(
        `select id from events.sessions where activity_id = $1 order by starts_at limit 1`,
        [walk],
      )
    ).rows;
    await owner.query(`update events.sessions set status = 'cancelled' where id = $1`, [first.id]);
    const cancel = event(EventsEvents.sessionCancelled, tenantId, sessionCancelled(tenantId, walk, first.id));
    await deliver(cancel);
    await deliver(cancel); // a redelivery changes nothing
    const after = await itemsOf(tenantId);
    const gone = after.find((i) => i.id === first.id)!;
    expect(gone).toMatchObject({ state: 'deleted', data: null });
    const highest = Math.max(...before.map((i) => Number(i.modified)));
    expect(Number(gone.modified)).toBeGreaterThan(highest);
    expect(after.filter((i) => i.id !== first.id)).toEqual(before.filter((i) => i.id !== first.id));

    // The LERO stops publishing: everything it had is deleted.
    await deliver(
      event(TenantsEvents.tenantUpdated, tenantId, lero(tenantId, regionId, { publishToOpenActive: false })),
    );
    expect((await itemsOf(tenantId)).map((i) => i.state)).toEqual(after.map(() => 'deleted'));

    const read = (region: string) =>
      events.readInRegion<{ id: string; activity_id: string }>(
        testRegionId(region),
        `select id, activity_id from events.openactive_items`,
      );
    expect(new Set((await read(regionId)).map((r) => r.activity_id))).toEqual(new Set([walk]));
    expect(new Set((await read(otherRegion)).map((r) => r.activity_id))).toEqual(new Set([elsewhere]));
    // A LERO's own transaction sees only its own items.
    const own = await events.readInTenant<{ tenant_id: string }>(
      testTenantId(otherTenant),
      `select tenant_id from events.openactive_items`,
    );
    expect(new Set(own.map((r) => r.tenant_id))).toEqual(new Set([otherTenant]));
  });
});

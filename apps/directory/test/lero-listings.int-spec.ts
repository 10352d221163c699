import { uuidv7 } from 'uuidv7';
import { eventually, waitingOnLocks, withClient } from '@hearth/testing';
import { EventsEvents, LeroListingsHarness, TenantsEvents, WALK } from './lero-listings.harness';

const PHYSICAL_HEALTH = '4e1cb89c-6c30-45ac-bfc1-0dc70c559144';
const SOBER_SOCIAL = '25dbd5d3-46d0-4d53-99ea-50c88cc2937d';

/**
 * The directory's consumers of LEROs' and their activities' events (ADR 0042): a LERO that publishes, and its
 * public activities, become listings; they follow what happens to both, whatever order the events come in.
 */
describe('listings of LEROs and their activities, from domain events', () => {
  const h = new LeroListingsHarness();
  const region = uuidv7();
  const ids = () => ({ tenant: uuidv7(), walk: uuidv7() });

  beforeAll(async () => {
    await h.start();
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists a LERO that opts in after its activities exist, with each public activity’s schedule and place', async () => {
    const { tenant, walk } = ids();
    const members = uuidv7();
    await h.deliver(
      h.lero(TenantsEvents.tenantActivated, tenant, region, {
        publishToDirectory: false,
        publicContactEmail: null,
      }),
      h.activity(EventsEvents.activityCreated, tenant, walk),
      h.activity(EventsEvents.activityCreated, tenant, members, { visibility: 'members', listing: null }),
    );
    expect(await h.organization(tenant)).toBeUndefined();
    expect(await h.service(walk)).toBeUndefined();

    await h.deliver(h.lero(TenantsEvents.tenantUpdated, tenant, region));
    expect(await h.organization(tenant)).toMatchObject({
      name: 'Leeds Recovery Hub',
      email: 'hello@leedshub.example.org',
      status: 'active',
    });
    expect(await h.service(walk)).toEqual({
      name: 'Tuesday walking group',
      description: 'A gentle walk round the park, then tea.',
      url: null,
      email: 'hello@leedshub.example.org',
      status: 'active',
      schedules: [
        {
          freq: 'WEEKLY',
          interval: 1,
          byday: 'TU',
          bymonthday: null,
          dtstart: '2027-01-05',
          valid_from: '2027-01-05',
          valid_to: null,
          opens_at: '10:00',
          closes_at: '11:30',
          timezone: 'Europe/London',
          attending_type: null,
          description: 'Every week on Tuesday, 10:00 to 11:30.',
        },
      ],
      locations: [
        {
          name: 'Park gates',
          location_type: 'physical',
          latitude: 53.806,
          longitude: -1.555,
          address_1: 'Woodhouse Lane',
          city: 'Leeds',
          postal_code: 'LS2 9JT',
        },
      ],
      areas: [],
      contacts: [{ name: null, email: 'hello@leedshub.example.org' }],
      terms: [PHYSICAL_HEALTH, SOBER_SOCIAL].sort(),
    });
    // A members-only activity is never listed, and nothing of it is kept.
    expect(await h.service(members)).toBeUndefined();
    expect(await h.sql(`select listing from directory.activity_sources where id = $1`, [members])).toEqual([
      { listing: null },
    ]);
  });

  it('handles an event delivered twice once, and an activity’s event that comes before its LERO’s', async () => {
    const { tenant, walk } = ids();
    const created = h.activity(EventsEvents.activityCreated, tenant, walk);
    expect(await h.deliver(created)).toEqual(['handled']);
    expect(await h.service(walk)).toBeUndefined();
    expect(await h.deliver(h.lero(TenantsEvents.tenantUpdated, tenant, region), created)).toEqual([
      'handled',
      'duplicate',
    ]);
    const service = await h.sql<{ id: string }>(`select id from directory.services where source_id = $1`, [
      walk,
    ]);
    expect(service).toHaveLength(1);
    const log = await h.sql(
      `select last_action_type, updated_by from directory.metadata where resource_id = $1`,
      [service[0].id],
    );
    expect(log).toEqual([{ last_action_type: 'create', updated_by: 'system' }]);
    expect(
      await h.sql(
        `select subject, payload->>'status' as status from directory.outbox where payload->>'serviceId' = $1`,
        [service[0].id],
      ),
    ).toEqual([{ subject: 'evt.directory.listing.created', status: 'active' }]);
  });

  it('lists an activity whose event is handled at the same time as its LERO’s opting in (one LERO at a time)', async () => {
    // Each handler reads what the other writes: without taking the LERO in turn, each could miss the other's
    // uncommitted row and neither list the activity (CI met it in standalone mode).
    const pairs = Array.from({ length: 12 }, () => ids());
    await h.deliver(
      ...pairs.map(({ tenant }) =>
        h.lero(TenantsEvents.tenantUpdated, tenant, region, { publishToDirectory: false }),
      ),
    );
    await Promise.all(
      pairs.flatMap(({ tenant, walk }) => [
        h.deliver(h.lero(TenantsEvents.tenantUpdated, tenant, region)),
        h.deliver(h.activity(EventsEvents.activityCreated, tenant, walk)),
      ]),
    );
    const listed = await Promise.all(pairs.map(async ({ walk }) => (await h.service(walk))?.status));
    expect(listed).toEqual(pairs.map(() => 'active'));
  });

  it('keeps the newest of an activity’s events whatever order they come in, and logs each change', async () => {
    const { tenant, walk } = ids();
    const first = h.activity(EventsEvents.activityCreated, tenant, walk);
    const renamed = h.activity(EventsEvents.activityUpdated, tenant, walk, { title: 'Wednesday walk' });
    const moved = h.activity(EventsEvents.activityUpdated, tenant, walk, {
      title: 'Wednesday walk',
      listing: { ...WALK.listing, schedule: { ...WALK.listing.schedule, rrule: 'FREQ=WEEKLY;BYDAY=WE' } },
    });
    await h.deliver(h.lero(TenantsEvents.tenantUpdated, tenant, region), moved, renamed, first);
    expect(await h.service(walk)).toMatchObject({
      name: 'Wednesday walk',
      schedules: [{ byday: 'WE', description: 'Every week on Wednesday, 10:00 to 11:30.' }],
    });
    const [{ id }] = await h.sql<{ id: string }>(`select id from directory.services where source_id = $1`, [
      walk,
    ]);
    await h.deliver(h.activity(EventsEvents.activityUpdated, tenant, walk, { title: 'Thursday walk' }));
    expect(
      await h.sql(
        `select field_name, previous_value, replacement_value from directory.metadata
          where resource_id = $1 and last_action_type = 'update' order by field_name`,
        [id],
      ),
    ).toEqual([
      { field_name: 'name', previous_value: 'Wednesday walk', replacement_value: 'Thursday walk' },
      {
        field_name: 'schedule',
        previous_value: expect.stringContaining('"WE"'),
        replacement_value: expect.stringContaining('"TU"'),
      },
    ]);
  });

  it('hides the listings while the LERO is suspended or the activity paused, and shows them again', async () => {
    const { tenant, walk } = ids();
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, tenant, region),
      h.activity(EventsEvents.activityCreated, tenant, walk),
    );
    await h.deliver(h.lero(TenantsEvents.tenantSuspended, tenant, region, { status: 'suspended' }));
    expect((await h.organization(tenant))?.status).toBe('inactive');
    expect((await h.service(walk))?.status).toBe('inactive');
    await h.deliver(h.lero(TenantsEvents.tenantActivated, tenant, region));
    expect((await h.service(walk))?.status).toBe('active');
    await h.deliver(h.activity(EventsEvents.activityPaused, tenant, walk, { status: 'paused' }));
    expect((await h.service(walk))?.status).toBe('inactive');
    expect((await h.organization(tenant))?.status).toBe('active');
    await h.deliver(h.activity(EventsEvents.activityResumed, tenant, walk));
    expect((await h.service(walk))?.status).toBe('active');
  });

  it('retires an activity that ends, is removed, becomes private or opts out, and everything when the LERO opts out or archives', async () => {
    const tenant = uuidv7();
    const [ends, removed, turnsPrivate, optsOut] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, tenant, region),
      ...[ends, removed, turnsPrivate, optsOut].map((a) =>
        h.activity(EventsEvents.activityCreated, tenant, a),
      ),
    );
    await h.deliver(
      h.activity(EventsEvents.activityEnded, tenant, ends, { status: 'ended' }),
      h.activity(EventsEvents.activityDeleted, tenant, removed),
      h.activity(EventsEvents.activityUpdated, tenant, turnsPrivate, {
        visibility: 'members',
        listing: null,
      }),
      h.activity(EventsEvents.activityUpdated, tenant, optsOut, { publishToDirectory: false, listing: null }),
    );
    for (const a of [ends, removed, turnsPrivate, optsOut])
      expect(await h.service(a)).toMatchObject({ status: 'retired', name: 'Tuesday walking group' });
    const [{ id }] = await h.sql<{ id: string }>(`select id from directory.services where source_id = $1`, [
      ends,
    ]);
    expect(
      await h.sql(`select subject from directory.outbox where payload->>'serviceId' = $1 order by id`, [id]),
    ).toEqual([{ subject: 'evt.directory.listing.created' }, { subject: 'evt.directory.listing.retired' }]);

    const other = ids();
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, other.tenant, region),
      h.activity(EventsEvents.activityCreated, other.tenant, other.walk),
    );
    await h.deliver(h.lero(TenantsEvents.tenantUpdated, other.tenant, region, { publishToDirectory: false }));
    expect((await h.organization(other.tenant))?.status).toBe('retired');
    expect((await h.service(other.walk))?.status).toBe('retired');
    // Opting in again lists it again, under the same ids.
    await h.deliver(h.lero(TenantsEvents.tenantUpdated, other.tenant, region));
    expect((await h.service(other.walk))?.status).toBe('active');
    await h.deliver(h.lero(TenantsEvents.tenantArchived, other.tenant, region, { status: 'archived' }));
    expect((await h.organization(other.tenant))?.status).toBe('retired');
    expect((await h.service(other.walk))?.status).toBe('retired');
  });

  it('leaves alone a listing a curator retires while the LERO changes its activity (ADR 0049)', async () => {
    const { tenant, walk } = ids();
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, tenant, region),
      h.activity(EventsEvents.activityCreated, tenant, walk),
    );
    await withClient(h.db.ownerUrl, async (curator) => {
      // A curator's retirement as ListingsService.retire makes it: the row locked, its status changed, not yet committed.
      await curator.query('begin');
      await curator.query(
        `update directory.services set status = 'retired' where source = 'lero' and source_id = $1`,
        [walk],
      );
      const changed = h.deliver(
        h.activity(EventsEvents.activityUpdated, tenant, walk, { title: 'Walk & talk' }),
      );
      await eventually(async () => expect(await waitingOnLocks(curator)).toBe(1));
      await curator.query('commit');
      expect(await changed).toEqual(['handled']);
    });
    expect(await h.service(walk)).toMatchObject({ status: 'retired', name: 'Tuesday walking group' });
  });

  it('gives the area and “location on request”, never the place, of an activity whose location is on request', async () => {
    const { tenant, walk } = ids();
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, tenant, region),
      h.activity(EventsEvents.activityCreated, tenant, walk, {
        category: 'mutual-aid',
        listing: { ...WALK.listing, location: null, area: 'LS2', locationOnRequest: true },
      }),
    );
    expect(await h.service(walk)).toMatchObject({
      locations: [],
      areas: [{ name: 'LS2', description: expect.stringContaining('Location on request') }],
      schedules: [{ attending_type: expect.stringContaining('Location on request') }],
      terms: ['d96cb944-0f1a-4ffe-af4c-d0d48c68c8d9'],
    });
  });

  it('keeps the sources under each LERO’s row-level security', async () => {
    const { tenant, walk } = ids();
    await h.deliver(
      h.lero(TenantsEvents.tenantUpdated, tenant, region),
      h.activity(EventsEvents.activityCreated, tenant, walk),
    );
    await withClient(h.db.urlFor('directory'), async (c) => {
      const count = async (setting: string | null) => {
        await c.query('begin');
        if (setting) await c.query(`select set_config('app.tenant_id', $1, true)`, [setting]);
        const { rows } = await c.query<{ n: number }>(
          `select (select count(*) from directory.lero_sources)::int + (select count(*) from directory.activity_sources)::int as n`,
        );
        await c.query('rollback');
        return rows[0].n;
      };
      expect(await count(null)).toBe(0);
      expect(await count(uuidv7())).toBe(0);
      expect(await count(tenant)).toBe(2);
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [uuidv7()]);
      await expect(
        c.query(`update directory.activity_sources set status = 'ended' where id = $1 returning id`, [walk]),
      ).resolves.toMatchObject({ rowCount: 0 });
      await expect(
        c.query(
          `insert into directory.lero_sources (tenant_id, region_id, name, status, publish_to_directory, occurred_at, event_id)
            values ($1, $2, 'x', 'active', true, now(), $3)`,
          [tenant, region, uuidv7()],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });
});

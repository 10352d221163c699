import { ApiClient, Given, eventually } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;

/**
 * Standalone's in-process transport carries the tenants' and events' domain events to the directory as NATS does
 * (ADR 0042): a LERO that opts in has its weekly group in its region’s feed, and pausing it takes it away. A LERO’s
 * asks reach its and its region’s "you said, we did" pages over the same in-process bus (ADR 0065), and its
 * representation log (seats and meetings, ADR 0069) works there too.
 */
describe('a LERO’s public activities in the directory, in standalone mode', () => {
  let standalone: TestStandalone;
  let api: ApiClient;
  let given: Given;
  const admin = { email: 'listings-admin@example.org', password: 'listings-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('lero-listings', admin);
    api = new ApiClient(standalone.hearth.url);
    given = new Given(api, admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('lists a weekly walking group once its LERO opts in, and takes it away when it is paused', async () => {
    const region = await given.region(await given.platformAdmin());
    const lero = await given.lero(region.id);
    const as = api.as(lero.adminToken);
    const choice = { publishToDirectory: true, publishToOpenActive: true };
    expect((await as.patch(`/api/v1/tenants/${lero.id}`, choice)).status).toBe(200);
    const tuesday = new Date();
    tuesday.setUTCDate(tuesday.getUTCDate() + ((2 - tuesday.getUTCDay() + 7) % 7 || 7));
    const walk = await as.post<Json>(`/api/v1/tenants/${lero.id}/activities`, {
      title: 'Standalone walking group',
      category: 'walking',
      visibility: 'public',
      location: { name: 'Park gates', address: 'Woodhouse Lane, Leeds', postcode: 'LS2 9JT' },
      schedule: {
        startsAt: `${tuesday.toISOString().slice(0, 10)}T10:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
      },
    });
    expect(walk.status).toBe(201);
    const feed = `/api/v1/public/regions/${region.slug}/oruk/services?search=standalone`;
    const listed = await eventually(async () => {
      const page = await api.get<{ contents: Json[] }>(feed);
      expect(page.body.contents).toEqual([
        expect.objectContaining({ name: 'Standalone walking group', status: 'active' }),
      ]);
      return page.body.contents[0];
    });
    const full = await api.get<Json>(
      `/api/v1/public/regions/${region.slug}/oruk/services/${listed.id as string}`,
    );
    expect(full.body).toMatchObject({ schedules: [{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00' }] });
    // Its OpenActive feed follows over the same in-process bus, the events service's own events included (ADR 0078).
    const series = `/api/v1/public/regions/${region.slug}/openactive/session-series`;
    await eventually(async () =>
      expect((await api.get<{ items: Json[] }>(series)).body.items).toEqual([
        expect.objectContaining({ state: 'updated', id: walk.body.id }),
      ]),
    );
    await as.post(`/api/v1/tenants/${lero.id}/activities/${walk.body.id as string}/pause`);
    await eventually(async () =>
      expect((await api.get<{ contents: Json[] }>(feed)).body.contents).toEqual([]),
    );
    await eventually(async () =>
      expect((await api.get<{ items: Json[] }>(series)).body.items).toEqual([
        { state: 'deleted', kind: 'SessionSeries', id: walk.body.id, modified: expect.any(Number) as number },
      ]),
    );
  });

  it('takes a LERO’s asks and shows the public ones on its and its region’s "you said, we did" pages (ADR 0065)', async () => {
    const region = await given.region(await given.platformAdmin());
    const lero = await given.lero(region.id);
    const asks = `/api/v1/tenants/${lero.id}/advocacy/asks`;
    const as = api.as(lero.adminToken);
    const made = await as.post<Json>(asks, {
      what: 'A later bus from the treatment service',
      body: { name: 'Northtown Recovery Service', kind: 'treatment-provider' },
      source: { kind: 'meeting' },
      raisedOn: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
      public: true,
    });
    expect(made.status).toBe(201);
    const done = await as.post<Json>(`${asks}/${made.body.id as string}/updates`, {
      status: 'done',
      date: new Date().toISOString().slice(0, 10),
      text: 'The last bus now leaves at 6pm.',
    });
    expect([done.status, done.body.status]).toEqual([201, 'done']);
    const page = await api.get<Json>(`/api/v1/public/leros/${lero.slug}/you-said-we-did`);
    expect(page.body).toMatchObject({
      counts: { done: 1, total: 1 },
      items: [{ id: made.body.id, status: 'done', updates: [{ status: 'raised' }, { status: 'done' }] }],
    });
    const regional = await api.get<Json>(`/api/v1/public/regions/${region.slug}/you-said-we-did`);
    expect(regional.body).toMatchObject({
      totals: { total: 1 },
      leros: [{ lero: { slug: lero.slug } }],
      pooled: [],
    });
  });

  it('keeps a LERO’s seats and the meetings it attended, with the asks raised there (ADR 0069)', async () => {
    const region = await given.region(await given.platformAdmin());
    const lero = await given.lero(region.id);
    const as = api.as(lero.adminToken);
    const base = `/api/v1/tenants/${lero.id}/advocacy`;
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const seat = await as.post<Json>(`${base}/seats`, {
      body: { name: 'Northtown Combating Drugs Partnership', kind: 'other' },
      role: 'member',
      since: '2025-01-01',
    });
    const ask = await as.post<Json>(`${base}/asks`, {
      what: 'Peer mentors in every treatment team',
      body: { name: 'Northtown Recovery Service', kind: 'treatment-provider' },
      source: { kind: 'meeting' },
      raisedOn: day,
    });
    const meeting = await as.post<Json>(`${base}/meetings`, {
      seatId: seat.body.id,
      date: day,
      representedBy: 'a volunteer',
      askIds: [ask.body.id],
      outcome: 'The partnership will consider it in March.',
    });
    expect([seat.status, ask.status, meeting.status]).toEqual([201, 201, 201]);
    const listed = await as.get<{ items: Json[] }>(`${base}/meetings?from=${day}&to=${day}`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: meeting.body.id,
        body: { name: 'Northtown Combating Drugs Partnership', kind: 'other' },
        representedBy: 'a volunteer',
        askIds: [ask.body.id],
      }),
    ]);
  });
});

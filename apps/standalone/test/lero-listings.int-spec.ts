import { ApiClient, Given, eventually } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;

/**
 * Standalone's in-process transport carries the tenants' and events' domain events to the directory as NATS does
 * (ADR 0042): a LERO that opts in has its weekly group in its region's feed, and pausing it takes it away.
 */
describe('a LERO’s public activities in the directory, in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'listings-admin@example.org', password: 'listings-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('lero-listings', admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('lists a weekly walking group once its LERO opts in, and takes it away when it is paused', async () => {
    const api = new ApiClient(standalone.hearth.url);
    const given = new Given(api, admin);
    const region = await given.region(await given.platformAdmin());
    const lero = await given.lero(region.id);
    const as = api.as(lero.adminToken);
    expect((await as.patch(`/api/v1/tenants/${lero.id}`, { publishToDirectory: true })).status).toBe(200);
    const tuesday = new Date();
    tuesday.setUTCDate(tuesday.getUTCDate() + ((2 - tuesday.getUTCDay() + 7) % 7 || 7));
    const walk = await as.post<Json>(`/api/v1/tenants/${lero.id}/activities`, {
      title: 'Standalone walking group',
      category: 'walking',
      visibility: 'public',
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
    await as.post(`/api/v1/tenants/${lero.id}/activities/${walk.body.id as string}/pause`);
    await eventually(async () =>
      expect((await api.get<{ contents: Json[] }>(feed)).body.contents).toEqual([]),
    );
  });
});

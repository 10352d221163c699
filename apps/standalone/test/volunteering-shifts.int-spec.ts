import { Client } from 'pg';
import { ApiClient, Given } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;
interface Rota {
  days: { date: string; shifts: { shiftId: string; startsAt: string; gap: number }[] }[];
}

/** Shifts and the rota over standalone's in-process transport, as over NATS (ADR 0051). */
describe('volunteering shifts in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'shifts-admin@example.org', password: 'shifts-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('volunteering_shifts', admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('schedules a weekly shift onto the rota, with its event in the outbox, and another LERO sees none of it', async () => {
    const api = new ApiClient(standalone.hearth.url);
    const given = new Given(api, admin);
    const platformAdmin = await given.platformAdmin();
    const region = await given.region(platformAdmin);
    const lero = await given.lero(region.id, platformAdmin);
    const other = await given.lero(region.id, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const walk = await as.post<Json>(`${base}/roles`, { title: 'Peer walk leader', visibility: 'public' });
    const shift = await as.post<Json>(`${base}/roles/${walk.body.id as string}/shifts`, {
      startsAt: '2027-10-26T10:00',
      durationMinutes: 90,
      rrule: 'FREQ=WEEKLY',
      capacity: 3,
    });
    expect(shift.status).toBe(201);
    const rota = await as.get<Rota>(`${base}/rota?week=2027-W44`);
    expect(rota.body.days[1].shifts).toEqual([
      expect.objectContaining({ shiftId: shift.body.id, startsAt: '2027-11-02T10:00:00+00:00', gap: 3 }),
    ]);
    expect(
      (await as.post<Json>(`${base}/roles/${walk.body.id as string}/shifts`, { capacity: 3 })).status,
    ).toBe(400);
    expect((await api.as(other.adminToken).get(`${base}/shifts/${shift.body.id as string}`)).status).toBe(
      404,
    );
    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ subject: string }>(
        `select subject from volunteering.outbox where payload->>'shiftId' = $1`,
        [shift.body.id],
      );
      expect(rows.map((r) => r.subject)).toEqual(['evt.volunteering.shift.scheduled']);
    } finally {
      await owner.end();
    }
  });
});

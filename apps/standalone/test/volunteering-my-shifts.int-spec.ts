import { ApiClient, eventually, Given } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;
interface Rota {
  names: string;
  days: { shifts: { shiftId: string; people: Json[] }[] }[];
}

/** "My shifts" and the names on the rota over standalone's in-process transport, as over NATS (ADR 0055). */
describe('volunteering my shifts and rota names in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'my-shifts-admin@example.org', password: 'my-shifts-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('volunteering_my_shifts', admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('lists a linked volunteer’s own place and names the people on the rota', async () => {
    const api = new ApiClient(standalone.hearth.url);
    const given = new Given(api, admin);
    const platformAdmin = await given.platformAdmin();
    const region = await given.region(platformAdmin);
    const lero = await given.lero(region.id, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Cass',
      communityRoles: ['volunteer'],
    });
    const memberId = made.body.id as string;
    const email = 'cass-standalone@example.org';
    const invite = await as.post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
      email,
      role: 'member',
      memberId,
    });
    const cass = api.as(await given.acceptInvitation(invite.body.token, email));
    await eventually(async () =>
      expect((await as.get<{ items: unknown[] }>(`${base}/volunteers`)).body.items).toHaveLength(1),
    );
    const role = await as.post<Json>(`${base}/roles`, { title: 'Tea and welcome', visibility: 'members' });
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const shift = await as.post<Json>(`${base}/roles/${role.body.id as string}/shifts`, {
      startsAt: `${day}T10:00`,
      durationMinutes: 60,
      capacity: 1,
    });
    const shiftId = shift.body.id as string;
    expect((await cass.post(`${base}/shifts/${shiftId}/signups`, { memberId })).status).toBe(200);
    const mine = await cass.get<{ items: Json[] }>(`${base}/me/shifts`);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ shiftId, memberId, status: 'confirmed', roleTitle: 'Tea and welcome' }),
    ]);
    expect((await as.get<{ items: Json[] }>(`${base}/me/shifts`)).body.items).toEqual([]);
    const startsAt = (shift.body.next as { startsAt: string }[])[0].startsAt;
    const week = await as.get<Rota>(`${base}/rota?week=${isoWeekOf(startsAt.slice(0, 10))}`);
    expect(week.body.names).toBe('shown');
    expect(week.body.days.flatMap((d) => d.shifts).find((s) => s.shiftId === shiftId)?.people).toEqual([
      { memberId, displayName: 'Cass' },
    ]);
  });
});

/** The ISO week of a date, `YYYY-Www`. */
function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const week =
    Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

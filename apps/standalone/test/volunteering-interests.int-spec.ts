import { Client } from 'pg';
import { ApiClient, Given } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';
import { testimonyInStandalone } from './advocacy-testimony.case';

type Json = Record<string, unknown>;

/** Interest in volunteering roles over standalone's in-process transport, as over NATS (ADR 0063). */
describe('interest in volunteering roles in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'interest-admin@example.org', password: 'interest-admin-password' };

  let api: ApiClient;
  let given: Given;
  let platformAdmin: string;
  let regionId: string;

  beforeAll(async () => {
    standalone = await startTestStandalone('volunteering_interests', admin);
    api = new ApiClient(standalone.hearth.url);
    given = new Given(api, admin);
    platformAdmin = await given.platformAdmin();
    regionId = (await given.region(platformAdmin)).id;
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('takes a member’s interest in a role, names them to the admin and records the follow-up, over the in-process bus (ADR 0063)', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const memberId = (await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, { displayName: 'Dee' })).body
      .id as string;
    const dee = api.as((await given.tenantUser(lero.id, 'member', lero.adminToken, memberId)).token);
    const roleId = (await as.post<Json>(`${base}/roles`, { title: 'Garden', visibility: 'members' })).body.id;
    const said = await dee.post<Json>(`${base}/roles/${roleId as string}/interest`, { note: 'Weekends' });
    expect([said.status, said.body.status]).toEqual([200, 'open']);
    const list = await as.get<{ items: Json[]; names: string }>(
      `${base}/roles/${roleId as string}/interests`,
    );
    expect(list.body).toMatchObject({
      names: 'shown',
      items: [{ memberId, displayName: 'Dee', note: 'Weekends' }],
    });
    const closed = await as.post<Json>(`${base}/interests/${said.body.id as string}/close`, {
      outcome: 'became-volunteer',
    });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'became-volunteer' });
    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ subject: string }>(
        `select subject from volunteering.outbox where payload->>'interestId' = $1 order by id`,
        [said.body.id],
      );
      expect(rows.map((r) => r.subject)).toEqual([
        'evt.volunteering.interest.expressed',
        'evt.volunteering.interest.closed',
      ]);
    } finally {
      await owner.end();
    }
  });

  // Collective testimony (ADR 0066) in this suite's Hearth: a second start would cost more than the case.
  testimonyInStandalone(() => ({ standalone, api, given, platformAdmin, regionId }));
});

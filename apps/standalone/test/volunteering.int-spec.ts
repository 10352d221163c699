import { Client } from 'pg';
import { ApiClient, Given, eventually } from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;

/** Volunteering's catalogue, roles and volunteers over standalone's in-process transport, as over NATS (ADR 0048). */
describe('volunteering in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'volunteering-admin@example.org', password: 'volunteering-admin-password' };

  let api: ApiClient;
  let given: Given;
  let platformAdmin: string;
  let regionId: string;

  beforeAll(async () => {
    standalone = await startTestStandalone('volunteering', admin);
    api = new ApiClient(standalone.hearth.url);
    given = new Given(api, admin);
    platformAdmin = await given.platformAdmin();
    regionId = (await given.region(platformAdmin)).id;
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('keeps a LERO’s catalogue and roles, with the role’s event in its outbox, and another LERO sees none of it', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const other = await given.lero(regionId, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const safeguarding = await as.post<Json>(`${base}/training`, { name: 'Safeguarding', kind: 'training' });
    expect(safeguarding.status).toBe(201);
    const walk = await as.post<Json>(`${base}/roles`, {
      title: 'Peer walk leader',
      visibility: 'public',
      requirementIds: [safeguarding.body.id],
    });
    expect(walk.status).toBe(201);
    expect(walk.body).toMatchObject({
      status: 'open',
      requirements: [{ name: 'Safeguarding', kind: 'training' }],
    });
    expect(
      (await as.post<Json>(`${base}/roles`, { title: 'x', visibility: 'public', extra: 1 })).status,
    ).toBe(400);
    const theirs = api.as(other.adminToken);
    expect((await theirs.get(`${base}/roles/${walk.body.id as string}`)).status).toBe(404);
    expect(
      (await theirs.get(`/api/v1/tenants/${other.id}/volunteering/roles/${walk.body.id as string}`)).status,
    ).toBe(404);
    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ subject: string }>(
        `select subject from volunteering.outbox where payload->>'roleId' = $1`,
        [walk.body.id],
      );
      expect(rows.map((r) => r.subject)).toEqual(['evt.volunteering.role.published']);
    } finally {
      await owner.end();
    }
  });

  it('lists a member made with the volunteer community role, from membership’s events on the in-process bus', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const as = api.as(lero.adminToken);
    const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Ash',
      communityRoles: ['volunteer'],
    });
    expect(made.status).toBe(201);
    const volunteers = () =>
      as.get<{ items: { memberId: string }[] }>(`/api/v1/tenants/${lero.id}/volunteering/volunteers`);
    await eventually(async () =>
      expect((await volunteers()).body.items).toEqual([{ memberId: made.body.id }]),
    );
    expect(
      (await as.request('DELETE', `/api/v1/tenants/${lero.id}/members/${made.body.id as string}`)).status,
    ).toBe(204);
    await eventually(async () => expect((await volunteers()).body.items).toEqual([]));
  });

  it('records a volunteer’s training and drops it when the member is erased, over the in-process bus (ADR 0053)', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const as = api.as(lero.adminToken);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Bo',
      communityRoles: ['volunteer'],
    });
    const memberId = made.body.id as string;
    const item = await as.post<Json>(`${base}/training`, {
      name: 'Naloxone',
      kind: 'training',
      validityMonths: 24,
    });
    const body = { trainingId: item.body.id, completedOn: '2026-01-10', how: 'delivered-by-us' };
    await eventually(async () =>
      expect((await as.post(`${base}/volunteers/${memberId}/training`, body)).status).toBe(201),
    );
    const records = await as.get<{ items: Json[] }>(`${base}/volunteers/${memberId}/training`);
    expect(records.body.items).toEqual([expect.objectContaining({ expiresOn: '2028-01-10' })]);
    expect((await as.request('DELETE', `/api/v1/tenants/${lero.id}/members/${memberId}`)).status).toBe(204);
    await eventually(async () =>
      expect((await as.get(`${base}/volunteers/${memberId}/training`)).status).toBe(404),
    );
    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(`select 1 from volunteering.training_records where member_id = $1`, [
        memberId,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await owner.end();
    }
  });

  /** A LERO with two members of the volunteer role (as volunteering heard them) and a coming shift of one place. */
  async function twoVolunteersAndAShiftOfOne(title: string) {
    const lero = await given.lero(regionId, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const people: string[] = [];
    for (const name of ['Ash', 'Bo']) {
      const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
        displayName: name,
        communityRoles: ['volunteer'],
      });
      people.push(made.body.id as string);
    }
    await eventually(async () =>
      expect((await as.get<{ items: unknown[] }>(`${base}/volunteers`)).body.items).toHaveLength(2),
    );
    const role = await as.post<Json>(`${base}/roles`, { title, visibility: 'members' });
    const startsAt = `${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}T10:00`;
    const shift = await as.post<Json>(`${base}/roles/${role.body.id as string}/shifts`, {
      startsAt,
      durationMinutes: 60,
      capacity: 1,
    });
    return { lero, as, people, signups: `${base}/shifts/${shift.body.id as string}/signups` };
  }

  it('signs volunteers up to a shift over the in-process transport: a place, the waitlist, promotion (ADR 0052)', async () => {
    const { as, people, signups } = await twoVolunteersAndAShiftOfOne('Tea and welcome');
    const [a, b] = [
      await as.post<Json>(signups, { memberId: people[0] }),
      await as.post<Json>(signups, { memberId: people[1] }),
    ];
    expect([a.status, a.body.status, b.status, b.body.status]).toEqual([200, 'confirmed', 200, 'waitlisted']);
    expect((await as.request<Json>('DELETE', `${signups}/${people[0]}`)).body).toMatchObject({
      status: 'cancelled',
      late: false,
    });
    expect((await as.get<{ items: unknown[] }>(signups)).body.items).toEqual([
      { memberId: people[1], status: 'confirmed' },
    ]);
  });

  it('logs, approves and totals a volunteer’s hours over the in-process transport, the approval in the outbox (ADR 0054)', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const as = api.as(lero.adminToken);
    const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Cal',
      communityRoles: ['volunteer'],
    });
    const memberId = made.body.id as string;
    await eventually(async () =>
      expect((await as.get<{ items: unknown[] }>(`${base}/volunteers`)).body.items).toHaveLength(1),
    );
    const role = await as.post<Json>(`${base}/roles`, { title: 'Café', visibility: 'members' });
    const logged = await as.post<Json>(`${base}/hours`, {
      memberId,
      roleId: role.body.id,
      date: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
      minutes: 150,
      description: 'Served breakfast',
    });
    expect([logged.status, logged.body.status]).toEqual([201, 'pending']);
    const entryId = logged.body.id as string;
    expect(
      (await as.get<{ items: Json[] }>(`${base}/hours?status=pending`)).body.items.map((e) => e.id),
    ).toEqual([entryId]);
    const approved = await as.post<Json>(`${base}/hours/${entryId}/approve`, { minutes: 120 });
    expect(approved.body).toMatchObject({ status: 'approved', approvedMinutes: 120, version: 2 });
    expect((await as.get<Json>(`${base}/volunteers/${memberId}/hours/totals`)).body).toMatchObject({
      allTimeMinutes: 120,
      byRole: [{ roleId: role.body.id, title: 'Café', allTimeMinutes: 120 }],
    });
    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ subject: string; payload: Json }>(
        `select subject, payload from volunteering.outbox where payload->>'entryId' = $1`,
        [entryId],
      );
      expect(rows).toEqual([
        {
          subject: 'evt.volunteering.hours.approved',
          payload: expect.objectContaining({ memberId, minutes: 120, status: 'approved', version: 2 }),
        },
      ]);
    } finally {
      await owner.end();
    }
  });

  it('answers a person’s export and the LERO’s archive, and an erasure frees the place, over the in-process bus (ADR 0060)', async () => {
    const { lero, as, people, signups } = await twoVolunteersAndAShiftOfOne('Garden crew');
    for (const memberId of people) expect((await as.post(signups, { memberId })).status).toBe(200);
    const exported = await as.get<{ parts: { service: string; data: Json }[] }>(
      `/api/v1/tenants/${lero.id}/members/${people[0]}/export`,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.parts.find((p) => p.service === 'volunteering')?.data).toMatchObject({
      volunteer: { volunteer: true, status: 'active' },
      signups: [expect.objectContaining({ roleTitle: 'Garden crew', status: 'confirmed' })],
      training: [],
    });
    const archive = await fetch(`${standalone.hearth.url}/api/v1/tenants/${lero.id}/export.zip`, {
      headers: { authorization: `Bearer ${lero.adminToken}` },
    });
    expect(archive.status).toBe(200);
    const zip = Buffer.from(await archive.arrayBuffer()).toString('latin1');
    expect(zip).toContain('volunteering-signups.csv');
    expect((await as.request('DELETE', `/api/v1/tenants/${lero.id}/members/${people[0]}`)).status).toBe(204);
    await eventually(async () =>
      expect((await as.get<{ items: unknown[] }>(signups)).body.items).toEqual([
        { memberId: people[1], status: 'confirmed' },
      ]),
    );
  });

  it('issues a volunteer’s passport signed with a key of its own, which verifies and is no access token', async () => {
    const lero = await given.lero(regionId, platformAdmin);
    const as = api.as(lero.adminToken);
    const base = `/api/v1/tenants/${lero.id}/volunteering`;
    const made = await as.post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Kit',
      communityRoles: ['volunteer'],
    });
    const memberId = made.body.id as string;
    await eventually(async () =>
      expect((await as.get(`${base}/volunteers/${memberId}/training`)).status).toBe(200),
    );
    const item = await as.post<Json>(`${base}/training`, { name: 'Naloxone', kind: 'training' });
    await as.post(`${base}/volunteers/${memberId}/training`, {
      trainingId: item.body.id,
      completedOn: '2026-06-01',
      how: 'delivered-by-us',
    });
    const invite = await as.post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
      email: 'kit@example.org',
      role: 'member',
      memberId,
    });
    const kit = api.as(await given.acceptInvitation(invite.body.token, 'kit@example.org'));
    const mine = await kit.get<{ passport: string; credentials: unknown[] }>(`${base}/me/passport`);
    expect([mine.status, mine.body.credentials.length]).toEqual([200, 1]);
    const verdict = await api.post<Json>('/api/v1/volunteering/passports/verify', {
      passport: mine.body.passport,
    });
    expect(verdict.body.status).toBe('valid');
    expect((await api.as(mine.body.passport).get(`${base}/training`)).status).toBe(401);
    const kid = JSON.parse(Buffer.from(mine.body.passport.split('.')[0], 'base64url').toString()) as {
      kid: string;
    };
    const jwks = await api.get<{ keys: { kid: string }[] }>('/.well-known/jwks.json');
    expect(jwks.body.keys.map((k) => k.kid)).toEqual([kid.kid]);
  });
});

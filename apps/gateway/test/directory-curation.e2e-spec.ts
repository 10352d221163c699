import { TestSmtpServer, eventually, tokenIn, withClient } from '@hearth/testing';
import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { directoryCast, listingBody, PASSWORD, type DirectoryCast, type Matrix } from './directory-cast';

type Json = Record<string, unknown>;

/** Who may curate: the region's admins and its directory curators; commissioners read; the rest see nothing. */
const curating = (ok: number, commissioner = 403): Matrix => ({
  'platform admin': 404,
  'region admin': ok,
  'directory curator': ok,
  commissioner,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  'another region’s admin': 404,
  'another region’s curator': 404,
  anonymous: 401,
});

const todayInLondon = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Curating a region's directory: the directory-curator role, assuring listings, the "needs review" list. */
describe('directory curation (gateway → NATS → directory, tenants)', () => {
  let h: DistributedHearth;
  let cast: DirectoryCast;
  const base = () => `/api/v1/regions/${cast.region.id}/directory`;
  const newListing = async (name: string, extra: Json = {}) => {
    const res = await cast.as('directory curator').post<Json>(`${base()}/services`, listingBody(name, extra));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const setTeamAddress = (contactEmail: string | null) =>
    cast.as('region admin').request<Json>('PUT', `${base()}/settings`, { contactEmail });

  beforeAll(async () => {
    h = await startDistributedHearth();
    cast = await directoryCast(h);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });
  let smtp: TestSmtpServer | undefined;

  it('lets a region’s admin appoint a directory curator, who curates the directory and nothing else of the region', async () => {
    const curator = cast.as('directory curator');
    const regions = await curator.get<{ items: Json[] }>('/api/v1/regions');
    expect(regions.body.items.map((r) => r.id)).toEqual([cast.region.id]);
    const team = await cast
      .as('region admin')
      .get<{ accounts: { roles: Json[] }[] }>(`/api/v1/regions/${cast.region.id}/team`);
    expect(team.body.accounts.flatMap((a) => a.roles)).toContainEqual(
      expect.objectContaining({ role: 'directory-curator' }),
    );
    expect((await curator.get(`/api/v1/regions/${cast.region.id}/team`)).status).toBe(403);
    const invite = await curator.post(`/api/v1/regions/${cast.region.id}/invitations`, {
      email: 'someone-else@example.org',
      role: 'directory-curator',
    });
    expect(invite.status).toBe(403);
    expect((await curator.get(`/api/v1/tenants/${cast.lero.id}`)).status).toBe(404);
    expect([403, 404]).toContain(
      (await curator.get(`/api/v1/regions/${cast.region.id}/reporting-settings`)).status,
    );
    const bad = await cast.as('region admin').post<Json>(`/api/v1/regions/${cast.region.id}/invitations`, {
      email: 'x@example.org',
      role: 'curator',
    });
    expect(bad.status).toBe(400);
  });

  it('lets curators do everything region admins do with listings', async () => {
    const id = await newListing('Curated by the curator');
    const curator = cast.as('directory curator');
    expect((await curator.patch(`${base()}/services/${id}`, { fees: 'Free' })).status).toBe(200);
    expect((await curator.get(`${base()}/services/${id}`)).status).toBe(200);
    expect((await curator.get(`${base()}/services`)).status).toBe(200);
    expect((await curator.post(`${base()}/services/${id}/retire`)).status).toBe(200);
  });

  it('answers every curation route by role', async () => {
    expect((await setTeamAddress('directory-team@example.org')).status).toBe(200);
    const id = await newListing('Matrix listing');
    expect(await cast.statuses((api) => api.post(`${base()}/services/${id}/assure`))).toEqual(curating(200));
    expect(await cast.statuses((api) => api.get(`${base()}/needs-review`))).toEqual(curating(200));
    expect(await cast.statuses((api) => api.get(`${base()}/settings`))).toEqual(curating(200));
    const put = await cast.statuses((api) =>
      api.request('PUT', `${base()}/settings`, { contactEmail: 'directory-team@example.org' }),
    );
    expect(put).toEqual({ ...curating(200), 'directory curator': 403 });
  });

  it('assures a listing with the team’s address and today’s date, logged and published once a day', async () => {
    const id = await newListing('To be assured');
    const curator = cast.as('directory curator');
    expect((await setTeamAddress(null)).body).toMatchObject({ contactEmail: null, assurerEmail: null });
    const refused = await curator.post<Json>(`${base()}/services/${id}/assure`);
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringContaining('team’s address')]);

    const settings = await setTeamAddress('Directory-Team@example.org');
    expect(settings.body).toEqual({
      regionId: cast.region.id,
      contactEmail: 'directory-team@example.org',
      assurerEmail: 'directory-team@example.org',
      reviewMonths: 12,
    });
    const assured = await curator.post<Json>(`${base()}/services/${id}/assure`);
    expect(assured.status).toBe(200);
    expect(assured.body).toMatchObject({
      assuredDate: todayInLondon(),
      assurerEmail: 'directory-team@example.org',
    });
    expect((await curator.post(`${base()}/services/${id}/assure`)).status).toBe(200);
    const feed = await h.api.get<Json>(`/api/v1/public/regions/${cast.region.slug}/oruk/services/${id}`);
    expect(feed.body).toMatchObject({
      assured_date: todayInLondon(),
      assurer_email: 'directory-team@example.org',
    });
    await withClient(h.db.ownerUrl, async (c) => {
      const log = await c.query(
        `select field_name, replacement_value from directory.metadata
          where resource_id = $1 and last_action_type = 'assure' order by field_name`,
        [id],
      );
      expect(log.rows).toEqual([
        { field_name: 'assured_date', replacement_value: todayInLondon() },
        { field_name: 'assurer_email', replacement_value: 'directory-team@example.org' },
      ]);
      const events = await c.query(`select subject from directory.outbox where payload->>'serviceId' = $1`, [
        id,
      ]);
      expect(events.rows.map((r) => r.subject).filter((s) => s.endsWith('assured'))).toEqual([
        'evt.directory.listing.assured',
      ]);
    });

    await curator.post(`${base()}/services/${id}/retire`);
    expect((await curator.post(`${base()}/services/${id}/assure`)).status).toBe(409);
    const theirs = `/api/v1/regions/${cast.elsewhere.id}/directory/services/${id}/assure`;
    expect((await cast.as('another region’s curator').post(theirs)).status).toBe(404);
  });

  it('refuses bad settings and bad cursors with 400 naming the field', async () => {
    const admin = cast.as('region admin');
    for (const body of [{}, { contactEmail: 'not-an-email' }, { contactEmail: 'a@example.org', x: 1 }]) {
      const res = await admin.request<Json>('PUT', `${base()}/settings`, body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect((res.body.errors as { field: string }[]).length).toBeGreaterThan(0);
    }
    for (const query of ['cursor=nonsense', 'limit=0', 'limit=101', 'surprise=1'])
      expect((await admin.get(`${base()}/needs-review?${query}`)).status).toBe(400);
    expect((await admin.post(`${base()}/services/not-a-uuid/assure`)).status).toBe(400);
    expect((await admin.post(`${base()}/services/0190aaaa-0000-7000-8000-000000000000/assure`)).status).toBe(
      404,
    );
  });

  it('lists active listings due for review: never assured first, then the longest ago, in pages', async () => {
    // A region of its own, so nothing else is due there.
    const platform = cast.tokens['platform admin']!;
    const region = await h.given.region(platform);
    const admin = (await cast.regionUser(region.id, 'region-admin', platform)).token;
    const curator = h.api.as((await cast.regionUser(region.id, 'directory-curator', admin)).token);
    await h.api.as(admin).request('PUT', `/api/v1/regions/${region.id}/directory/settings`, {
      contactEmail: 'team@example.org',
    });
    const at = `/api/v1/regions/${region.id}/directory`;
    const make = async (name: string, extra: Json = {}) =>
      (await curator.post<Json>(`${at}/services`, listingBody(name, extra))).body.id as string;
    const never = await make('Never assured');
    const longAgo = await make('Assured two years ago');
    const lastYear = await make('Assured thirteen months ago');
    const recently = await make('Assured eleven months ago');
    const today = await make('Assured today');
    const neverToo = await make('Never assured either');
    const inactive = await make('Inactive', { status: 'inactive' });
    const retired = await make('Retired');
    await curator.post(`${at}/services/${today}/assure`);
    await curator.post(`${at}/services/${retired}/retire`);
    await withClient(h.db.ownerUrl, async (c) => {
      for (const [id, months] of [
        [longAgo, 25],
        [lastYear, 13],
        [recently, 11],
      ] as const)
        await c.query(
          `update directory.services set assured_date = current_date - make_interval(months => $2),
             assurer_email = 'team@example.org' where id = $1`,
          [id, months],
        );
    });
    const all = await curator.get<{ items: Json[]; nextCursor: string | null }>(`${at}/needs-review`);
    expect(all.body.items.map((l) => l.id)).toEqual([never, neverToo, longAgo, lastYear]);
    expect(all.body.nextCursor).toBeNull();
    expect([inactive, retired, today, recently].some((id) => all.body.items.some((l) => l.id === id))).toBe(
      false,
    );

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const page = await curator.get<{ items: Json[]; nextCursor: string | null }>(
        `${at}/needs-review${query}`,
      );
      expect(page.body.items).toHaveLength(1);
      paged.push(page.body.items[0].id as string);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual([never, neverToo, longAgo, lastYear]);
  });

  it('takes the role away as other roles are: refresh refused at once, a new sign-in without it', async () => {
    const { email } = await cast.regionUser(
      cast.region.id,
      'directory-curator',
      cast.tokens['region admin']!,
    );
    const session = await h.api.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', {
      email,
      password: PASSWORD,
    });
    const me = await h.api.as(session.body.accessToken).get<{ id: string }>('/api/v1/me');
    expect((await h.api.as(session.body.accessToken).get(`${base()}/needs-review`)).status).toBe(200);
    const removed = await cast
      .as('region admin')
      .request('DELETE', `/api/v1/regions/${cast.region.id}/team/${me.body.id}/roles/directory-curator`);
    expect(removed.status).toBe(204);
    expect(
      (await h.api.post('/api/v1/auth/refresh', { refreshToken: session.body.refreshToken })).status,
    ).toBe(401);
    const again = await h.api.post<{ accessToken: string }>('/api/v1/auth/login', {
      email,
      password: PASSWORD,
    });
    expect((await h.api.as(again.body.accessToken).get(`${base()}/needs-review`)).status).toBe(404);
  });

  it('answers one’s own digest setting for everyone signed in, and refuses bad input naming the field', async () => {
    const signedIn = { ...curating(200, 200), 'platform admin': 200 } as Matrix;
    for (const who of ['tenant-admin', 'coordinator', 'volunteer', 'member', 'another LERO’s admin'] as const)
      signedIn[who] = 200;
    signedIn['another region’s admin'] = 200;
    signedIn['another region’s curator'] = 200;
    expect(await cast.statuses((api) => api.get('/api/v1/me/digest'))).toEqual(signedIn);
    expect(await cast.statuses((api) => api.patch('/api/v1/me/digest', { enabled: true }))).toEqual(signedIn);
    const eligible = async (who: 'coordinator' | 'directory curator' | 'member' | 'tenant-admin') =>
      (await cast.as(who).get<Json>('/api/v1/me/digest')).body;
    expect(await eligible('coordinator')).toEqual({ enabled: true, eligible: true });
    expect(await eligible('directory curator')).toEqual({ enabled: true, eligible: true });
    expect(await eligible('member')).toEqual({ enabled: true, eligible: false });
    expect(await eligible('tenant-admin')).toEqual({ enabled: true, eligible: false });
    for (const body of [{}, { enabled: 'yes' }, { enabled: null }]) {
      const bad = await cast.as('member').patch<{ errors: { field: string }[] }>('/api/v1/me/digest', body);
      expect([bad.status, bad.body.errors.map((e) => e.field)]).toEqual([400, ['enabled']]);
    }
    for (const token of [undefined, 12, 'short', 'x'.repeat(201)]) {
      const bad = await h.api.post<{ errors: { field: string }[] }>('/api/v1/auth/digest-unsubscribe', {
        token,
      });
      expect([bad.status, [...new Set(bad.body.errors.map((e) => e.field))]]).toEqual([400, ['token']]);
    }
    const unknown = await h.api.post<Json>('/api/v1/auth/digest-unsubscribe', { token: 'a'.repeat(43) });
    expect([unknown.status, unknown.body.reason]).toEqual([400, 'DigestLinkUnknown']);
  });

  it('emails coordinators and curators a weekly digest of their own LERO and region, once, and stops it at once', async () => {
    const HOUR = 3_600_000;
    const admin = h.api.as(cast.tokens['tenant-admin']);
    const coordinator = cast.as('coordinator');
    const emailOf = async (who: 'coordinator' | 'another region’s curator') =>
      (await cast.as(who).get<{ email: string }>('/api/v1/me')).body.email;
    const leroBase = `/api/v1/tenants/${cast.lero.id}`;
    // A session tomorrow with one place: one going, one waiting; another LERO's session, not to be told.
    const soon = londonWallClock(new Date(Date.now() + 26 * HOUR));
    const act = await coordinator.post<Json>(`${leroBase}/activities`, {
      title: 'Tuesday coffee morning',
      category: 'peer-support',
      visibility: 'members',
      capacity: 1,
      schedule: { startsAt: soon, durationMinutes: 60 },
    });
    expect(act.status).toBe(201);
    const other = await h.api
      .as(cast.tokens['another LERO’s admin'])
      .post<Json>(`/api/v1/tenants/${cast.otherLero.id}/activities`, {
        title: 'Elsewhere quiz night',
        category: 'peer-support',
        visibility: 'members',
        schedule: { startsAt: soon, durationMinutes: 60 },
      });
    expect(other.status).toBe(201);
    const sessions = await coordinator.get<{ items: Json[] }>(
      `${leroBase}/sessions?activityId=${act.body.id as string}`,
    );
    const sessionId = sessions.body.items[0].id as string;
    const people: string[] = [];
    for (const name of ['Ash', 'Bo']) {
      const m = await admin.post<Json>(`${leroBase}/members`, {
        displayName: name,
        communityRoles: ['member', 'volunteer'],
      });
      people.push(m.body.id as string);
      expect(
        (await coordinator.post(`${leroBase}/sessions/${sessionId}/rsvps`, { memberId: m.body.id })).status,
      ).toBe(201);
    }
    // A check of Ash's that runs out in 10 days.
    const check = await admin.post<Json>(`${leroBase}/volunteering/training`, {
      name: 'Enhanced DBS',
      kind: 'check',
      validityMonths: 12,
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const completedOn = new Date(Date.parse(`${today}T00:00:00Z`) + (10 - 365) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await eventually(async () =>
      expect(
        (
          await coordinator.post(`${leroBase}/volunteering/volunteers/${people[0]}/training`, {
            trainingId: check.body.id,
            completedOn,
            how: 'certificate-seen',
          })
        ).status,
      ).toBe(201),
    );
    await newListing('Never assured as yet');
    // The other region's curator has a listing due too, but the digest is off for them for now.
    const elsewhere = `/api/v1/regions/${cast.elsewhere.id}/directory/services`;
    expect(
      (await cast.as('another region’s curator').post(elsewhere, listingBody('Elsewhere help'))).status,
    ).toBe(201);
    expect(
      (await cast.as('another region’s curator').patch('/api/v1/me/digest', { enabled: false })).status,
    ).toBe(200);
    const [coordinatorEmail, sentinelEmail] = [
      await emailOf('coordinator'),
      await emailOf('another region’s curator'),
    ];
    // A curator of the region whose account a platform admin disabled: nothing, ever.
    const disabled = await cast.regionUser(cast.region.id, 'directory-curator', cast.tokens['region admin']!);
    const disabledId = (await h.api.as(disabled.token).get<{ id: string }>('/api/v1/me')).body.id;
    expect((await cast.as('platform admin').post(`/api/v1/accounts/${disabledId}/disable`)).status).toBe(204);

    smtp = new TestSmtpServer();
    await smtp.start();
    const clock = { offsetMs: 0 };
    await h.restartTenants({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      publicUrl: 'https://hearth.test',
      mail: { pollMs: 200 },
      digest: { intervalMs: HOUR, pollMs: 200 },
      now: () => new Date(Date.now() + clock.offsetMs),
    });
    const arrivedTo = (email: string) => smtp!.arrived.filter((m) => m.to === email);
    const curatorEmail = cast.emails['directory curator']!;
    await eventually(
      () => {
        expect(arrivedTo(coordinatorEmail)).toHaveLength(1);
        expect(arrivedTo(curatorEmail)).toHaveLength(1);
      },
      { timeoutMs: 20_000 },
    );
    const [forCoordinator] = arrivedTo(coordinatorEmail);
    expect(forCoordinator.subject).toBe('Your weekly summary from Hearth');
    expect(forCoordinator.text).toContain('1 session in the next 7 days, 1 going, 1 on waiting lists.');
    expect(forCoordinator.text).toContain('Tuesday coffee morning');
    expect(forCoordinator.text).toContain(
      'volunteers’ training and checks expiring in the next 30 days: Enhanced DBS (1).',
    );
    for (const secret of ['Elsewhere quiz night', 'Ash', 'Bo'])
      expect(forCoordinator.text).not.toContain(secret);
    expect(forCoordinator.html).toContain('<a href="https://hearth.test/digest/unsubscribe?token=');
    const token = tokenIn(forCoordinator.text, '/digest/unsubscribe');
    expect(forCoordinator.headerLines['list-unsubscribe'].replace(/\s+/g, ' ')).toBe(
      `List-Unsubscribe: <https://hearth.test/digest/unsubscribe/one-click?token=${token}>`,
    );
    expect(forCoordinator.headerLines['list-unsubscribe-post']).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const [forCurator] = arrivedTo(curatorEmail);
    expect(forCurator.text).toMatch(/directory listings? (is|are) due for review/);
    expect(forCurator.text).toContain('Never assured as yet');
    expect(forCurator.text).not.toContain('Elsewhere help');
    expect(forCurator.text).not.toContain('session');

    // Sweeps go on; turning the sentinel's digest on gets it one, so a sweep has run since: still one each.
    expect(
      (await cast.as('another region’s curator').patch('/api/v1/me/digest', { enabled: true })).status,
    ).toBe(200);
    await eventually(() => expect(arrivedTo(sentinelEmail)).toHaveLength(1), { timeoutMs: 20_000 });
    expect(arrivedTo(coordinatorEmail)).toHaveLength(1);
    expect(arrivedTo(curatorEmail)).toHaveLength(1);

    // The link turns it off at once (and again, changing nothing); the next period's digest goes to the others only.
    for (let i = 0; i < 2; i++)
      expect((await h.api.post('/api/v1/auth/digest-unsubscribe', { token })).status).toBe(204);
    expect((await coordinator.get<Json>('/api/v1/me/digest')).body).toEqual({
      enabled: false,
      eligible: true,
    });
    clock.offsetMs += HOUR;
    await eventually(
      () => {
        expect(arrivedTo(curatorEmail)).toHaveLength(2);
        expect(arrivedTo(sentinelEmail)).toHaveLength(2);
      },
      { timeoutMs: 20_000 },
    );
    // A sweep of the period after has sent, so that period's sweep had ended: nothing more to the others.
    clock.offsetMs += HOUR;
    await eventually(() => expect(arrivedTo(sentinelEmail)).toHaveLength(3), { timeoutMs: 20_000 });
    expect(arrivedTo(coordinatorEmail)).toHaveLength(1);
    expect(arrivedTo(disabled.email)).toEqual([]);
  }, 90_000);
});

import { DateTime } from 'luxon';
import type { ActivityView, SessionPage } from '@hearth/contracts';
import {
  expectForbidden,
  expectNotFound,
  navigationOf,
  PageClient,
  type PageResponse,
  textOf,
} from '@hearth/testing';
import {
  acceptThroughWeb,
  apiCall,
  errorSummaryLinks,
  passphraseOf,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const MINUTE = 60_000;
const londonWallClock = (at: DateTime) => at.setZone('Europe/London').toFormat("yyyy-MM-dd'T'HH:mm");

/** The activity form's fields for a weekly group first meeting at `start`, with `over` changed. */
const weeklyForm = (start: DateTime, over: Record<string, string> = {}) => {
  const local = start.setZone('Europe/London');
  return {
    title: 'Tuesday walk',
    category: 'walking',
    description: '',
    'startDate-day': String(local.day),
    'startDate-month': String(local.month),
    'startDate-year': String(local.year),
    startTime: local.toFormat('HH:mm'),
    duration: '60',
    repeat: 'weekly',
    weeklyInterval: '1',
    weeklyDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][local.weekday - 1],
    monthlyPosition: '',
    monthlyDay: '',
    end: 'never',
    endCount: '',
    'endDate-day': '',
    'endDate-month': '',
    'endDate-year': '',
    locationName: 'Leazes Park gates',
    address: '',
    postcode: '',
    onlineUrl: '',
    visibility: 'public',
    capacity: '',
    ...over,
  };
};

/**
 * Everyday admin in the web app (ADR 0032): changing, pausing and ending an activity, booking someone onto a
 * session, the door's expected list and newcomers, the programme for volunteers and members, "Exit this page"
 * only where it is needed. Against a real Hearth (standalone on embedded PostgreSQL), over HTTP only.
 */
describe('everyday admin pages against a real Hearth', () => {
  let h: WebHarness;
  let lero: LeroFixture;
  let base: string;
  let sam: PageClient; // tenant-admin
  let cole: PageClient; // coordinator
  let val: PageClient; // volunteer
  let mo: PageClient; // member, linked to Mo's record
  let admin: PageClient; // platform admin
  let hope: LeroFixture & { sam: PageClient }; // another LERO, with its own admin
  let anonymous: PageClient;
  let token = { value: '', at: 0 };

  /** The API as Sam, for what the pages under test do not set up themselves. */
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (Date.now() - token.at > 30_000)
      token = { value: await h.given.login('sam@phoenix.example.org', passphraseOf('Sam')), at: Date.now() };
    return apiCall<T>(h, method, `/api/v1/tenants/${lero.leroId}${path}`, token.value, body);
  }

  /** A weekly group (through the API) whose first session starts `inMinutes` from now, and its sessions. */
  async function weekly(inMinutes: number, title = 'Walk', capacity?: number) {
    const activity = await api<ActivityView>('POST', '/activities', {
      title,
      category: 'walking',
      visibility: 'members',
      ...(capacity ? { capacity } : {}),
      schedule: {
        startsAt: londonWallClock(DateTime.now().plus({ minutes: inMinutes })),
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY',
      },
    });
    const from = new Date(Date.now() + (inMinutes - 1) * MINUTE).toISOString();
    const { items } = await api<SessionPage>('GET', `/sessions?activityId=${activity.id}&from=${from}`);
    return { activity, sessions: items };
  }

  const member = (displayName: string) => api<{ id: string }>('POST', '/members', { displayName });

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    const fixture = await setUpLero(h);
    lero = fixture;
    sam = fixture.sam;
    base = `/leros/${lero.leroId}`;
    const join = (email: string, role: string, name: string, memberId?: string) =>
      lero.invite(email, role, memberId).then((t) => acceptThroughWeb(h, t, email, name));
    cole = await join('cole@phoenix.example.org', 'coordinator', 'Cole');
    val = await join('val@phoenix.example.org', 'volunteer', 'Val');
    mo = await join('mo@phoenix.example.org', 'member', 'Mo', (await member('Mo')).id);
    admin = new PageClient(h.webUrl);
    await signInThroughWeb(h, admin, h.admin.email, h.admin.password);
    hope = await setUpLero(h, 'hope');
    anonymous = new PageClient(h.webUrl);
    await anonymous.get('/sign-in'); // a session and a form token, as a browser that was shown a form has
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('every new page, for every role', () => {
    type Who = 'sam' | 'cole' | 'val' | 'mo' | 'admin' | 'hope' | 'anonymous';
    const client = (who: Who): PageClient => ({ sam, cole, val, mo, admin, hope: hope.sam, anonymous })[who];
    const WHO: Who[] = ['sam', 'cole', 'val', 'mo', 'admin', 'hope', 'anonymous'];
    const staffOnly = (ok: number) => ({
      sam: ok,
      cole: ok,
      val: 403,
      mo: 403,
      admin: 403,
      hope: 404,
      anonymous: 303,
    });

    const cases: {
      route: string;
      request: () => Promise<{ path: string; form?: Record<string, string> }>;
      expect: Record<Who, number>;
    }[] = [
      {
        route: 'GET /activities',
        request: async () => ({ path: `${base}/activities` }),
        expect: { ...staffOnly(200), val: 200, mo: 200 },
      },
      {
        route: 'GET /activities/{id}',
        request: async () => ({ path: `${base}/activities/${(await weekly(600)).activity.id}` }),
        expect: { ...staffOnly(200), val: 200, mo: 200 },
      },
      {
        route: 'GET /activities/{id}/edit',
        request: async () => ({ path: `${base}/activities/${(await weekly(600)).activity.id}/edit` }),
        expect: staffOnly(200),
      },
      {
        route: 'POST /activities/{id}/edit',
        request: async () => ({
          path: `${base}/activities/${(await weekly(600)).activity.id}/edit`,
          form: weeklyForm(DateTime.now().plus({ days: 3 }), { title: 'Renamed' }),
        }),
        expect: staffOnly(303),
      },
      ...(['pause', 'end'] as const).map((change) => ({
        route: `GET /activities/{id}/${change}`,
        request: async () => ({ path: `${base}/activities/${(await weekly(600)).activity.id}/${change}` }),
        expect: staffOnly(200),
      })),
      ...(['pause', 'resume', 'end'] as const).map((change) => ({
        route: `POST /activities/{id}/${change}`,
        request: async () => ({
          path: `${base}/activities/${(await weekly(600)).activity.id}/${change}`,
          form: {},
        }),
        expect: staffOnly(303),
      })),
      {
        route: 'GET /sessions/{id}/bookings',
        request: async () => ({
          path: `${base}/sessions/${(await weekly(600)).sessions[0].id}/bookings?q=Mo`,
        }),
        expect: staffOnly(200),
      },
      {
        route: 'POST /sessions/{id}/bookings',
        request: async () => ({
          path: `${base}/sessions/${(await weekly(600)).sessions[0].id}/bookings`,
          form: { memberId: (await member('Booked')).id, name: 'Booked' },
        }),
        expect: staffOnly(303),
      },
      {
        route: 'POST /sessions/{id}/bookings/cancel',
        request: async () => {
          const [session] = (await weekly(600)).sessions;
          const { id } = await member('Unbooked');
          await api('POST', `/sessions/${session.id}/rsvps`, { memberId: id });
          return {
            path: `${base}/sessions/${session.id}/bookings/cancel`,
            form: { memberId: id, name: 'U' },
          };
        },
        expect: staffOnly(303),
      },
      {
        route: 'POST /sessions/{id}/door/newcomer',
        request: async () => ({
          path: `${base}/sessions/${(await weekly(5)).sessions[0].id}/door/newcomer`,
          form: { displayName: 'New person' },
        }),
        expect: staffOnly(303),
      },
    ];

    it.each(cases.map((c) => [c.route, c] as const))(
      '%s',
      async (_route, c) => {
        const got = {} as Record<Who, number>;
        for (const who of WHO) {
          const { path, form } = await c.request();
          const page = form ? await client(who).post(path, form) : await client(who).get(path);
          got[who] = page.status;
          if (page.status === 403) expectForbidden(page);
          if (page.status === 404) expectNotFound(page);
          if (who === 'anonymous') expect(page.location).toMatch(/^\/sign-in/);
        }
        expect(got).toEqual(c.expect);
      },
      60_000,
    );
  });

  it('lets volunteers and members read the programme, with nothing to change it', async () => {
    const { activity } = await weekly(24 * 60, 'Art club');
    for (const client of [val, mo]) {
      expect(navigationOf((await client.get(base)).html)).toContain('Activities');
      const list = await client.get(`${base}/activities`);
      expect(list.status).toBe(200);
      expect(textOf(list.html)).toContain('Art club');
      expect(textOf(list.html)).not.toContain('Create an activity');
      const page = await client.get(`${base}/activities/${activity.id}`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toMatch(/When\s+Every /);
      expect(text).toContain('Coming sessions');
      for (const button of ['Change this activity', 'Pause this activity', 'End this activity'])
        expect(text).not.toContain(button);
    }
  });

  it('changes an activity: the form as it is, errors in the summary, and a 14:20 start shown as 14:20', async () => {
    const start = DateTime.now().setZone('Europe/London').plus({ days: 2 }).set({ hour: 10, minute: 0 });
    const created = await sam.post(`${base}/activities`, weeklyForm(start));
    const activityId = created.location!.split('/').at(-1)!;
    const edit = await sam.get(`${base}/activities/${activityId}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toMatch(/<input[^>]*id="startTime"[^>]*type="text"[^>]*value="10:00"/);
    expect(edit.html).toContain('value="Tuesday walk"');
    expect(textOf(edit.html)).toContain('Changes apply to its sessions still to come');

    const bad = await sam.post(
      `${base}/activities/${activityId}/edit`,
      weeklyForm(start, { startTime: '2:20 PM' }),
    );
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#startTime']);
    expect(bad.html).toContain('value="2:20 PM"');

    const same = await sam.follow(await sam.post(`${base}/activities/${activityId}/edit`, weeklyForm(start)));
    expect(textOf(same.html)).toContain('Nothing was changed');

    const changed = await sam.post(
      `${base}/activities/${activityId}/edit`,
      weeklyForm(start, { startTime: '14:20', capacity: '8', locationName: 'St Mary’s church hall' }),
    );
    expect(changed.location).toBe(`${base}/activities/${activityId}`);
    const page = textOf((await sam.follow(changed)).html);
    expect(page).toContain('Tuesday walk is changed');
    expect(page).toMatch(/Times\s+14:20 to 15:20/);
    expect(page).toMatch(/Where\s+St Mary’s church hall/);
    expect(page).toMatch(/Places\s+8/);
    const { items } = await api<SessionPage>('GET', `/sessions?activityId=${activityId}`);
    expect(
      items.slice(0, 3).map((s) => DateTime.fromISO(s.startsAt).setZone('Europe/London').toFormat('HH:mm')),
    ).toEqual(['14:20', '14:20', '14:20']);
    expect(items.every((s) => s.capacity === 8)).toBe(true);
    expect((await sam.get(`${base}/activities/${activityId}/edit`)).html).toMatch(
      /id="startTime"[^>]*value="14:20"/,
    );
  });

  it('pauses after a confirmation and resumes; ends for good; a paused one keeps its times', async () => {
    const { activity, sessions } = await weekly(2 * 24 * 60, 'Café', 10);
    const { id: joId } = await member('Jo');
    await api('POST', `/sessions/${sessions[0].id}/rsvps`, { memberId: joId });
    const href = `${base}/activities/${activity.id}`;

    const confirm = textOf((await cole.get(`${href}/pause`)).html);
    expect(confirm).toContain('Pause Café?');
    expect(confirm).toContain('1 person said they were coming to those sessions');
    const paused = await cole.follow(await cole.post(`${href}/pause`, {}));
    expect(textOf(paused.html)).toMatch(
      /Café is paused.*Paused since .*no sessions to come until it is resumed/,
    );
    expect(textOf(paused.html)).toContain('Resume this activity');
    const list = textOf((await val.get(`${base}/activities`)).html);
    expect(list).toMatch(/Café Paused/);
    // Its first session (RSVPed) is cancelled; the others are gone.
    const left = await api<SessionPage>('GET', `/sessions?activityId=${activity.id}`);
    expect(left.items.map((s) => [s.id, s.status])).toEqual([[sessions[0].id, 'cancelled']]);

    const when = weeklyForm(DateTime.now().plus({ days: 2 }), { title: 'Café', startTime: '09:00' });
    const refused = await cole.post(`${href}/edit`, when);
    expect(refused.status).toBe(409);
    expect(errorSummaryLinks(refused.html)).toEqual(['#startDate-day']);
    expect(textOf(refused.html)).toContain('resume it before changing when it happens');

    const resumed = await cole.follow(await cole.post(`${href}/resume`, {}));
    expect(textOf(resumed.html)).toContain('Café is back on');
    expect(
      (await api<SessionPage>('GET', `/sessions?activityId=${activity.id}`)).items.length,
    ).toBeGreaterThan(5);

    expect(textOf((await sam.get(`${href}/end`)).html)).toContain('This cannot be undone');
    const ended = textOf((await sam.follow(await sam.post(`${href}/end`, {}))).html);
    expect(ended).toMatch(/Café has ended.*Ended on /);
    for (const button of ['Change this activity', 'Pause this activity', 'Resume this activity'])
      expect(ended).not.toContain(button);
    const again = await sam.post(`${href}/resume`, {});
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain('This activity has ended');
    expect((await sam.get(`${href}/end`)).location).toBe(href);
  });

  it('books someone onto a session from its page, and takes a booking off', async () => {
    const { sessions } = await weekly(3 * 24 * 60, 'Book club', 1);
    const [session] = sessions;
    await member('Priya');
    await member('Pat');
    const sessionPath = `${base}/sessions/${session.id}`;
    const page = await sam.get(sessionPath);
    expect(page.html).toContain(`action="${sessionPath}/bookings"`);
    expect(textOf(page.html)).toContain('Book someone');
    expect(textOf((await val.get(sessionPath)).html)).not.toContain('Book someone');

    const found = await sam.get(`${sessionPath}/bookings?q=pri`);
    expect(textOf(found.html)).toMatch(/Priya\s+Book Priya/);
    const priyaId = found.html.match(/name="memberId" value="([0-9a-f-]{36})"/)![1];
    const booked = await sam.post(`${sessionPath}/bookings`, { memberId: priyaId, name: 'Priya', q: 'pri' });
    expect(booked.location).toBe(sessionPath);
    const after = textOf((await sam.follow(booked)).html);
    expect(after).toContain('Priya is booked');
    expect(after).toMatch(/Going \(1\)\s+Priya\s+Take off Priya’s booking/);
    expect(textOf((await sam.get(`${sessionPath}/bookings?q=pri`)).html)).toMatch(/Priya\s+Going/);

    // One place: the next goes on the waitlist.
    const patId = (await sam.get(`${sessionPath}/bookings?q=pat`)).html.match(
      /name="memberId" value="([0-9a-f-]{36})"/,
    )![1];
    expect(
      textOf(
        (await sam.follow(await sam.post(`${sessionPath}/bookings`, { memberId: patId, name: 'Pat' }))).html,
      ),
    ).toContain('Pat is on the waitlist');
    const notMember = await sam.post(`${sessionPath}/bookings`, { memberId: hope.leroId, name: 'X', q: 'x' });
    expect(notMember.status).toBe(400);
    expect(errorSummaryLinks(notMember.html)).toEqual(['#q']);

    const off = await sam.follow(
      await sam.post(`${sessionPath}/bookings/cancel`, { memberId: priyaId, name: 'Priya' }),
    );
    expect(textOf(off.html)).toContain('Priya is no longer booked');
    expect(textOf(off.html)).toMatch(/Going \(1\)\s+Pat/);
  });

  it('lists who is expected at the door before anyone types, and adds a newcomer and checks them in, once', async () => {
    const { sessions } = await weekly(5, 'Recovery café');
    const door = `${base}/sessions/${sessions[0].id}/door`;
    const { id: ravId } = await member('Rav');
    await api('POST', `/sessions/${sessions[0].id}/rsvps`, { memberId: ravId });

    const first = await sam.get(door);
    expect(textOf(first.html)).toMatch(/Expected \(1\)\s+Rav\s+Check in Rav/);
    expect(first.html.indexOf('Expected (1)')).toBeLessThan(first.html.indexOf('Find a member'));
    expect(textOf(first.html)).toContain('Add and check in');

    const empty = await sam.post(`${door}/newcomer`, { displayName: '' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#displayName']);

    const key = first.html.match(/name="newcomerKey" value="([0-9a-f-]{36})"/)![1];
    const added = await sam.post(`${door}/newcomer`, { displayName: 'Sunny', newcomerKey: key });
    expect(added.location).toBe(door);
    const page = textOf((await sam.follow(added)).html);
    expect(page).toContain('Sunny is added and checked in');
    expect(page).toMatch(/Checked in \(1\)\s+Sunny\s+✓ In/);
    // The same form again (a reload, a double tap) adds nobody.
    const twice = await sam.follow(
      await sam.post(`${door}/newcomer`, { displayName: 'Sunny', newcomerKey: key }),
    );
    expect(textOf(twice.html)).toContain('Sunny was already added');
    const named = await api<{ items: { displayName: string }[] }>('GET', '/members?search=Sunny');
    expect(named.items.map((m) => m.displayName)).toEqual(['Sunny']);

    // A volunteer counts a newcomer as a walk-in.
    const volunteerDoor = textOf((await val.get(door)).html);
    expect(volunteerDoor).not.toContain('Add and check in');
    expect(volunteerDoor).toContain('Count them with “+1 walk-in”');

    // Not open yet: nobody is added.
    const later = (await weekly(3 * 24 * 60, 'Later')).sessions[0];
    const closed = await sam.post(`${base}/sessions/${later.id}/door/newcomer`, { displayName: 'Early' });
    expect(closed.status).toBe(400);
    expect(errorSummaryLinks(closed.html)).toEqual(['#register']);
    expect((await api<{ items: unknown[] }>('GET', '/members?search=Early')).items).toEqual([]);
  });

  it('answers bad input with the form’s errors or the 404 page, never a 500', async () => {
    const { activity, sessions } = await weekly(5, 'Probe');
    const door = `${base}/sessions/${sessions[0].id}/door`;
    const long = await sam.post(`${door}/newcomer`, { displayName: 'x'.repeat(81) });
    expect([long.status, errorSummaryLinks(long.html)]).toEqual([400, ['#displayName']]);
    const key = await sam.post(`${door}/newcomer`, { displayName: 'Kim', newcomerKey: 'not-a-key' });
    expect([key.status, errorSummaryLinks(key.html)]).toEqual([400, ['#displayName']]);
    const search = await sam.get(`${base}/sessions/${sessions[0].id}/bookings?q=${'y'.repeat(101)}`);
    expect([search.status, errorSummaryLinks(search.html)]).toEqual([400, ['#q']]);
    const bogus = await sam.post(`${base}/sessions/${sessions[0].id}/bookings`, {
      memberId: 'nope',
      name: 'X',
    });
    expect(bogus.status).toBe(400);
    for (const path of [
      `${base}/activities/${activity.id}/restart`,
      `${base}/activities/${activity.id}/resume`,
      `${base}/activities/not-a-uuid/edit`,
      `${base}/sessions/not-a-uuid/bookings`,
    ])
      expectNotFound(await sam.get(path));
    expectNotFound(await sam.post(`${base}/activities/${activity.id}/restart`, {}));
    const edit = await sam.post(`${base}/activities/${activity.id}/edit`, { title: 'x'.repeat(161) });
    expect(edit.status).toBe(400);
    expect(errorSummaryLinks(edit.html)).toContain('#title');
  });

  it('answers another LERO’s activities and sessions exactly like missing ones', async () => {
    const hopeToken = await h.given.login('sam@hope.example.org', passphraseOf('Sam'));
    const theirs = await apiCall<ActivityView>(
      h,
      'POST',
      `/api/v1/tenants/${hope.leroId}/activities`,
      hopeToken,
      {
        title: 'Theirs',
        category: 'music',
        visibility: 'members',
        schedule: { startsAt: londonWallClock(DateTime.now().plus({ days: 3 })), durationMinutes: 60 },
      },
    );
    const { items } = await apiCall<SessionPage>(
      h,
      'GET',
      `/api/v1/tenants/${hope.leroId}/sessions?activityId=${theirs.id}`,
      hopeToken,
    );
    const missing = '01900000-0000-7000-8000-000000000000';
    const pairs: [string, string, Record<string, string>?][] = [
      ['GET', `activities/${theirs.id}`],
      ['GET', `activities/${theirs.id}/edit`],
      ['POST', `activities/${theirs.id}/edit`, weeklyForm(DateTime.now().plus({ days: 3 }))],
      ['GET', `activities/${theirs.id}/pause`],
      ['POST', `activities/${theirs.id}/end`, {}],
      ['GET', `sessions/${items[0].id}/bookings?q=a`],
      ['POST', `sessions/${items[0].id}/bookings/cancel`, { memberId: missing }],
    ];
    const ask = (method: string, path: string, form?: Record<string, string>): Promise<PageResponse> =>
      method === 'GET' ? sam.get(`${base}/${path}`) : sam.post(`${base}/${path}`, form ?? {});
    for (const [method, path, form] of pairs) {
      const theirsPage = await ask(method, path, form);
      const missingPage = await ask(
        method,
        path.replace(theirs.id, missing).replace(items[0].id, missing),
        form,
      );
      expect([method, path, theirsPage.status]).toEqual([method, path, 404]);
      expect(textOf(theirsPage.html)).toEqual(textOf(missingPage.html));
    }
    const still = await apiCall<ActivityView>(
      h,
      'GET',
      `/api/v1/tenants/${hope.leroId}/activities/${theirs.id}`,
      hopeToken,
    );
    expect(still.status).toBe('active');
  });

  it('shows “Exit this page” to members and the public only, and a session going on now as happening now', async () => {
    const exit = (page: PageResponse) => page.html.includes('govuk-exit-this-page');
    expect(exit(await new PageClient(h.webUrl).get('/sign-in'))).toBe(true);
    expect(exit(await new PageClient(h.webUrl).get(`/leros/${lero.slug}`))).toBe(true);
    expect(exit(await mo.get(`${base}/sessions`))).toBe(true);
    for (const staff of [sam, cole, val, admin])
      expect(exit(await staff.get(`${base}/sessions`))).toBe(false);

    await weekly(-10, 'Morning stretch');
    // A whole day's session that began 23 hours ago: before midnight (unless it is now after 23:00) and going on.
    await api('POST', '/activities', {
      title: 'Night shelter vigil',
      category: 'other',
      visibility: 'members',
      schedule: {
        startsAt: londonWallClock(DateTime.now().minus({ hours: 23 })),
        durationMinutes: 24 * 60,
      },
    });
    const sessions = textOf((await mo.get(`${base}/sessions`)).html);
    expect(sessions).toMatch(/Morning stretch[^]{0,80}Happening now/);
    expect(sessions).toMatch(/Night shelter vigil[^]{0,80}Happening now/);
  });
});

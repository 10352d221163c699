import { DateTime } from 'luxon';
import {
  eventually,
  expectForbidden,
  expectNotFound,
  PageClient,
  startOrukFeed,
  tableRows,
  textOf,
  type OrukFeed,
} from '@hearth/testing';
import {
  acceptThroughWeb,
  apiCall,
  errorSummaryLinks,
  firstSessionAt,
  passphraseOf,
  setUpLero,
  signInThroughWeb,
} from './lero-fixture';
import { addLero, joinLero } from './report-fixture';
import { webhookPageCases } from './lero-webhooks-pages.cases';
import { startWebHarness, type WebHarness } from './web.harness';

type Json = Record<string, unknown>;
const ORG = { id: 'o-1', name: 'Leeds City Council' };
const FEED = [
  { id: 'fh-1', name: 'Family Hub drop-in', organization: ORG },
  { id: 'fh-2', name: 'Youth club', organization: ORG },
  { id: 'fh-3', description: 'A service without a name', organization: ORG },
];

/**
 * The directory's switches and imports in the web app (ADR 0045), against a real Hearth: a LERO's admins choose
 * to publish to the regional directory and, per activity, whether it is listed and its address given on request;
 * a region's curators import another directory's feed (served on this machine) and follow it.
 */
describe('the directory’s settings, activity choices and imports in the web app', () => {
  let h: WebHarness;
  const feeds: OrukFeed[] = [];
  const who = {} as Record<string, PageClient>;
  let leroId: string;
  let regionId: string;
  let samToken: string;
  const WHO = ['sam', 'cody', 'mo', 'rhea', 'cora', 'cass', 'admin', 'lee', 'otto', 'anonymous'] as const;
  type Who = (typeof WHO)[number];
  const feed = async () => {
    const made = await startOrukFeed(FEED);
    feeds.push(made);
    return made;
  };
  const settings = () => `/leros/${leroId}/settings`;
  const imports = () => `/regions/${regionId}/directory/imports`;
  const lero = () => apiCall<Json>(h, 'GET', `/api/v1/tenants/${leroId}`, samToken);
  const login = (email: string, name: string) => h.given.login(email, passphraseOf(name));
  const ok = (page: { status: number; html: string }) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };

  /** Someone given a region role by the platform admin, signed in through the web app. */
  const regionPerson = async (region: string, email: string, role: string, name: string) => {
    const { token } = await apiCall<{ token: string }>(
      h,
      'POST',
      `/api/v1/regions/${region}/invitations`,
      await h.given.platformAdmin(),
      { email, role },
    );
    return acceptThroughWeb(h, token, email, name);
  };

  beforeAll(async () => {
    // Ten people sign in from 127.0.0.1: above the default limit of sign-ins a minute.
    h = await startWebHarness({ importAllowLoopback: true, authRateLimit: 100 });
    const phoenix = await setUpLero(h);
    ({ leroId, regionId } = phoenix);
    who.sam = phoenix.sam;
    samToken = await login('sam@phoenix.example.org', 'Sam');
    who.cody = await joinLero(h, samToken, { id: leroId }, 'cody@phoenix.example.org', 'coordinator', 'Cody');
    who.mo = await joinLero(h, samToken, { id: leroId }, 'mo@phoenix.example.org', 'member', 'Mo');
    who.rhea = await regionPerson(regionId, 'rhea@region.example.org', 'region-admin', 'Rhea');
    who.cora = await regionPerson(regionId, 'cora@region.example.org', 'directory-curator', 'Cora');
    who.cass = await regionPerson(regionId, 'cass@region.example.org', 'commissioner', 'Cass');
    who.lee = (await addLero(h, phoenix.adminToken, regionId, 'Lantern Arts Collective', 'Lee', false)).admin;
    const west = await apiCall<{ id: string }>(h, 'POST', '/api/v1/regions', phoenix.adminToken, {
      name: 'North West',
      slug: 'north-west',
    });
    who.otto = await regionPerson(west.id, 'otto@west.example.org', 'region-admin', 'Otto');
    who.admin = new PageClient(h.webUrl);
    await signInThroughWeb(h, who.admin, h.admin.email, h.admin.password);
    who.anonymous = new PageClient(h.webUrl);
    await who.anonymous.get('/sign-in');
  }, 240_000);

  afterAll(async () => {
    for (const f of feeds) await f.close();
    await h?.close();
  });

  const statuses = async (request: () => Promise<{ path: string; form?: Record<string, string> }>) => {
    const got = {} as Record<Who, number>;
    for (const person of WHO) {
      const { path, form } = await request();
      const page = form ? await who[person].post(path, form) : await who[person].get(path);
      got[person] = page.status;
      if (page.status === 403) expectForbidden(page);
      if (page.status === 404) expectNotFound(page);
      if (person === 'anonymous') expect(page.location).toMatch(/^\/sign-in/);
    }
    return got;
  };
  const adminsOnly = (ok: number) => ({
    sam: ok,
    cody: 403,
    mo: 403,
    rhea: 403,
    cora: 404,
    cass: 404,
    admin: 403,
    lee: 404,
    otto: 404,
    anonymous: 303,
  });
  const curatorsOnly = (ok: number) => ({
    sam: 404,
    cody: 404,
    mo: 404,
    rhea: ok,
    cora: ok,
    cass: 403,
    admin: 403,
    lee: 404,
    otto: 404,
    anonymous: 303,
  });

  webhookPageCases(() => ({
    h,
    leroId,
    regionId,
    samToken,
    sam: who.sam,
    cody: who.cody,
    rhea: who.rhea,
    statuses,
    adminsOnly,
  }));

  it('shows the LERO’s settings page, and changes it, only to the LERO’s admins', async () => {
    expect(await statuses(async () => ({ path: settings() }))).toEqual(adminsOnly(200));
    const form = { publishToDirectory: 'yes' };
    expect(await statuses(async () => ({ path: settings(), form }))).toEqual(adminsOnly(303));
    expect(ok(await who.rhea.get(`/leros/${leroId}`)).html).not.toContain(settings());
  });

  it('says what publishing shows and where, and switches it on and off', async () => {
    await apiCall(h, 'PATCH', `/api/v1/tenants/${leroId}`, samToken, { publishToDirectory: false });
    const home = ok(await who.sam.get(`/leros/${leroId}`));
    expect(home.html).toContain(`href="${settings()}"`);
    const page = ok(await who.sam.get(settings()));
    const text = textOf(page.html);
    expect(text).toContain('Publish our group and public activities to the regional directory');
    expect(text).toContain('It never shows people: not your members, not who comes to what, not your team.');
    expect(page.html).toContain('href="/regions/north-east-phoenix/directory"');
    expect(page.html).toContain('href="/api/v1/public/regions/north-east-phoenix/oruk/services"');
    expect(page.html).not.toMatch(/name="publishToDirectory" type="checkbox" value="yes" checked/);

    const on = await who.sam.post(settings(), { publishToDirectory: 'yes' });
    expect([on.status, on.location]).toEqual([303, settings()]);
    expect(textOf((await who.sam.follow(on)).html)).toContain('Published to the regional directory');
    expect((await lero()).publishToDirectory).toBe(true);
    expect(textOf(ok(await who.sam.get(`/leros/${leroId}`)).html)).toContain(
      'In the regional directory Yes: it and its public activities',
    );
    const off = await who.sam.post(settings(), {});
    expect(textOf((await who.sam.follow(off)).html)).toContain('Not in the regional directory');
    expect((await lero()).publishToDirectory).toBe(false);
  });

  it('switches OpenActive on and off, for the LERO’s admins only, saying what it publishes', async () => {
    const path = `${settings()}/openactive`;
    expect(await statuses(async () => ({ path, form: {} }))).toEqual(adminsOnly(303));
    const page = ok(await who.sam.get(settings()));
    expect(textOf(page.html)).toContain(
      'Publish our public walking, sport and fitness sessions to OpenActive',
    );
    expect(page.html).toContain('href="/api/v1/public/regions/north-east-phoenix/openactive/session-series"');
    expect(page.html).not.toMatch(/name="publishToOpenActive" type="checkbox" value="yes" checked/);
    const on = await who.sam.post(path, { publishToOpenActive: 'yes' });
    expect([on.status, on.location]).toEqual([303, settings()]);
    const after = await who.sam.follow(on);
    expect(textOf(after.html)).toContain('Published to OpenActive');
    expect(after.html).toMatch(/name="publishToOpenActive" type="checkbox" value="yes" checked/);
    expect((await lero()).publishToOpenActive).toBe(true);
    expect(textOf(ok(await who.sam.get(`/leros/${leroId}`)).html)).toContain(
      'On OpenActive Yes: its public walking, sport and fitness sessions',
    );
    const bad = await who.sam.post(path, { publishToOpenActive: 'maybe' });
    expect([bad.status, errorSummaryLinks(bad.html)]).toEqual([400, ['#publishToOpenActive']]);
    expect((await who.sam.post(path, { publishToOpenActive: 'yes' }, null)).status).toBe(403);
    const off = await who.sam.post(path, {});
    expect(textOf((await who.sam.follow(off)).html)).toContain('Not on OpenActive');
    expect((await lero()).publishToOpenActive).toBe(false);
  });

  it('shows what is wrong with the settings form, and refuses it without its form token', async () => {
    const bad = await who.sam.post(settings(), { publishToDirectory: 'maybe' });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#publishToDirectory']);
    const forged = await who.sam.post(settings(), { publishToDirectory: 'yes' }, null);
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('This form has expired');
    expect((await lero()).publishToDirectory).toBe(false);
  });

  it('asks on an activity whether it is listed only while the LERO publishes; its address on request always', async () => {
    const before = ok(await who.sam.get(`/leros/${leroId}/activities/new`));
    expect(textOf(before.html)).toContain('Location on request');
    expect(before.html).not.toContain('name="directoryAsked"');
    await who.sam.post(settings(), { publishToDirectory: 'yes' });
    const form = ok(await who.sam.get(`/leros/${leroId}/activities/new`));
    expect(form.html).toContain('name="directoryAsked" value="yes"');
    expect(textOf(form.html)).toContain('List in the regional directory');
    expect(form.html).toMatch(
      /id="publishToDirectory" name="publishToDirectory" type="checkbox" value="yes" checked/,
    );

    const when = firstSessionAt(DateTime.now().plus({ days: 2 }).set({ hour: 10, minute: 0 }));
    const activity = {
      title: 'Thursday mutual aid',
      category: 'mutual-aid',
      ...when,
      duration: '60',
      repeat: 'weekly',
      weeklyInterval: '1',
      weeklyDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][DateTime.now().plus({ days: 2 }).weekday - 1],
      end: 'never',
      locationName: 'Chapel Allerton library',
      address: 'Harrogate Road, Leeds',
      postcode: 'LS7 3NY',
      visibility: 'public',
      directoryAsked: 'yes',
      locationOnRequest: 'yes',
    };
    const invalid = await who.sam.post(`/leros/${leroId}/activities`, { ...activity, title: '' });
    expect(invalid.status).toBe(400);
    expect(errorSummaryLinks(invalid.html)).toEqual(['#title']);
    expect(invalid.html).toMatch(/name="locationOnRequest" type="checkbox" value="yes" checked/);
    expect(invalid.html).not.toMatch(/name="publishToDirectory" type="checkbox" value="yes" checked/);

    const made = await who.sam.post(`/leros/${leroId}/activities`, activity);
    expect(made.status).toBe(303);
    const id = made.location!.split('/').pop()!;
    const path = `/api/v1/tenants/${leroId}/activities/${id}`;
    expect(await apiCall<Json>(h, 'GET', path, samToken)).toMatchObject({
      publishToDirectory: false,
      locationOnRequest: true,
    });

    const edit = ok(await who.sam.get(`/leros/${leroId}/activities/${id}/edit`));
    expect(edit.html).toMatch(/name="locationOnRequest" type="checkbox" value="yes" checked/);
    const { locationOnRequest: _dropped, ...changed } = { ...activity, publishToDirectory: 'yes' };
    const saved = await who.sam.post(`/leros/${leroId}/activities/${id}/edit`, changed);
    expect(saved.status).toBe(303);
    expect(await apiCall<Json>(h, 'GET', path, samToken)).toMatchObject({
      publishToDirectory: true,
      locationOnRequest: false,
    });
    // Listed in the region's public feed, through the directory's events.
    await eventually(async () => {
      const page = await apiCall<{ contents: Json[] }>(
        h,
        'GET',
        '/api/v1/public/regions/north-east-phoenix/oruk/services?per_page=50',
      );
      expect(page.contents.map((s) => s.name)).toContain('Thursday mutual aid');
    });
  });

  it('shows the import pages only to the region’s admins and directory curators', async () => {
    expect(await statuses(async () => ({ path: imports() }))).toEqual(curatorsOnly(200));
    const form = async () => ({ url: (await feed()).url, mode: 'suggestions' });
    expect(await statuses(async () => ({ path: imports(), form: await form() }))).toEqual(curatorsOnly(303));
    const [latest] = (
      await apiCall<{ items: { id: string }[] }>(
        h,
        'GET',
        `/api/v1/regions/${regionId}/directory/imports`,
        await login('cora@region.example.org', 'Cora'),
      )
    ).items;
    expect(await statuses(async () => ({ path: `${imports()}/${latest.id}` }))).toEqual(curatorsOnly(200));
  });

  it('shows what is wrong with an import, the feed’s refusal too, and refuses it without its form token', async () => {
    const empty = await who.cora.post(imports(), { url: '', mode: 'drafts' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#url', '#mode']);
    const privateNetwork = await who.cora.post(imports(), { url: 'http://10.0.0.1/oruk', mode: 'listings' });
    expect(privateNetwork.status).toBe(400);
    expect(errorSummaryLinks(privateNetwork.html)).toEqual(['#url']);
    expect(textOf(privateNetwork.html)).toMatch(/Feed address .*private/);
    const council = await feed();
    const forged = await who.cora.post(imports(), { url: council.url, mode: 'suggestions' }, null);
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('This form has expired');
    expect(council.requests).toEqual([]);
  });

  it('starts an import into the suggestions queue and shows how far it got and what it could not take', async () => {
    const council = await feed();
    const start = ok(await who.cora.get(imports()));
    expect(start.html).toMatch(/name="mode" type="radio" value="suggestions" checked/);
    const started = await who.cora.post(imports(), { url: council.url, mode: 'suggestions' });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(new RegExp(`^${imports()}/[0-9a-f-]{36}$`));
    const page = await eventually(async () => {
      const shown = ok(await who.cora.get(started.location!));
      expect(textOf(shown.html)).toContain('Status Finished');
      return shown;
    });
    const text = textOf(page.html);
    expect(text).toContain(`Import of ${council.url}`);
    expect(text).toContain('2 suggestions from this import wait for a curator in the suggestions queue');
    expect(page.html).toContain(`href="/regions/${regionId}/directory/suggestions"`);
    expect(page.html).toContain(`name="url" value="${council.url}"`);
    expect(text).toContain('Import this feed again');
    expect(tableRows(page.html, 'problems')).toEqual([
      ['The feed’s id', 'Problem'],
      ['fh-3', 'The service has no name.'],
    ]);
    const list = ok(await who.cora.get(imports()));
    expect(textOf(list.html)).toContain('3 services: 2 new, 0 changed, 0 unchanged, 1 could not be taken');
    expect(ok(await who.rhea.get(`/regions/${regionId}`)).html).toContain(`href="${imports()}"`);
  });
});

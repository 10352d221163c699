import { DateTime } from 'luxon';
import { PageClient, expectForbidden, expectNotFound, navigationOf, textOf } from '@hearth/testing';
import { joinRegion, type RegionPerson } from './directory-fixture';
import { closedConsultation } from './advocacy-outcomes-fixture';
import {
  apiCall,
  errorSummaryLinks,
  invitedThroughWeb,
  passphraseOf,
  setUpLero,
  type LeroFixture,
} from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const today = DateTime.now().setZone('Europe/London');
const dateBoxes = (name: string, d: DateTime) => ({
  [`${name}-day`]: String(d.day),
  [`${name}-month`]: String(d.month),
  [`${name}-year`]: String(d.year),
});
const anAsk = (more: Record<string, string> = {}) => ({
  what: 'A needle exchange in the town centre',
  bodyName: 'Gateshead Council',
  bodyKind: 'council',
  source: 'meeting',
  ...dateBoxes('raisedOn', today.minus({ days: 10 })),
  public: 'no',
  text: 'Raised at the partnership board',
  ...more,
});
const askIdOf = (location: string | undefined) => /\/asks\/([0-9a-f-]{36})$/.exec(location ?? '')![1];
/** The status radios an ask's page offers. */
const statusChoices = (html: string) =>
  [...html.matchAll(/name="status" type="radio" value="([^"]+)"/g)].map((m) => m[1]);

/**
 * The asks screens, "you said, we did" (ADR 0070), against a real Hearth over HTTP with no JavaScript: Sam (the
 * LERO's admin) raises an ask and keeps its timeline through the forms, with the API's refusals shown next to the
 * fields; Cleo (a coordinator) does the same; Mo (a member) reads the public ones only; Val (a volunteer) is
 * refused; Rhea (the region's admin) keeps the region's own; anyone reads the public pages, where a LERO whose
 * figures are `regional-total-only` has its asks pooled, unnamed and uncounted.
 */
describe('asks in the web app', () => {
  let h: WebHarness;
  let f: LeroFixture & { sam: PageClient };
  let cleo: PageClient;
  let mo: PageClient;
  let val: PageClient;
  let rhea: RegionPerson;
  let base: string;
  let cass: RegionPerson;
  let quietSlug: string;
  let quietToken: string;
  let quietId: string;
  let elsewhere: string;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpLero(h);
    base = `/leros/${f.leroId}/asks`;
    const join = await invitedThroughWeb(h, f, [
      ['Cleo', 'coordinator'],
      ['Mo', 'member'],
      ['Val', 'volunteer'],
    ]);
    [cleo, mo, val, rhea, cass] = await Promise.all([
      join('Cleo'),
      join('Mo'),
      join('Val'),
      joinRegion(h, f.regionId, 'rhea@region.example.org', 'region-admin', 'Rhea'),
      joinRegion(h, f.regionId, 'cass@region.example.org', 'commissioner', 'Cass'),
    ]);
    // Another LERO of the region, whose figures are regional-total-only, with a public ask.
    const other = await h.given.lero(f.regionId);
    quietSlug = other.slug;
    quietToken = other.adminToken;
    quietId = other.id;
    await apiCall(h, 'PATCH', `/api/v1/tenants/${other.id}`, other.adminToken, {
      reportingVisibility: 'regional-total-only',
    });
    // Another LERO's ask: missing on this LERO's pages and on the region's.
    elsewhere = (
      await apiCall<{ id: string }>(
        h,
        'POST',
        `/api/v1/tenants/${other.id}/advocacy/asks`,
        other.adminToken,
        {
          what: 'Recovery housing beds',
          body: { name: 'Riverside Housing', kind: 'housing-association' },
          source: { kind: 'members' },
          raisedOn: today.minus({ days: 3 }).toISODate(),
          public: true,
        },
      )
    ).id;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets an admin raise an ask, showing the form’s and the API’s errors next to the fields', async () => {
    const { sam } = f;
    const empty = await sam.get(base);
    expect(textOf(empty.html)).toContain('No asks yet');
    expect(navigationOf(empty.html)).toContain('You said, we did');
    const form = await sam.get(`${base}/new`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Do not name anyone');
    const blank = await sam.post(base, { public: 'no' });
    expect(blank.status).toBe(400);
    expect(errorSummaryLinks(blank.html)).toEqual([
      '#what',
      '#bodyName',
      '#bodyKind',
      '#source',
      '#raisedOn-day',
    ]);
    // What only the API knows, in its words, on the field.
    const tooLong = await sam.post(base, anAsk({ what: 'x'.repeat(301) }));
    expect(tooLong.status).toBe(400);
    expect(errorSummaryLinks(tooLong.html)).toEqual(['#what']);
    expect(textOf(tooLong.html)).toContain('What was asked must be 300 characters or fewer');
    const future = await sam.post(base, anAsk(dateBoxes('raisedOn', today.plus({ days: 5 }))));
    expect(errorSummaryLinks(future.html)).toEqual(['#raisedOn-day']);
    expect(textOf(future.html)).toContain('Date raised must not be in the future');
    const unknownKind = await sam.post(base, anAsk({ bodyKind: 'parliament' }));
    expect(errorSummaryLinks(unknownKind.html)).toEqual(['#bodyKind']);
    expect(textOf(unknownKind.html)).toContain('Kind of body must be one of council, nhs-trust');
    const impossible = await sam.post(base, anAsk({ 'raisedOn-day': '30', 'raisedOn-month': '2' }));
    expect(textOf(impossible.html)).toContain('The date it was raised must be a real date');

    const raised = await sam.post(base, anAsk());
    const askId = askIdOf(raised.location);
    const page = textOf((await sam.follow(raised)).html);
    expect(page).toContain('The ask is raised');
    expect(page).toMatch(/Timeline Raised \d+ \w+ \d{4} Raised at the partnership board/);
    expect(page).toContain('Gateshead Council (Council)');
    expect(textOf((await sam.get(base)).html)).toMatch(
      /A needle exchange in the town centre Raised Not public/,
    );
    // Another LERO's ask is missing here.
    expectNotFound(await sam.get(`${base}/${elsewhere}`));
    expectNotFound(await sam.post(`${base}/${elsewhere}/updates`, { status: 'done' }));
    expectNotFound(await sam.get(`${base}/not-an-id`));
    expect(askId).toBeDefined();
  });

  it('keeps a timeline: only the statuses that may follow, a reason with declined, final outcomes', async () => {
    const { sam } = f;
    await sam.get(`${base}/new`);
    const askId = askIdOf((await sam.post(base, anAsk({ what: 'Naloxone in every hostel' }))).location);
    const at = `${base}/${askId}`;
    const page = await sam.get(at);
    expect(statusChoices(page.html)).toEqual([
      'acknowledged',
      'in-progress',
      'done',
      'partly-done',
      'declined',
    ]);
    const update = (status: string, more: Record<string, string> = {}) =>
      sam.post(`${at}/updates`, { status, ...dateBoxes('date', today), text: 'They wrote back', ...more });
    const noReason = await update('declined');
    expect(noReason.status).toBe(400);
    expect(errorSummaryLinks(noReason.html)).toEqual(['#reason']);
    expect(textOf(noReason.html)).toContain('Enter the body’s reason: it is needed when the ask is declined');
    // A reason with any other status: the API's refusal, on the field.
    const stray = await update('acknowledged', { reason: 'Because' });
    expect(errorSummaryLinks(stray.html)).toEqual(['#reason']);
    expect(textOf(noReason.html)).toContain('They wrote back'); // what was typed is kept
    // A form posted by hand, or a stale one: the API refuses, on the status.
    const back = await update('raised');
    expect(errorSummaryLinks(back.html)).toEqual(['#status']);
    expect(textOf(back.html)).toContain('an ask is raised once');
    const before = await update('acknowledged', dateBoxes('date', today.minus({ days: 20 })));
    expect(errorSummaryLinks(before.html)).toEqual(['#date-day']);
    const missing = await sam.post(`${at}/updates`, {});
    expect(errorSummaryLinks(missing.html)).toEqual(['#status', '#date-day', '#text']);

    expect((await update('in-progress', { text: 'A meeting is set' })).location).toBe(at);
    const moved = await sam.get(at);
    expect(statusChoices(moved.html)).toEqual(['in-progress', 'done', 'partly-done', 'declined']);
    expect(textOf(moved.html)).toContain('In progress (news, no change)');
    await update('partly-done', { text: 'Two hostels of five' });
    expect(statusChoices((await sam.get(at)).html)).toEqual(['done']);
    await update('done', { text: 'All five hostels' });
    const done = textOf((await sam.get(at)).html);
    expect(done).toMatch(
      /Timeline Raised .* In progress .* A meeting is set Partly done .* Two hostels of five Done .* All five hostels/,
    );
    expect(done).toContain('its outcome is final and it takes no more updates');
    const declined = askIdOf((await sam.post(base, anAsk({ what: 'A drop-in on Sundays' }))).location);
    await sam.post(`${base}/${declined}/updates`, {
      status: 'declined',
      ...dateBoxes('date', today),
      text: 'The council said no',
      reason: 'No budget this year',
    });
    expect(textOf((await sam.get(`${base}/${declined}`)).html)).toContain(
      'The body’s reason: No budget this year',
    );
  });

  it('lets staff change an ask, and coordinators do everything admins do', async () => {
    await cleo.get(`${base}/new`);
    const raised = await cleo.post(base, anAsk({ what: 'Peer mentors in A&E' }));
    const at = `${base}/${askIdOf(raised.location)}`;
    const edit = await cleo.get(`${at}/edit`);
    expect(edit.html).toContain('Peer mentors in A&amp;E');
    expect(edit.html).toMatch(/name="bodyKind" type="radio" value="council" checked/);
    const bad = await cleo.post(`${at}/edit`, anAsk({ what: '', public: 'yes' }));
    expect(errorSummaryLinks(bad.html)).toEqual(['#what']);
    const changed = await cleo.post(
      `${at}/edit`,
      anAsk({
        what: 'Peer mentors in every A&E',
        bodyName: 'Newcastle Hospitals',
        bodyKind: 'nhs-trust',
        public: 'yes',
      }),
    );
    expect(changed.location).toBe(at);
    const page = textOf((await cleo.follow(changed)).html);
    expect(page).toContain('The ask is changed');
    expect(page).toContain('Peer mentors in every A&E');
    expect(page).toContain('Newcastle Hospitals (NHS trust)');
    expect(page).toContain('Yes, on the “You said, we did” page');
    await cleo.post(`${at}/updates`, {
      status: 'acknowledged',
      ...dateBoxes('date', today),
      text: 'They will meet us',
    });
    expect(textOf((await cleo.get(at)).html)).toContain('They will meet us');
  });

  it('shows members the public asks only, read-only, and refuses volunteers', async () => {
    const list = await mo.get(base);
    expect(list.status).toBe(200);
    const text = textOf(list.html);
    expect(text).toContain('Peer mentors in every A&E');
    expect(text).not.toContain('A needle exchange'); // not public
    expect(text).not.toContain('Raise an ask');
    expect(navigationOf(list.html)).toContain('You said, we did');
    const id = /\/asks\/([0-9a-f-]{36})"/.exec(list.html)![1];
    const page = await mo.get(`${base}/${id}`);
    expect(textOf(page.html)).toContain('They will meet us');
    expect(page.html).not.toContain('/updates"');
    expect(page.html).not.toContain('/edit"');
    expectForbidden(await mo.get(`${base}/new`));
    expectForbidden(await mo.post(base, anAsk()));
    expectForbidden(await mo.post(`${base}/${id}/updates`, { status: 'done' }));
    expectForbidden(await mo.get(`${base}/${id}/edit`));
    const hidden = /\/asks\/([0-9a-f-]{36})"[^>]*>A needle exchange/.exec((await f.sam.get(base)).html)![1];
    expectNotFound(await mo.get(`${base}/${hidden}`));
    expectForbidden(await val.get(base));
    expect(navigationOf((await val.get(`/leros/${f.leroId}`)).html)).not.toContain('You said, we did');
    expectForbidden(await rhea.client.get(base));
  });

  it('lets the region’s admin keep the region’s own asks, and nobody else', async () => {
    const regionBase = `/regions/${f.regionId}/asks`;
    expect((await rhea.client.get(`/regions/${f.regionId}`)).html).toContain(`href="${regionBase}"`);
    await rhea.client.get(`${regionBase}/new`);
    const raised = await rhea.client.post(
      regionBase,
      anAsk({
        what: 'A recovery café in every town',
        bodyName: 'The integrated care board',
        bodyKind: 'nhs-trust',
        public: 'yes',
      }),
    );
    const at = `${regionBase}/${askIdOf(raised.location)}`;
    expect(raised.location).toBe(at);
    await rhea.client.post(`${at}/updates`, {
      status: 'in-progress',
      ...dateBoxes('date', today),
      text: 'Funded for a year',
    });
    expect(textOf((await rhea.client.get(regionBase)).html)).toMatch(
      /A recovery café in every town In progress/,
    );
    expectNotFound(await f.sam.get(regionBase));
    // The region's commissioner reads the public page, not the region's asks.
    expectForbidden(await cass.client.get(regionBase));
    expectForbidden(await cass.client.get(at));
    expect((await cass.client.get(`/regions/${f.regionId}`)).html).not.toContain(`href="${regionBase}"`);
    expectNotFound(await rhea.client.get(`${regionBase}/${elsewhere}`));
  });

  it('publishes the public asks to anyone, pooling a regional-total-only LERO’s unnamed and uncounted', async () => {
    const anyone = new PageClient(h.webUrl);
    const home = await anyone.get(`/leros/${f.slug}`);
    expect(home.html).toContain(`href="/leros/${f.slug}/you-said-we-did"`);
    const lero = await anyone.get(`/leros/${f.slug}/you-said-we-did`);
    expect(lero.status).toBe(200);
    const text = textOf(lero.html);
    expect(text).toContain('1 public ask: 1 acknowledged.');
    expect(text).toMatch(/Peer mentors in every A&E Acknowledged Asked of Newcastle Hospitals \(NHS trust\)/);
    expect(text).not.toContain('A needle exchange');
    expect(text).not.toContain('Sam');
    // A regional-total-only LERO's own page: its asks, no counts.
    const quietPage = textOf((await anyone.get(`/leros/${quietSlug}/you-said-we-did`)).html);
    expect(quietPage).toContain('Recovery housing beds');
    expect(quietPage).not.toMatch(/public asks?:/);

    const regionSlug = `north-east-${f.slug}`;
    expect((await anyone.get(`/regions/${regionSlug}/directory`)).html).toContain(
      `href="/regions/${regionSlug}/you-said-we-did"`,
    );
    const region = await anyone.get(`/regions/${regionSlug}/you-said-we-did`);
    const regional = textOf(region.html);
    expect(regional).toContain('Across the region: 3 public asks: 1 raised, 1 acknowledged, 1 in progress');
    expect(regional).toMatch(/Asked by the region A recovery café in every town In progress/);
    expect(regional).toMatch(/Phoenix Recovery Community 1 public ask: 1 acknowledged\. Peer mentors/);
    expect(regional).toMatch(/Asked by other LEROs in the region .* Recovery housing beds/);
    expect(region.html).not.toContain(quietSlug);
    expectNotFound(await anyone.get('/leros/no-such-lero/you-said-we-did'));
    expectNotFound(await anyone.get('/regions/NOT_A_SLUG/you-said-we-did'));
  });

  it('shows closed consultations on the public pages: figures at k, published answers, nothing raw (ADR 0075)', async () => {
    const closedWith = closedConsultation(h);
    const sam = await h.given.login(`sam@${f.slug}.example.org`, passphraseOf('Sam'));
    const ours = `/api/v1/tenants/${f.leroId}/advocacy/consultations`;
    const counted = await closedWith(ours, sam, 'Saturday opening', 'public', 5);
    await apiCall(h, 'PUT', `${ours}/${counted}/published-texts/q2`, sam, {
      texts: ['Open earlier on Fridays.'],
    });
    await closedWith(ours, sam, 'Evening groups', 'members', 0, true);
    // A members' consultation its staff did not choose to show stays off the page.
    await closedWith(ours, sam, 'Kept to members', 'members', 0);
    await closedWith(
      `/api/v1/tenants/${quietId}/advocacy/consultations`,
      quietToken,
      'Quiet hours',
      'public',
      5,
    );
    await closedWith(
      `/api/v1/regions/${f.regionId}/advocacy/consultations`,
      await rhea.token(),
      'Regional beds',
      'region',
      0,
      true,
    );

    const anyone = new PageClient(h.webUrl);
    const lero = textOf((await anyone.get(`/leros/${f.slug}/you-said-we-did`)).html);
    expect(lero).toMatch(
      /Consultations: what you told us Evening groups Asked of its members .* Saturday opening Open to anyone/,
    );
    expect(lero).toMatch(
      /5 responses\. Which hours suit you\? Answer People Share Mornings 3 60% Evenings 2 40%/,
    );
    expect(lero).toContain('What people wrote: Anything else? Open earlier on Fridays.');
    expect(lero).toMatch(/Evening groups .* too few people answered/);
    expect(lero).not.toMatch(/raw words|Kept to members/);
    expect(lero).not.toContain('Regional beds');
    const quiet = textOf((await anyone.get(`/leros/${quietSlug}/you-said-we-did`)).html);
    expect(quiet).toMatch(/Quiet hours .* only as part of the region’s/);
    expect(quiet).not.toContain('5 responses');
    const region = textOf((await anyone.get(`/regions/north-east-${f.slug}/you-said-we-did`)).html);
    expect(region).toMatch(
      /The region’s consultations: what you told us Regional beds Asked of the members of the region’s LEROs/,
    );
    expect(region).not.toMatch(/Saturday opening|Quiet hours/);
  });

  it('offers its own and its region’s open or closed consultations as where an ask came from (ADR 0075)', async () => {
    const closedWith = closedConsultation(h);
    const regionBase = `/api/v1/regions/${f.regionId}/advocacy/consultations`;
    const regional = await closedWith(regionBase, await rhea.token(), 'Regional housing', 'region', 0);
    const quietBase = `/api/v1/tenants/${quietId}/advocacy/consultations`;
    const theirs = await closedWith(quietBase, quietToken, 'Not ours', 'members', 0);
    const form = textOf((await f.sam.get(`${base}/new`)).html);
    expect(form).toContain('Which consultation (if it came from one)');
    expect(form).toContain('Regional housing (the region’s, closed)');
    expect(form).not.toContain('Not ours');
    const wrong = await f.sam.post(base, anAsk({ source: 'meeting', consultationId: regional }));
    expect(errorSummaryLinks(wrong.html)).toEqual(['#consultationId']);
    const foreign = await f.sam.post(base, anAsk({ source: 'consultation', consultationId: theirs }));
    expect(errorSummaryLinks(foreign.html)).toEqual(['#consultationId']);
    expect(textOf(foreign.html)).toContain(
      'Which consultation is not a consultation of this LERO or of its region',
    );
    const raised = await f.sam.post(base, anAsk({ source: 'consultation', consultationId: regional }));
    const edit = await f.sam.get(`${base}/${askIdOf(raised.location)}/edit`);
    expect(edit.html).toContain(`value="${regional}" selected`);
    expectForbidden(await mo.get(`${base}/new`));
  });
});

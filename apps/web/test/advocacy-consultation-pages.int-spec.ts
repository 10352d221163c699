import { PageClient, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import {
  acceptThroughWeb,
  apiCall,
  castInvitations,
  errorSummaryLinks,
  memberEmail,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import { PUBLIC_RESPONSE_LIMIT, publicConsultationCases } from './advocacy-public-consultation.cases';
import { startWebHarness, type WebHarness } from './web.harness';

const PEOPLE = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'];

/** The questions' shape the answering form carries (so the post is sent without reading the consultation). */
const shapeOn = (html: string) => /name="shape" value="([^"]+)"/.exec(html)![1];

/** The form's fields for a draft: the first question a single choice, then a scale, a written one, "about you". */
const draft = (today: Date) => ({
  title: 'How should the drop-in change?',
  purpose: 'The Tuesday drop-in is moving.',
  askedBy: 'Phoenix with the county council',
  useOfAnswers: 'We take the results to the council’s meeting in March.',
  'opensOn-day': String(today.getUTCDate()),
  'opensOn-month': String(today.getUTCMonth() + 1),
  'opensOn-year': String(today.getUTCFullYear()),
  'closesOn-day': '1',
  'closesOn-month': '1',
  'closesOn-year': String(today.getUTCFullYear() + 1),
  resultsThreshold: '5',
  questionCount: '3',
  'q0-kind': 'single',
  'q0-text': 'Which day suits you?',
  'q0-options': 'Tuesday\nThursday',
  'q1-kind': 'scale',
  'q1-text': 'How welcome do you feel?',
  'q1-options': '',
  'q2-kind': 'text',
  'q2-text': 'Anything else?',
  'q2-options': '',
  aboutCount: '1',
  'a0-text': 'Your age group',
  'a0-options': 'Under 35\n35 or over',
});

/**
 * The consultation screens (ADR 0071) against a real Hearth, no JavaScript: a coordinator builds a draft with the
 * questions builder (its "add" buttons post the form back one block longer), sees the errors, saves, changes and
 * opens it; five linked members answer on the one-page form (one is refused a second time, kindly); the results
 * appear at five with the written answers for staff, which they publish after review; then it closes. Who may
 * see what: a volunteer without a member record and the platform admin are refused, another LERO's staff find
 * nothing, someone signed out is sent to sign in. Then a consultation's public link (ADR 0074): its cases run in
 * this Hearth, whose web app and gateway see each test client's own address.
 */
describe('the consultation pages against a real Hearth', () => {
  let h: WebHarness;
  let f: LeroFixture & { sam: PageClient };
  let base: string;
  let cleo: PageClient;
  let vic: PageClient;
  let rhea: PageClient;
  let admin: PageClient;
  let hope: PageClient;
  let hopeBase: string;
  let members: PageClient[];
  let id: string;
  let shape: string;

  beforeAll(async () => {
    h = await startWebHarness({
      authRateLimit: 100,
      publicResponseRateLimit: PUBLIC_RESPONSE_LIMIT,
      clientAddresses: true,
    });
    f = await setUpLero(h);
    base = `/leros/${f.leroId}/consultations`;
    const invitations = await castInvitations(h, f, PEOPLE, [
      ['cleo@phoenix.example.org', 'coordinator'],
      ['vic@phoenix.example.org', 'volunteer'],
    ]);
    const rheaInvitation = await apiCall<{ token: string }>(
      h,
      'POST',
      `/api/v1/regions/${f.regionId}/invitations`,
      f.adminToken,
      { email: 'rhea@region.example.org', role: 'region-admin' },
    );
    const other = await setUpLero(h, 'hope');
    hope = other.sam;
    hopeBase = `/leros/${other.leroId}/consultations`;
    admin = new PageClient(h.webUrl);
    [members, [cleo, vic, rhea]] = await Promise.all([
      Promise.all(PEOPLE.map((name, i) => acceptThroughWeb(h, invitations[i], memberEmail(name), name))),
      Promise.all([
        acceptThroughWeb(h, invitations[5], 'cleo@phoenix.example.org', 'Cleo'),
        acceptThroughWeb(h, invitations[6], 'vic@phoenix.example.org', 'Vic'),
        acceptThroughWeb(h, rheaInvitation.token, 'rhea@region.example.org', 'Rhea'),
      ]),
      signInThroughWeb(h, admin, h.admin.email, h.admin.password),
    ]);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('grows the questions builder without JavaScript, keeping what was typed', async () => {
    const form = await cleo.get(`${base}/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="q0-text"');
    expect(form.html).not.toContain('id="q1-text"');
    const more = await cleo.post(base, {
      title: 'Kept',
      questionCount: '1',
      'q0-kind': 'multiple',
      'q0-text': 'Which sessions?',
      'q0-options': 'Art\nWalks',
      aboutCount: '0',
      action: 'add-question',
    });
    expect(more.status).toBe(200);
    expect(more.html).toContain('id="q1-text"');
    expect(more.html).toContain('value="Kept"');
    expect(more.html).toMatch(/<option value="multiple" selected>/);
    expect(more.html).toContain('Art\nWalks</textarea>');
    const about = await cleo.post(base, { questionCount: '2', aboutCount: '0', action: 'add-about' });
    expect(about.html).toContain('id="a0-text"');
    expect(about.html).toContain('id="q1-text"');
  });

  it('names every wrong field in the error summary, then saves the draft and changes it', async () => {
    const bad = await cleo.post(base, {
      ...draft(new Date()),
      title: '',
      'closesOn-year': '2001',
      'q0-options': 'Only one',
      'a0-options': '',
      resultsThreshold: '2',
      action: 'save',
    });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual([
      '#title',
      '#closesOn-day',
      '#resultsThreshold',
      '#q0-options',
      '#a0-options',
    ]);
    expect(textOf(bad.html)).toContain('Enter 2 to 12 options, one a line');

    const saved = await cleo.post(base, { ...draft(new Date()), action: 'save' });
    expect(saved.location).toMatch(new RegExp(`^${base}/[0-9a-f-]{36}$`));
    id = saved.location!.split('/').pop()!;
    const page = textOf((await cleo.follow(saved)).html);
    expect(page).toContain('How should the drop-in change? is saved as a draft');
    expect(page).toMatch(/Which day suits you\?\s+Choose one option: Tuesday, Thursday/);

    const edit = await cleo.get(`${base}/${id}/edit`);
    expect(edit.html).toContain('Tuesday\nThursday</textarea>');
    const changed = await cleo.post(`${base}/${id}/edit`, {
      ...draft(new Date()),
      'q0-options': 'Tuesday\nThursday\nSaturday',
      action: 'save',
    });
    expect(changed.location).toBe(`${base}/${id}`);
    expect(textOf((await cleo.follow(changed)).html)).toContain('Tuesday, Thursday, Saturday');
    // A member does not see a draft.
    expectNotFound(await members[0].get(`${base}/${id}/respond`));
  });

  it('opens it: members see it to answer; others are refused or find nothing', async () => {
    const opened = await f.sam.post(`${base}/${id}/open`, {});
    expect(textOf((await f.sam.follow(opened)).html)).toContain('is open');
    const list = await members[0].get(base);
    expect(list.html).toContain(`href="${base}/${id}/respond"`);
    expect(textOf(list.html)).toContain('Asked by Phoenix with the county council');
    expect(textOf((await cleo.get(base)).html)).toMatch(/Open\s+How should the drop-in change\?\s+Open/);
    expect(textOf((await cleo.get(`${base}/${id}/results`)).html)).toContain('Not enough responses yet');
    for (const path of [`${base}/new`, `${base}/${id}`, `${base}/${id}/results`])
      expectForbidden(await members[0].get(path));
    for (const path of [base, `${base}/${id}/respond`]) {
      expectForbidden(await vic.get(path));
      expectForbidden(await admin.get(path));
      expectNotFound(await hope.get(path));
      expect((await new PageClient(h.webUrl).get(path)).location).toBe(
        `/sign-in?next=${encodeURIComponent(path)}`,
      );
    }
    // Another LERO's id on its own LERO's pages is missing, like any other.
    expectNotFound(await hope.get(`${hopeBase}/${id}`));
    expectNotFound(await hope.get(`${hopeBase}/${id}/results`));
  });

  it('takes five members’ answers on one page, says so kindly when one answers twice', async () => {
    const form = await members[0].get(`${base}/${id}/respond`);
    expect(textOf(form.html)).toContain('Your answers are anonymous.');
    expect(textOf(form.html)).toContain('About you (optional)');
    expect(form.html).toMatch(/name="a1" type="radio" value="not-said" checked/);
    shape = shapeOn(form.html);
    expect(shape).toBe('q1:single:3 q2:scale:5 q3:text:0 a1:about:2');
    const missing = await members[0].post(`${base}/${id}/respond`, { shape, q3: 'kept text' });
    expect(missing.status).toBe(400);
    expect(errorSummaryLinks(missing.html)).toEqual(['#q1', '#q2']);
    expect(missing.html).toContain('kept text</textarea>');
    // A tampered shape reaches the API, which refuses the answers: the page says so, nothing is taken.
    const tampered = await members[0].post(`${base}/${id}/respond`, { shape: 'q1:text:0', q1: 'Tuesday' });
    expect(tampered.status).toBe(400);
    expect(errorSummaryLinks(tampered.html)).toEqual(['#q1']);

    for (const [i, member] of members.entries()) {
      const page = await member.get(`${base}/${id}/respond`);
      const sent = await member.post(`${base}/${id}/respond`, {
        shape: shapeOn(page.html),
        q1: String(i % 2),
        q2: String(5 - (i % 2)),
        q3: i === 0 ? 'More evening sessions, please' : '',
        a1: i === 1 ? '0' : 'not-said',
      });
      expect(sent.location).toBe(`${base}/thanks`);
    }
    expect(textOf((await members[0].get(`${base}/thanks`)).html)).toContain('Thank you for your answers');
    const twice = await members[0].post(`${base}/${id}/respond`, { q1: '0', q2: '3' });
    expect(twice.status).toBe(409);
    expect(textOf(twice.html)).toContain('You have already answered this');
  });

  it('shows the results at five, with the written answers for staff to publish, and closes', async () => {
    const results = textOf((await cleo.get(`${base}/${id}/results`)).html);
    expect(results).toContain('5 responses so far');
    expect(results).toMatch(/Tuesday\s+3\s+60%\s+Thursday\s+2\s+40%\s+Saturday\s+0\s+0%/);
    expect(results).toMatch(/4\s+2\s+40%\s+5 – very much\s+3\s+60%/);
    expect(results).toContain('1 written answer.');
    expect(results).toMatch(/Under 35\s+1\s+20%\s+35 or over\s+0\s+0%\s+Did not say\s+4\s+80%/);
    expect(results).toContain('More evening sessions, please');
    // Split by age group: one group holds one person, so nothing is split.
    expect(textOf((await cleo.get(`${base}/${id}/results?by=a1`)).html)).toContain(
      'have fewer than 5 people in them',
    );

    const published = await cleo.post(`${base}/${id}/results/q3`, { texts: 'More evening sessions' });
    expect(published.location).toBe(`${base}/${id}/results`);
    const after = textOf((await cleo.follow(published)).html);
    expect(after).toContain('1 written answer is published');
    expect(after).toMatch(/Published\s+More evening sessions\s/);

    const closed = await cleo.post(`${base}/${id}/close`, {});
    expect(textOf((await cleo.follow(closed)).html)).toContain('is closed');
    expect(textOf((await members[1].get(base)).html)).toContain('There is nothing to answer at the moment.');
    const late = await members[1].post(`${base}/${id}/respond`, { shape, q1: '0', q2: '3' });
    expect(late.status).toBe(409);
    expect(textOf(late.html)).toContain('This consultation is not taking answers now');
  });

  it('keeps the closed members’ consultation off the public page until its staff show it (ADR 0075)', async () => {
    const onPage = async () =>
      textOf((await new PageClient(h.webUrl).get(`/leros/${f.slug}/you-said-we-did`)).html);
    expect(await onPage()).not.toContain('How should the drop-in change?');
    const page = textOf((await cleo.get(`${base}/${id}`)).html);
    expect(page).toMatch(/On your public ‘You said, we did’ page\s+No/);
    expect(page).toContain('Show it on the public page');
    const shown = await cleo.post(`${base}/${id}/public-page`, { show: 'yes' });
    expect(shown.location).toBe(`${base}/${id}`);
    const after = textOf((await cleo.follow(shown)).html);
    expect(after).toContain('How should the drop-in change? will show on your public page');
    expect(after).toContain('Take it off the public page');
    const publicPage = await onPage();
    expect(publicPage).toContain('How should the drop-in change?');
    expect(publicPage).toContain('5 responses');
    expect(publicPage).toContain('More evening sessions');
    // Its "about you" question never goes public, whatever its counts (staff and members see it under k).
    expect(publicPage).toContain('Which day suits you?');
    expect(publicPage).not.toContain('Your age group');
    // Only its staff change it: a member is refused, another LERO's staff find nothing; a crafted post is a 400.
    expectForbidden(await members[0].post(`${base}/${id}/public-page`, { show: 'no' }));
    expectNotFound(await hope.post(`${hopeBase}/${id}/public-page`, { show: 'no' }));
    expect((await cleo.post(`${base}/${id}/public-page`, { show: 'maybe' })).status).toBe(400);
    expect(await onPage()).toContain('How should the drop-in change?');
    await f.sam.post(`${base}/${id}/public-page`, { show: 'no' });
    expect(await onPage()).not.toContain('How should the drop-in change?');

    // The builder asks it (no choice made: the API decides by who may answer); a draft's form keeps the choice.
    const form = await cleo.get(`${base}/new`);
    expect(textOf(form.html)).toContain('Show on our public ‘You said, we did’ page once closed');
    expect(form.html).not.toMatch(/name="showOnPage" type="radio" value="(yes|no)" checked/);
    const saved = await cleo.post(base, { ...draft(new Date()), title: 'Shown later', showOnPage: 'yes' });
    expect(textOf((await cleo.follow(saved)).html)).toMatch(
      /public ‘You said, we did’ page\s+Yes, once it is closed/,
    );
    const edit = await cleo.get(`${saved.location!}/edit`);
    expect(edit.html).toMatch(/name="showOnPage" type="radio" value="yes" checked/);
  });

  it('lets the region’s admin run a consultation across its LEROs, which members answer in their own LERO', async () => {
    const region = `/regions/${f.regionId}/consultations`;
    expect((await rhea.get(`/regions/${f.regionId}`)).html).toContain(`href="${region}"`);
    expect(textOf((await rhea.get(region)).html)).toContain('Ask the members of every LERO in North East');
    const saved = await rhea.post(region, {
      ...draft(new Date()),
      title: 'Where should the region’s recovery walk go?',
      action: 'save',
    });
    expect(saved.location).toMatch(new RegExp(`^${region}/[0-9a-f-]{36}$`));
    const regional = saved.location!.split('/').pop()!;
    await rhea.get(saved.location!);
    const opened = await rhea.post(`${region}/${regional}/open`, {});
    expect(textOf((await rhea.follow(opened)).html)).toContain('is open');
    const list = textOf((await members[2].get(base)).html);
    expect(list).toMatch(/Where should the region’s recovery walk go\?\s+Asked by .* \(across the region\)/);
    const form = await members[2].get(`${base}/${regional}/respond`);
    const sent = await members[2].post(`${base}/${regional}/respond`, {
      shape: shapeOn(form.html),
      q1: '1',
      q2: '2',
    });
    expect(sent.location).toBe(`${base}/thanks`);
    expect(textOf((await rhea.get(`${region}/${regional}/results`)).html)).toContain(
      'Not enough responses yet',
    );
    // The region's pages are missing for the LERO's staff and members (and another region's people); the
    // region's admin, who can see the LERO, is refused its pages.
    for (const client of [f.sam, cleo, members[2], hope]) {
      expectNotFound(await client.get(region));
      expectNotFound(await client.get(`${region}/${regional}/results`));
    }
    expectForbidden(await rhea.get(base));
    const closed = await rhea.post(`${region}/${regional}/close`, {});
    expect(textOf((await rhea.follow(closed)).html)).toContain('is closed');
    // Asked of the region's LEROs' members: on the region's public page only once its admin shows it.
    const regionPage = async () =>
      textOf((await new PageClient(h.webUrl).get(`/regions/north-east-${f.slug}/you-said-we-did`)).html);
    expect(await regionPage()).not.toContain('Where should the region’s recovery walk go?');
    const shown = await rhea.post(`${region}/${regional}/public-page`, { show: 'yes' });
    expect(shown.location).toBe(`${region}/${regional}`);
    expect(await regionPage()).toContain('Where should the region’s recovery walk go?');
  });

  publicConsultationCases(() => ({ h, f }));
});

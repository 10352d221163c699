import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import type { PageClient } from '@hearth/testing';
import { Journey, launchChromium, screenshotsDir } from './browser';
import { acceptThroughWeb, castInvitations, memberEmail, setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const PEOPLE = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'];
const NARROW = { width: 320, height: 640 };
/** An unbroken word as long as a pasted address, in titles and texts: a page that does not wrap it overflows. */
const LONG = 'GatesheadRecoveryPartnershipBoardHousingSubcommittee';
const today = DateTime.now().setZone('Europe/London');

/**
 * The advocacy screens (issue 19, ADRs 0070–0073) on the narrowest phone, 320×640, in real headless Chromium: Sam,
 * the LERO's admin, raises an ask (its errors first) and updates it (errors, then news), logs a meeting at a seat
 * and reads the seats; the public "You said, we did" pages of the LERO and its region; Sam builds a consultation
 * (the builder grows by posting the form, the same with or without scripts), opens it and reads "not enough
 * responses yet"; Ann answers it on her phone, four more members through the pages, and Sam reads the figures;
 * Ann contributes to a testimony theme, Sam reviews and approves, and "In our words" shows it. Every page passes
 * axe's WCAG 2.2 A/AA rules and is no wider than 320 px (`Journey.check`), saved under `screenshots/web/advocacy`.
 * Data the pages under test do not show is set up through the pages without a browser (a seat, four members'
 * answers and statements). Budget: 60 seconds on two cores. Measured on the shared two-core machine: 32 s at a load
 * average of 10–13, 65–109 s at 15–23 (other suites running beside it), where the set-up (a Hearth of its own,
 * Sam and five linked members) took 16 s and axe 1.3–4 s a page, the screenshots 0.1–0.4 s. The bounds below are
 * for that worse case.
 */
describe('the advocacy screens in a browser (320×640)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let f: LeroFixture & { sam: PageClient };
  let others: PageClient[];
  let sam: Page;
  let ann: Page;
  let lero: string;

  /** Short waits: a step that fails says which, inside the test's bound. */
  const narrowPhone = async () => {
    const page = await journey.open();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize(NARROW);
    return page;
  };
  /** A narrow phone holding `client`'s session: no second sign-in (Sam's would wait up to 30 s for a new code). */
  const phoneOf = async (client: PageClient): Promise<Page> => {
    const page = await narrowPhone();
    await page.context().addCookies(
      client.cookieHeader
        .split('; ')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          return { name: pair.slice(0, at), value: pair.slice(at + 1), url: h.webUrl };
        }),
    );
    return page;
  };
  const check = (page: Page, name: string) => journey.check(page, name, NARROW.width);

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness({ authRateLimit: 100 }), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('advocacy'));
    await journey.prepare();
    f = await setUpLero(h);
    lero = `${h.webUrl}/leros/${f.leroId}`;
    const invitations = await castInvitations(h, f, PEOPLE, []);
    const members = await Promise.all(
      PEOPLE.map((name, i) => acceptThroughWeb(h, invitations[i], memberEmail(name), name)),
    );
    others = members.slice(1);
    // A seat, so the meeting form offers one (its own pages are ADR 0073's spec's).
    const seat = await f.sam.post(`/leros/${f.leroId}/seats`, {
      bodyName: 'Gateshead Recovery Partnership Board',
      bodyKind: 'council',
      role: 'member',
      'since-day': '1',
      'since-month': '1',
      'since-year': String(today.year - 1),
      'until-day': '',
      'until-month': '',
      'until-year': '',
    });
    expect(seat.status).toBe(303);
    await f.sam.follow(seat); // its flash shown there, not on Sam's phone
    // From here on, Sam's and Ann's sessions are their phones' only (two holders could both refresh one token).
    [sam, ann] = await Promise.all([phoneOf(f.sam), phoneOf(members[0])]);
  }, 90_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('asks: raised with errors first, updated; a meeting logged at a seat; the public pages', async () => {
    await sam.goto(`${lero}/asks`);
    await sam.getByRole('button', { name: 'Raise an ask' }).click();
    await sam.getByRole('button', { name: 'Raise the ask' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'ask-raise-errors');
    await sam.getByLabel('What was asked').fill(`Naloxone in every hostel run by the ${LONG}`);
    await sam.getByLabel('Name of the body asked').fill(LONG);
    await sam.getByLabel('Council', { exact: true }).check();
    await sam.getByLabel('The members', { exact: true }).check();
    await sam.getByLabel('Yes, on the “You said, we did” page').check();
    await sam.getByLabel('What you can say publicly (optional)').fill('Raised at the partnership board.');
    await sam.getByRole('button', { name: 'Raise the ask' }).click();
    await sam.getByText('The ask is raised').waitFor();
    await check(sam, 'ask');
    // Declined without the body's reason: the error next to the box.
    await sam.getByLabel('Declined', { exact: true }).check();
    await sam.getByRole('button', { name: 'Add update' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'ask-update-errors');
    await sam.getByLabel('In progress', { exact: true }).check();
    await sam.getByLabel('What happened').fill('The council agreed to meet us in March.');
    await sam.getByRole('button', { name: 'Add update' }).click();
    await sam.getByText('The council agreed to meet us in March.').first().waitFor();
    await check(sam, 'ask-updated');
    await sam.goto(`${lero}/asks`);
    await check(sam, 'asks');

    await sam.goto(`${lero}/meetings/new`);
    await sam.getByLabel('Gateshead Recovery Partnership Board').check();
    await sam.getByRole('checkbox', { name: /Naloxone in every hostel/ }).check();
    await sam.getByLabel('Outcome (optional)').fill('The board will fund a pilot.');
    await check(sam, 'meeting-form');
    await sam.getByRole('button', { name: 'Log the meeting' }).click();
    await sam.getByText('The meeting is logged').waitFor();
    await check(sam, 'meetings');
    await sam.getByRole('link', { name: /seats/i }).first().click();
    await sam.getByRole('heading', { name: 'Seats', level: 1 }).waitFor();
    await check(sam, 'seats');

    const visitor = await narrowPhone();
    await visitor.goto(`${h.webUrl}/leros/${f.slug}/you-said-we-did`);
    await visitor.getByText('The council agreed to meet us in March.').waitFor();
    await check(visitor, 'you-said-we-did-lero');
    await visitor.goto(`${h.webUrl}/regions/north-east-${f.slug}/you-said-we-did`);
    await visitor
      .getByText(/^Naloxone in every hostel/)
      .first()
      .waitFor();
    await check(visitor, 'you-said-we-did-region');
  }, 45_000);

  it('consultations: the builder with its errors, below k, a member answering on a phone, the figures', async () => {
    await sam.goto(`${lero}/consultations`);
    await sam.getByRole('button', { name: 'Start a consultation' }).click();
    await sam.getByLabel('Title').fill(`How should the drop-in at the ${LONG} change?`);
    await sam.getByLabel('What it is about').fill('The Tuesday drop-in is moving.');
    await sam.getByLabel('Who is asking').fill('Phoenix with the county council');
    await sam.getByLabel('What will happen with the answers').fill('We take the results to the council.');
    await sam.fill('#q0-text', 'Which day suits you?');
    await sam.fill('#q0-options', 'Tuesday'); // one option: refused on saving
    // The builder grows by posting the whole form back, one block longer: no script is involved.
    await sam.getByRole('button', { name: 'Add a question' }).click();
    await sam.fill('#q1-text', 'How welcome do you feel?');
    await sam.selectOption('#q1-kind', 'scale');
    await sam.getByRole('button', { name: 'Add an “about you” question' }).click();
    await sam.fill('#a0-text', 'Your age group');
    await sam.fill('#a0-options', 'Under 35\n35 or over');
    await sam.getByRole('button', { name: 'Save draft' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await sam.inputValue('#q1-text')).toBe('How welcome do you feel?');
    await check(sam, 'consultation-builder-errors');
    await sam.fill('#q0-options', 'Tuesday\nThursday');
    await sam.getByRole('button', { name: 'Save draft' }).click();
    await sam.getByText('is saved as a draft').waitFor();
    await sam.getByRole('button', { name: 'Open it to members' }).click();
    await sam
      .getByText(/is open$/)
      .first()
      .waitFor();
    await check(sam, 'consultation-open');
    const page = sam.url();
    await sam.getByRole('link', { name: 'See the results' }).click();
    await sam.getByText('Not enough responses yet.').waitFor();
    await check(sam, 'results-below-k');

    await ann.goto(`${lero}/consultations`);
    await ann.getByRole('link', { name: /^How should the drop-in/ }).click();
    await ann.getByRole('button', { name: 'Send my answers' }).waitFor();
    await check(ann, 'respond');
    await ann.check('input[name="q1"][value="0"]');
    await ann.check('input[name="q2"][value="4"]');
    await ann.getByRole('button', { name: 'Send my answers' }).click();
    await ann.getByText('Thank you for your answers').waitFor();
    const respond = `${new URL(page).pathname}/respond`;
    for (const [i, member] of others.entries()) {
      const form = await member.get(respond);
      const shape = /name="shape" value="([^"]+)"/.exec(form.html)![1];
      const sent = await member.post(respond, { shape, q1: String(i % 2), q2: '3', a1: 'not-said' });
      expect(sent.status).toBe(303);
    }
    await sam.reload();
    await sam.getByText('5 responses so far').waitFor();
    expect(await sam.locator('main').innerText()).toMatch(/Tuesday\s+3\s+60%\s+Thursday\s+2\s+40%/);
    await check(sam, 'results');
  }, 45_000);

  it('testimony: a member contributes on a phone, staff review and approve, "In our words" shows it', async () => {
    await sam.goto(`${lero}/testimony/new`);
    await sam.getByLabel('Title').fill(`Getting into recovery at the ${LONG}`);
    await sam.getByLabel('What members are asked').fill('What helped you into recovery?');
    await sam.getByLabel('How many different people must contribute').fill(String(PEOPLE.length));
    await sam.getByRole('button', { name: 'Save as a draft' }).click();
    await sam.getByRole('button', { name: 'Open it to members' }).click();
    await sam
      .getByText(/is open$/)
      .first()
      .waitFor();
    const theme = new URL(sam.url()).pathname;

    await ann.goto(`${h.webUrl}${theme}`);
    await check(ann, 'testimony-contribute');
    await ann.getByLabel('Your statement').fill(`A phone call every morning for a month. ${LONG}`);
    await ann.getByLabel('I agree that my statement may be published').check();
    await ann.getByRole('button', { name: 'Send my statement' }).click();
    await ann.getByRole('heading', { name: 'Your statements' }).waitFor();
    for (const [i, member] of others.entries()) {
      await member.get(theme);
      const sent = await member.post(`${theme}/pieces`, {
        text: `What helped, in words of ${i}.`,
        consent: 'yes',
      });
      expect(sent.status).toBe(303);
    }
    await sam.goto(`${h.webUrl}${theme}`);
    await check(sam, 'testimony-review');
    const approve = sam.getByRole('button', { name: /^Approve as written/ });
    for (let waiting = PEOPLE.length; waiting > 0; waiting--) {
      await approve.first().click();
      await approve.nth(waiting - 1).waitFor({ state: 'detached' });
    }
    await sam.getByRole('link', { name: 'See the public page' }).click();
    await sam.getByRole('heading', { name: 'In our words', level: 1 }).waitFor();
    await sam.getByText(/^A phone call every morning/).waitFor();
    await check(sam, 'in-our-words');
  }, 45_000);
});

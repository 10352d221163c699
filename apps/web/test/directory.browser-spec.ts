import type { Browser, Page } from 'playwright-core';
import { Journey, PHONE, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { DEBT, FOOD, leedsListing, setUpDirectory, type DirectoryFixture } from './directory-fixture';
import { acceptThroughWeb, passphraseOf } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The directory on phones (375×812) in real headless Chromium: a person finds debt advice within 3 km of
 * LS1 4AP and reads a listing, a LERO's coordinator suggests a listing, the region's directory curator approves
 * it, and the person finds it too. Every page passes axe's WCAG 2.2 A/AA rules, fits the screen, and is saved
 * under `screenshots/web/directory`. Budget: about 40 seconds.
 */
describe('the directory in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let f: DirectoryFixture;

  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);
  /** Debt advice within 3 km of LS1 4AP, as the person asks for it. */
  const findDebtAdvice = async (person: Page) => {
    await person.getByLabel('What are you looking for?').fill('debt advice');
    await person.getByLabel('Category').selectOption({ label: 'Debt and money' });
    await person.getByLabel('Postcode (optional)').fill('LS1 4AP');
    await person.getByLabel('Distance').selectOption({ label: 'Within 3 km' });
    await person.getByRole('button', { name: 'Search' }).click();
  };
  const results = (person: Page) => person.locator('.hearth-results__item > a').allTextContents();

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('directory'));
    await journey.prepare();
    f = await setUpDirectory(h);
    for (const [name, postcode, term, more] of [
      [
        'Kiln debt advice drop-in', // 210 m from LS1 4AP
        'LS1 4AQ',
        DEBT,
        {
          schedules: [
            { freq: 'WEEKLY', byday: 'MO,WE', opensAt: '09:30', closesAt: '16:00' },
            { freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '12:00' },
          ],
          contact: { phone: '0113 496 0000', email: 'help@kiln.example.org' },
          location: {
            name: 'Kiln Community Centre',
            address1: '1 Kiln Street',
            city: 'Leeds',
            postcode: 'LS1 4AQ',
            accessibility: 'Step-free entrance and a hearing loop',
          },
          fees: 'Free',
          minimumAge: 18,
          languages: ['en', 'pl', 'ur'],
        },
      ],
      ['Headingley debt advice', 'LS6 1AE', DEBT], // 2.13 km
      ['Meanwood money advice', 'LS6 4AA', DEBT], // 3.53 km: outside
      ['Bradford debt advice', 'BD1 1AA', DEBT], // 12.8 km
      ['Kiln food bank', 'LS3 1AA', FOOD],
    ] as [string, string, string, Record<string, unknown>?][])
      await f.list(leedsListing(name, postcode, term, more));
    await acceptThroughWeb(
      h,
      await f.invite('cleo@phoenix.example.org', 'coordinator'),
      'cleo@phoenix.example.org',
      'Cleo',
    );
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('a person finds debt advice near LS1 4AP; a LERO suggests a listing; a curator approves it; it is found', async () => {
    // A person on a phone, not signed in.
    const person = await journey.open();
    await person.goto(`${h.webUrl}/regions/${f.regionSlug}/directory`);
    await check(person, 'directory-home');
    await findDebtAdvice(person);
    await person.getByRole('heading', { name: '2 services near LS1 4AP' }).waitFor();
    await expect(results(person)).resolves.toEqual(['Kiln debt advice drop-in', 'Headingley debt advice']);
    await check(person, 'directory-results');
    await person.getByRole('link', { name: 'Kiln debt advice drop-in' }).click();
    await person.getByRole('heading', { name: 'Kiln debt advice drop-in' }).waitFor();
    await expect(person.getByText('First Saturday of every month:').isVisible()).resolves.toBe(true);
    await check(person, 'directory-listing');
    await person.setViewportSize({ width: 320, height: 640 });
    await check(person, 'directory-listing-320', 320);
    await person.setViewportSize(PHONE);
    // A postcode Hearth does not know is said on the form.
    await person.getByRole('link', { name: 'Back to the directory' }).click();
    await person.getByLabel('Postcode (optional)').fill('LS1 9ZZ');
    await person.getByRole('button', { name: 'Search' }).click();
    await person.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(person, 'directory-postcode-error');

    // The LERO's coordinator suggests a service its members use.
    const cleo = await journey.open();
    await signInInBrowser(cleo, h.webUrl, {
      email: 'cleo@phoenix.example.org',
      password: passphraseOf('Cleo'),
    });
    await cleo.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(cleo, 'Directory');
    await cleo.getByRole('button', { name: 'Suggest a listing' }).click();
    await cleo.getByLabel('Name', { exact: true }).fill('Hyde Park money advice');
    await cleo.getByLabel('Who runs it').fill('Hyde Park Advice Centre');
    await cleo.getByLabel('Description (optional)').fill('Free, confidential help with debt and benefits.');
    await cleo.getByLabel('Debt and money').check();
    await cleo.locator('#opens-TU').fill('10:00');
    await cleo.locator('#closes-TU').fill('14:00');
    await cleo.getByLabel('Address', { exact: true }).fill('5 Woodhouse Lane');
    await cleo.getByLabel('Town or city').fill('Leeds');
    await cleo.getByLabel('Postcode', { exact: true }).fill('LS2 9JT'); // 1.40 km from LS1 4AP
    await check(cleo, 'suggest-listing');
    await cleo.getByRole('button', { name: 'Send suggestion' }).click();
    await cleo.getByText('Suggestion sent').waitFor();
    await check(cleo, 'lero-suggestions');

    // The region's directory curator approves it.
    const cora = await journey.open();
    await signInInBrowser(cora, h.webUrl, { email: f.cora.email, password: passphraseOf('Cora') });
    await cora.waitForURL(`**/regions/${f.regionId}/directory`);
    await check(cora, 'curate');
    await cora.getByRole('link', { name: 'Suggestions from LEROs' }).click();
    await cora.getByRole('link', { name: 'Hyde Park money advice' }).click();
    await cora.getByRole('heading', { name: 'Your decision' }).waitFor();
    await check(cora, 'suggestion');
    await cora.getByRole('button', { name: 'Approve', exact: true }).click();
    await cora.getByText('Hyde Park money advice is in the directory as suggested').waitFor();

    // The person searches again and finds it.
    await person.goto(`${h.webUrl}/regions/${f.regionSlug}/directory`);
    await findDebtAdvice(person);
    await person.getByRole('heading', { name: '3 services near LS1 4AP' }).waitFor();
    await expect(results(person)).resolves.toEqual([
      'Kiln debt advice drop-in',
      'Hyde Park money advice',
      'Headingley debt advice',
    ]);
    await check(person, 'directory-results-approved');
  }, 120_000);
});

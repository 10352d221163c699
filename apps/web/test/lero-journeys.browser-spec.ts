import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * A LERO admin's day on a phone (375×812) in real headless Chromium: adding a member, then creating a
 * weekly group and checking people in at its door. Every page on the way passes axe's WCAG 2.2 A/AA rules,
 * fits the screen, and is saved as a screenshot under `screenshots/web/lero`.
 */
describe('a LERO admin’s journeys in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let lero: LeroFixture;
  let sam: Page;

  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('lero'));
    await journey.prepare();
    lero = await setUpLero(h);
    sam = await journey.open(h.webUrl);
    // An admin: the password, then the code from the app Sam set up on accepting the invitation.
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: 'Sam’s long passphrase',
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${lero.leroId}`);
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('adds a member: the form, its errors, the record, consent, an import with row errors', async () => {
    await check(sam, 'lero-home-empty');
    await sam.getByRole('button', { name: 'Add a member' }).click();
    await sam.waitForURL('**/members/new');
    await check(sam, 'add-member');

    await sam.getByRole('button', { name: 'Add member' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'add-member-errors');
    await sam.getByRole('link', { name: 'Enter their name' }).click();
    await expect(sam.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('displayName');

    await sam.getByLabel('Name', { exact: true }).fill('Jo');
    await sam.getByLabel('Email address (optional)').fill('jo@phoenix.example.org');
    await sam.getByLabel('By email').check();
    await sam.getByLabel('Volunteer').check();
    await sam.getByLabel('Contact', { exact: true }).check();
    await sam.getByRole('button', { name: 'Add member' }).click();
    await sam.getByText('Jo has been added').waitFor();
    await check(sam, 'member');

    await sam.getByRole('link', { name: /Record a change of consent/ }).click();
    await sam.getByLabel('Photos', { exact: true }).check();
    await sam.getByRole('button', { name: 'Record consent' }).click();
    await sam.getByText('Photos: given.').waitFor();
    await check(sam, 'member-consents');

    await followNavigation(sam, 'Members');
    await sam.waitForURL('**/members');
    await check(sam, 'members');
    await sam.getByRole('button', { name: 'Import from a spreadsheet' }).click();
    await check(sam, 'import');
    await sam.getByLabel('Spreadsheet file').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('displayName,email,phone,communityRoles,pathway\nAsha,,,,\n,x@example.org,,,\n'),
    });
    await sam.getByRole('button', { name: 'Check the file' }).click();
    await sam.getByRole('heading', { name: 'Problems in members.csv' }).waitFor();
    await check(sam, 'import-errors');
    await sam.getByRole('link', { name: 'Choose another file' }).click();
    await sam.getByLabel('Spreadsheet file').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'displayName,email,phone,communityRoles,pathway\nAsha,,,member,\nBen,,,member;volunteer,\n',
      ),
    });
    await sam.getByRole('button', { name: 'Check the file' }).click();
    await sam.getByRole('button', { name: 'Import 2 people' }).click();
    await sam.getByText('2 people added').waitFor();

    await sam.getByLabel('Name or email address').fill('jo');
    await sam.getByRole('button', { name: 'Search' }).click();
    await sam.getByRole('link', { name: 'Jo', exact: true }).click();
    await sam.getByRole('button', { name: 'Erase their record' }).click();
    await check(sam, 'erase-confirm');

    // The narrowest phones.
    await sam.setViewportSize({ width: 320, height: 640 });
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/members`);
    await check(sam, 'members-320', 320);
    await sam.setViewportSize({ width: 375, height: 812 });
  }, 120_000);

  it('creates a weekly activity and checks people in at the door', async () => {
    // The first session starts in five minutes, so its register is open (from an hour before the start).
    const start = DateTime.now().setZone('Europe/London').plus({ minutes: 5 });
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}`);
    await sam.getByRole('button', { name: 'Create an activity' }).click();
    await sam.waitForURL('**/activities/new');
    await check(sam, 'create-activity');

    await sam.getByRole('button', { name: 'Create activity' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'create-activity-errors');

    await sam.getByLabel('Name', { exact: true }).fill('Recovery café');
    await sam.getByLabel('Type of activity').selectOption('peer-support');
    await sam.locator('#startDate-day').fill(String(start.day));
    await sam.locator('#startDate-month').fill(String(start.month));
    await sam.locator('#startDate-year').fill(String(start.year));
    await sam.getByLabel('Start time').fill(start.toFormat('HH:mm'));
    await sam.getByLabel('Every week, or every few weeks').check();
    await sam.getByLabel('After a number of sessions').check();
    await sam.getByLabel('Number of sessions', { exact: true }).fill('12');
    await sam.getByLabel('Place (optional)').fill('St Mary’s church hall');
    await sam.getByRole('button', { name: 'Create activity' }).click();
    await sam.getByText('Recovery café is on the programme').waitFor();
    await expect(
      sam.getByText(`Every ${start.setLocale('en-GB').toFormat('cccc')}`, { exact: true }).isVisible(),
    ).resolves.toBe(true);
    await check(sam, 'activity');

    await followNavigation(sam, 'Activities');
    await check(sam, 'activities');
    await followNavigation(sam, 'Sessions');
    await check(sam, 'sessions');
    await sam
      .getByRole('link', { name: /^Recovery café/ })
      .first()
      .click();
    await sam.getByRole('heading', { name: 'Recovery café', level: 1 }).waitFor();
    await check(sam, 'session');

    await sam.getByRole('button', { name: 'Open the door view' }).click();
    await sam.getByRole('heading', { name: 'Door: Recovery café' }).waitFor();
    await check(sam, 'door');

    await sam.getByRole('searchbox', { name: 'Name' }).fill('a');
    await sam.getByRole('button', { name: 'Find' }).click();
    await check(sam, 'door-search');
    // Every button at the door is a big tap target (at least 44 × 44 px).
    const sizes = await sam
      .locator('main button, main .govuk-button')
      .evaluateAll((els) =>
        els.map((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]),
      );
    expect(sizes.length).toBeGreaterThan(3);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThanOrEqual(44);
      expect(height).toBeGreaterThanOrEqual(44);
    }

    await sam.getByRole('button', { name: 'Check in Asha' }).click();
    await sam.getByText('Asha is checked in').waitFor();
    await sam.getByRole('searchbox', { name: 'Name' }).fill('ben');
    await sam.getByRole('button', { name: 'Find' }).click();
    await sam.getByRole('button', { name: 'Check in Ben' }).click();
    await sam.getByText('Ben is checked in').waitFor();
    await sam.getByRole('button', { name: '+1 walk-in' }).click();
    await sam.getByText('Walk-in counted').waitFor();
    await expect(sam.locator('.hearth-door__number').textContent()).resolves.toBe('3');
    await check(sam, 'door-checked-in');

    await sam.getByRole('button', { name: 'Undo Ben’s check-in' }).click();
    await sam.getByText('Ben’s check-in is undone').waitFor();
    await sam.getByRole('button', { name: '−1 correction' }).click();
    await sam.getByText('Walk-ins corrected').waitFor();
    await expect(sam.locator('.hearth-door__number').textContent()).resolves.toBe('1');
    await check(sam, 'door-after-undo');

    await sam.setViewportSize({ width: 320, height: 640 });
    await sam.reload();
    await check(sam, 'door-320', 320);

    // Anyone can see the LERO's public page, with the calendar to subscribe to.
    const visitor = await journey.open();
    await visitor.goto(`${h.webUrl}/leros/${lero.slug}`);
    await visitor.getByText('Recovery café').first().waitFor();
    await expect(visitor.getByRole('link', { name: /Subscribe to/ }).getAttribute('href')).resolves.toMatch(
      /^webcal:\/\/127\.0\.0\.1:\d+\/leros\/phoenix\/calendar\.ics$/,
    );
    await check(visitor, 'public-page');
  }, 120_000);
});

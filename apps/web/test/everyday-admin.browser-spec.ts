import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { acceptThroughWeb, apiCall, passphraseOf, setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Everyday admin on a phone (375×812) in real headless Chromium (ADR 0032): Sam creates an activity at 14:20
 * and sees 14:20, changes it, pauses, resumes and ends another, books someone onto a session who rang, and
 * at the door sees who is expected before typing and adds a newcomer; a volunteer and a member read the
 * programme, and "Exit this page" never covers the success banner. Every page passes axe's WCAG 2.2 A/AA
 * rules, fits the screen, and is saved under `screenshots/web/everyday-admin`.
 */
describe('everyday admin in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let lero: LeroFixture;
  let sam: Page;
  let activityUrl: string;

  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);
  let token = { value: '', at: 0 };
  /** The API as Sam, for what the pages under test do not set up themselves (a token lives a minute). */
  const api = async <T>(method: string, path: string, body?: unknown) => {
    if (Date.now() - token.at > 30_000)
      token = { value: await h.given.login('sam@phoenix.example.org', passphraseOf('Sam')), at: Date.now() };
    return apiCall<T>(h, method, `/api/v1/tenants/${lero.leroId}${path}`, token.value, body);
  };
  const member = (displayName: string) => api<{ id: string }>('POST', '/members', { displayName });
  const boxOf = async (locator: Locator): Promise<Box> => {
    const box = await locator.boundingBox();
    if (!box) throw new Error('not on the page');
    return box;
  };

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness({ authRateLimit: 100 }), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('everyday-admin'));
    await journey.prepare();
    lero = await setUpLero(h);
    sam = await journey.open(h.webUrl);
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: passphraseOf('Sam'),
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${lero.leroId}`);
  }, 180_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('creates an activity at 14:20 and sees 14:20, then changes its place and time', async () => {
    const first = DateTime.now().setZone('Europe/London').plus({ days: 2 });
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/activities/new`);
    await sam.getByLabel('Name', { exact: true }).fill('Art club');
    await sam.getByLabel('Type of activity').selectOption('arts-crafts');
    await sam.locator('#startDate-day').fill(String(first.day));
    await sam.locator('#startDate-month').fill(String(first.month));
    await sam.locator('#startDate-year').fill(String(first.year));
    const time = sam.getByLabel('Start time');
    await time.fill('14:20');
    // A 24-hour field, wide enough for what it holds: no 12-hour "02:20 PM" cut off.
    await expect(time.inputValue()).resolves.toBe('14:20');
    await expect(time.getAttribute('type')).resolves.toBe('text');
    await expect(
      time.evaluate((e: { scrollWidth: number; clientWidth: number }) => e.scrollWidth <= e.clientWidth),
    ).resolves.toBe(true);
    await check(sam, 'create-at-1420');
    await sam.getByLabel('Place (optional)').fill('Community centre');
    await sam.getByRole('button', { name: 'Create activity' }).click();
    await sam.getByText('Art club is on the programme').waitFor();
    await expect(
      sam
        .getByText(/^14:20 to 15:50/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    activityUrl = sam.url();
    await check(sam, 'activity-1420');

    await sam.getByRole('button', { name: 'Change this activity' }).click();
    await sam.getByRole('heading', { name: 'Change Art club' }).waitFor();
    await expect(sam.getByLabel('Start time').inputValue()).resolves.toBe('14:20');
    await expect(sam.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Art club');
    await check(sam, 'change-activity');
    await sam.getByLabel('Start time').fill('nonsense');
    await sam.getByRole('button', { name: 'Save changes' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'change-activity-errors');
    await sam.getByLabel('Start time').fill('10:30');
    await sam.getByLabel('Place (optional)').fill('St Mary’s church hall');
    await sam.getByLabel('Number of places (optional)').fill('1');
    await sam.getByRole('button', { name: 'Save changes' }).click();
    await sam.getByText('Art club is changed').waitFor();
    await expect(
      sam
        .getByText(/^10:30 to 12:00/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(sam.getByText('St Mary’s church hall', { exact: true }).first().isVisible()).resolves.toBe(
      true,
    );
    await check(sam, 'activity-changed');
  }, 120_000);

  it('books someone who rang onto a session from its page', async () => {
    await member('Priya');
    await member('Pat');
    await sam.goto(activityUrl);
    await sam.locator('.hearth-session a').first().click();
    await sam.getByRole('heading', { name: 'Art club', level: 1 }).waitFor();
    await check(sam, 'session-staff');
    await sam.getByRole('searchbox', { name: 'Their name' }).fill('pri');
    await sam.getByRole('button', { name: 'Find' }).click();
    await sam.getByRole('heading', { name: 'Book someone onto Art club' }).waitFor();
    await check(sam, 'bookings-search');
    await sam.getByRole('button', { name: 'Book Priya' }).click();
    await sam.getByText('Priya is booked').waitFor();
    await sam.getByRole('searchbox', { name: 'Their name' }).fill('pat');
    await sam.getByRole('button', { name: 'Find' }).click();
    await sam.getByRole('button', { name: 'Book Pat' }).click();
    await sam.getByText('Pat is on the waitlist').waitFor();
    await check(sam, 'session-booked');
    await sam.getByRole('button', { name: 'Take off Priya’s booking' }).click();
    await sam.getByText('Priya is no longer booked').waitFor();
    await expect(sam.getByRole('list', { name: 'Going' }).textContent()).resolves.toContain('Pat');
  }, 120_000);

  it('pauses an activity after saying what happens, resumes it, and ends it', async () => {
    await sam.goto(activityUrl);
    await sam.getByRole('button', { name: 'Pause this activity' }).click();
    await sam.getByRole('heading', { name: 'Pause Art club?' }).waitFor();
    await check(sam, 'pause-confirm');
    await sam.getByRole('button', { name: 'Yes, pause it' }).click();
    await sam.getByText('Art club is paused').waitFor();
    await check(sam, 'activity-paused');
    await sam.getByRole('button', { name: 'Resume this activity' }).click();
    await sam.getByText('Art club is back on').waitFor();
    await sam.getByRole('button', { name: 'End this activity' }).click();
    await sam.getByRole('heading', { name: 'End Art club?' }).waitFor();
    await check(sam, 'end-confirm');
    await sam.getByRole('button', { name: 'Yes, end it' }).click();
    await sam.getByText('Art club has ended').waitFor();
    await expect(sam.getByRole('button', { name: 'Change this activity' }).count()).resolves.toBe(0);
    await check(sam, 'activity-ended');
    await followNavigation(sam, 'Activities');
    await expect(
      sam.locator('.hearth-results__item', { hasText: 'Art club' }).textContent(),
    ).resolves.toContain('Ended');
    await check(sam, 'activities-with-ended');
  }, 120_000);

  it('lists who is expected at the door before anyone types, and adds a newcomer and checks them in', async () => {
    const start = DateTime.now().setZone('Europe/London').plus({ minutes: 5 });
    const activity = await api<{ id: string }>('POST', '/activities', {
      title: 'Recovery café',
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: 90, rrule: 'FREQ=WEEKLY' },
    });
    const { items } = await api<{ items: { id: string }[] }>('GET', `/sessions?activityId=${activity.id}`);
    const rav = await member('Rav');
    await api('POST', `/sessions/${items[0].id}/rsvps`, { memberId: rav.id });

    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/sessions/${items[0].id}/door`);
    const expected = sam.getByRole('list', { name: 'Expected' });
    await expect(expected.textContent()).resolves.toContain('Rav');
    await expect(sam.getByRole('searchbox', { name: 'Name' }).inputValue()).resolves.toBe('');
    await check(sam, 'door-expected');
    await sam.getByRole('button', { name: 'Check in Rav' }).click();
    await sam.getByText('Rav is checked in').waitFor();

    await sam.getByLabel('Their name').fill('Sunny');
    await sam.getByRole('button', { name: 'Add and check in' }).click();
    await sam.getByText('Sunny is added and checked in').waitFor();
    await expect(sam.getByRole('list', { name: 'Checked in' }).textContent()).resolves.toContain('Sunny');
    await expect(sam.locator('.hearth-door__number').textContent()).resolves.toBe('2');
    await check(sam, 'door-newcomer');
    // Every button at the door is a big tap target (at least 44 × 44 px).
    const sizes = await sam
      .locator('main button, main .govuk-button')
      .evaluateAll((els) =>
        els.map((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]),
      );
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThanOrEqual(44);
      expect(height).toBeGreaterThanOrEqual(44);
    }
  }, 120_000);

  it('lets a volunteer and a member read the programme; Exit this page only for the member, never over the banner', async () => {
    const mo = await member('Mo');
    for (const [email, role, name, memberId] of [
      ['val@phoenix.example.org', 'volunteer', 'Val', undefined],
      ['mo@phoenix.example.org', 'member', 'Mo', mo.id],
    ] as const)
      await acceptThroughWeb(h, await lero.invite(email, role, memberId), email, name);
    // Staff screens have no "Exit this page".
    await expect(sam.locator('.govuk-exit-this-page').count()).resolves.toBe(0);

    for (const [email, name] of [
      ['val@phoenix.example.org', 'Val'],
      ['mo@phoenix.example.org', 'Mo'],
    ]) {
      const page = await journey.open(h.webUrl);
      await signInInBrowser(page, h.webUrl, { email, password: passphraseOf(name) });
      await page.waitForURL(`**/leros/${lero.leroId}`);
      await followNavigation(page, 'Activities');
      await page.getByRole('heading', { name: 'Activities', level: 1 }).waitFor();
      await expect(page.getByText('You cannot see this page').count()).resolves.toBe(0);
      await check(page, `activities-${name.toLowerCase()}`);
      await page.getByRole('link', { name: 'Recovery café', exact: true }).click();
      await page.getByRole('heading', { name: 'Recovery café', level: 1 }).waitFor();
      await expect(page.getByRole('button', { name: 'Change this activity' }).count()).resolves.toBe(0);
      await check(page, `activity-${name.toLowerCase()}`);
      const exits = await page.locator('.govuk-exit-this-page').count();
      expect([name, exits]).toEqual([name, name === 'Mo' ? 1 : 0]);
      if (name !== 'Mo') continue;

      // Mo says they are going: the success banner and "Exit this page" never cover each other.
      await followNavigation(page, 'Sessions');
      await page
        .getByRole('button', { name: /^I’m going to Recovery café/ })
        .first()
        .click();
      const banner = page.locator('.govuk-notification-banner--success');
      await banner.waitFor();
      const exit = page.locator('.govuk-exit-this-page');
      for (const width of [375, 1024]) {
        await page.setViewportSize({ width, height: 812 });
        expect(overlaps(await boxOf(exit), await boxOf(banner))).toBe(false);
        // Scrolled a little: it stays in the page's flow, not stuck over what is below.
        await page.evaluate('window.scrollTo(0, 120)');
        expect(overlaps(await boxOf(exit), await boxOf(banner))).toBe(false);
        await page.evaluate('window.scrollTo(0, 0)');
      }
      await page.setViewportSize({ width: 375, height: 812 });
      await check(page, 'member-going-with-exit');
    }
  }, 180_000);
});

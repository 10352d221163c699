import type { Browser, Page } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { passphraseOf } from './lero-fixture';
import { firstShift, setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * Volunteering on phones (375×812, the rota also at 320 px) in real headless Chromium (ADR 0059): Sam, the LERO's
 * admin, adds Safeguarding training, a "Peer walk leader" role that needs it and a weekly shift, and sees the gap on
 * the rota; Val, a volunteer without the training, is refused with the reason; Sam records the training; Val signs
 * up; the rota shows the place filled. Sam's "Change" of the shift is the same form, filled in. Every page passes axe's WCAG 2.2 A/AA rules, fits the screen, and is saved
 * under `screenshots/web/volunteering`. Budget: about 90 seconds on two cores (92 s measured beside other
 * suites: a Hearth of its own and the people ~30 s, the journey ~60 s); the test itself is bounded at 90 s.
 */
describe('volunteering in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let f: VolunteeringFixture;
  const shift = firstShift();

  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness({ authRateLimit: 100 }), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('volunteering'));
    await journey.prepare();
    f = await setUpVolunteering(h);
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('a role needing training, a weekly shift, the gap; a refusal with the reason; recorded; signed up; filled', async () => {
    const sam = await journey.open(h.webUrl);
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: passphraseOf('Sam'),
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(sam, 'Volunteering');
    await sam.getByRole('heading', { name: 'Volunteering', level: 1 }).waitFor();
    await check(sam, 'home-coordinator');

    // The catalogue first: Safeguarding, valid three years.
    await sam.getByRole('link', { name: 'Training and checks' }).click();
    await sam.getByLabel('Name', { exact: true }).fill('Safeguarding');
    await sam.getByLabel('Training someone completes').check();
    await sam.getByLabel('Months it stays valid (optional)').fill('36');
    await sam.getByRole('button', { name: 'Add' }).click();
    await sam.getByText('Safeguarding is added').waitFor();
    await check(sam, 'training');

    await sam.getByRole('link', { name: 'Back to volunteering' }).click();
    await sam.getByRole('button', { name: 'Add a role' }).click();
    await sam.getByLabel('Name of the role').fill('Peer walk leader');
    await sam.getByLabel('Safeguarding').check();
    await sam.getByLabel('Only members of').check();
    await check(sam, 'role-form');
    await sam.getByRole('button', { name: 'Add role' }).click();
    await sam.getByText('Peer walk leader is open').waitFor();

    await sam.getByRole('button', { name: 'Add a shift' }).click();
    await sam.locator('#startDate-day').fill(String(shift.day.day));
    await sam.locator('#startDate-month').fill(String(shift.day.month));
    await sam.locator('#startDate-year').fill(String(shift.day.year));
    await sam.getByLabel('Start time').fill('10:00');
    await sam.getByLabel('Every week, or every few weeks').check();
    await sam.getByLabel('Number of volunteers needed').fill('1');
    await check(sam, 'shift-form');
    await sam.getByRole('button', { name: 'Add shift' }).click();
    await sam.getByText('A shift is added to Peer walk leader').waitFor();
    await check(sam, 'role');

    // The gap on the rota, on the narrowest phone too.
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/rota?week=${shift.week}`);
    await sam.getByText('1 place still to fill').waitFor();
    await expect(sam.getByText('1 place to fill', { exact: true }).count()).resolves.toBe(1);
    await check(sam, 'rota-gap');
    await sam.setViewportSize({ width: 320, height: 640 });
    await check(sam, 'rota-gap-320', 320);
    // Changing the shift: the same form, filled in, on the narrowest phone.
    await sam.goBack();
    await sam.getByRole('link', { name: /^Change the shift/ }).click();
    await sam.getByRole('heading', { name: 'Change a shift' }).waitFor();
    await expect(sam.getByLabel('Number of volunteers needed').inputValue()).resolves.toBe('1');
    await check(sam, 'shift-change-320', 320);

    // Val has no Safeguarding yet: refused, and told what is missing.
    const val = await journey.open(h.webUrl);
    await signInInBrowser(val, h.webUrl, { email: 'val@phoenix.example.org', password: passphraseOf('Val') });
    await val.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(val, 'Volunteering');
    await val.getByRole('link', { name: 'Peer walk leader' }).click();
    await check(val, 'role-volunteer');
    await val
      .getByRole('button', { name: /^Sign up for / })
      .first()
      .click();
    await val.getByRole('heading', { name: 'You need training or checks first' }).waitFor();
    await expect(val.locator('#missing').textContent()).resolves.toContain('Safeguarding (training)');
    await check(val, 'refused');

    // Sam records it.
    await sam.setViewportSize({ width: 375, height: 812 });
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/volunteers`);
    await sam.getByRole('link', { name: 'Val' }).click();
    await sam.getByLabel('Training or check').selectOption({ label: 'Safeguarding' });
    await sam.locator('#completedOn-day').fill('1');
    await sam.locator('#completedOn-month').fill('1');
    await sam.locator('#completedOn-year').fill('2026');
    await sam.getByLabel('Delivered by us').check();
    await sam.getByRole('button', { name: 'Record it' }).click();
    await sam.getByText('Safeguarding is recorded').waitFor();
    await check(sam, 'records');

    // Val signs up.
    await val.getByRole('link', { name: 'Go back' }).click();
    await val
      .getByRole('button', { name: /^Sign up for / })
      .first()
      .click();
    await val.getByText('You’re on Peer walk leader').waitFor();
    await check(val, 'signed-up');

    // The place is filled on the rota.
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/rota?week=${shift.week}`);
    await sam.getByText('Every shift this week is filled.').waitFor();
    await check(sam, 'rota-filled');
  }, 90_000);
});

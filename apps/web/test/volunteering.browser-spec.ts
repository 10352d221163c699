import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { passphraseOf } from './lero-fixture';
import { firstShift, setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * Volunteering on phones (375×812, the rota also at 320 px) in real headless Chromium (ADR 0059): Sam, the LERO's
 * admin, adds Safeguarding training, a "Peer walk leader" role that needs it and a weekly shift of two places, and
 * sees the gap on the rota; Val, a volunteer without the training, is refused with the reason; Sam records the
 * training; Val signs up. Sam's "Change" of the shift is the same form, filled in. Val takes the next date too and
 * gives it up from "My shifts" (at 320 px), and Sam's rota names her on the first, one place still to fill
 * (ADR 0061). Then the hours (ADR 0061): Val logs other hours; the shift happens (the volunteering service's clock
 * moves past its end) and its hours are proposed; Sam approves them from the queue and declines the logged ones with
 * a reason; Val sees the approved totals and the reason. Every page passes axe's WCAG 2.2 A/AA rules, fits the
 * screen, and is saved under `screenshots/web/volunteering`. Then Mo, a member, says they are interested in the
 * role on the narrowest phone and Sam follows it up (ADR 0063; about 10 s more). Budget: about 110 seconds on two cores (59 s measured
 * alone with my shifts and the named rota: a Hearth of its own and the people ~20 s, the journey ~39 s; 72 s was
 * measured for the hours alone on a busier machine, ~92 s beside other suites before the hours); the test itself is
 * bounded at 110 s.
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
    await sam.getByLabel('Number of volunteers needed').fill('2');
    await check(sam, 'shift-form');
    await sam.getByRole('button', { name: 'Add shift' }).click();
    await sam.getByText('A shift is added to Peer walk leader').waitFor();
    await check(sam, 'role');

    // The gap on the rota, on the narrowest phone too.
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/rota?week=${shift.week}`);
    await sam.getByText('2 places still to fill').waitFor();
    await expect(sam.getByText('2 places to fill', { exact: true }).count()).resolves.toBe(1);
    await check(sam, 'rota-gap');
    await sam.setViewportSize({ width: 320, height: 640 });
    await check(sam, 'rota-gap-320', 320);
    // Changing the shift: the same form, filled in, on the narrowest phone.
    await sam.goBack();
    await sam.getByRole('link', { name: /^Change the shift/ }).click();
    await sam.getByRole('heading', { name: 'Change a shift' }).waitFor();
    await expect(sam.getByLabel('Number of volunteers needed').inputValue()).resolves.toBe('2');
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

    // My shifts (ADR 0061): Val takes the next week's date too, then gives it up from her list, at 320 px.
    const nextWeek = shift.day.plus({ weeks: 1 }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
    await val
      .getByRole('button', { name: /^Sign up for / })
      .first()
      .click();
    await val.getByText('You’re on Peer walk leader').waitFor();
    await val.setViewportSize({ width: 320, height: 640 });
    await followNavigation(val, 'Volunteering');
    await val.getByRole('link', { name: 'My shifts' }).click();
    await val.getByRole('heading', { name: nextWeek }).waitFor();
    await check(val, 'my-shifts-two-320', 320);
    await val.getByRole('button', { name: `Cancel my place: Peer walk leader, ${nextWeek}` }).click();
    await val.getByText('Your place is cancelled').waitFor();
    await expect(val.locator('.hearth-rota__shift h2').allTextContents()).resolves.toEqual([
      shift.day.setLocale('en-GB').toFormat('cccc d LLLL yyyy'),
    ]);
    await check(val, 'my-shifts-320', 320);

    // The rota names who is on each shift for Sam; one place is still to fill.
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/rota?week=${shift.week}`);
    await sam.getByText('On it: Val').waitFor();
    await sam.getByText('1 place still to fill').waitFor();
    await check(sam, 'rota-named');
    await sam.setViewportSize({ width: 320, height: 640 });
    await check(sam, 'rota-named-320', 320);
    await sam.setViewportSize({ width: 375, height: 812 });

    // Val logs hours that were not a shift, on the narrowest phone.
    const yesterday = DateTime.now().setZone('Europe/London').minus({ days: 1 });
    await followNavigation(val, 'Volunteering');
    await val.getByRole('link', { name: 'Log hours' }).click();
    await val.setViewportSize({ width: 320, height: 640 });
    await val.locator('#date-day').fill(String(yesterday.day));
    await val.locator('#date-month').fill(String(yesterday.month));
    await val.locator('#date-year').fill(String(yesterday.year));
    await val.getByLabel('Hours', { exact: true }).fill('1');
    await val.getByLabel('Minutes', { exact: true }).fill('30');
    await val.getByLabel('Role', { exact: true }).selectOption({ label: 'Peer walk leader' });
    await val.getByLabel('What you did (optional)').fill('Planned the route');
    await check(val, 'log-hours-320', 320);
    await val.getByRole('button', { name: 'Log hours' }).click();
    await val.getByText('Your hours are logged').waitFor();

    // The shift happens: two days after it, its hours wait in Sam's queue beside Val's.
    h.volunteeringClock.offsetMs = 6 * 24 * 60 * 60 * 1000;
    await followNavigation(sam, 'Volunteering');
    await sam.getByRole('link', { name: 'Hours to approve' }).click();
    await sam.getByText('From a shift on the rota').waitFor();
    await check(sam, 'hours-queue');
    await sam.getByRole('button', { name: /^Approve 2 hours of Peer walk leader for Val/ }).click();
    await sam.getByText('2 hours of Peer walk leader count.').waitFor();
    await sam.getByRole('link', { name: /^Change the hours or decline/ }).click();
    await check(sam, 'hours-decide');
    await sam.getByLabel('Why').fill('Planning is not counted as volunteering here');
    await sam.getByRole('button', { name: 'Decline these hours' }).click();
    await sam.getByText('Hours declined').waitFor();

    // Val sees what counts, and why the rest does not.
    await val.getByRole('link', { name: 'Back to volunteering' }).click();
    await val.getByRole('link', { name: 'My hours' }).click();
    await val.getByText('Why it was declined: Planning is not counted as volunteering here').waitFor();
    await expect(val.locator('.govuk-summary-list').textContent()).resolves.toMatch(/All time\s+2 hours/);
    await check(val, 'my-hours-320', 320);
    await val.setViewportSize({ width: 375, height: 812 });
    await check(val, 'my-hours');
  }, 110_000);

  it('a member says they are interested in a role at 320 px; the admin sees them and follows it up (ADR 0063)', async () => {
    const mo = await journey.open(h.webUrl);
    await mo.setViewportSize({ width: 320, height: 640 });
    await signInInBrowser(mo, h.webUrl, { email: 'mo@phoenix.example.org', password: passphraseOf('Mo') });
    await mo.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(mo, 'Volunteering');
    await mo.getByRole('link', { name: 'Peer walk leader' }).click();
    await check(mo, 'role-member-320', 320);
    await mo.getByRole('button', { name: 'I’m interested' }).click(); // a link drawn as a button
    await mo.getByLabel('A note for the coordinator (optional)').fill('Free most Tuesday mornings');
    await check(mo, 'interest-320', 320);
    await mo.getByRole('button', { name: 'I’m interested' }).click();
    await mo.getByText('You’re interested in Peer walk leader').waitFor();
    await check(mo, 'interested-320', 320);

    const sam = await journey.open(h.webUrl);
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: passphraseOf('Sam'),
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(sam, 'Volunteering');
    await sam.getByRole('link', { name: 'Peer walk leader' }).click();
    await sam.getByText('“Free most Tuesday mornings”').waitFor();
    await sam.setViewportSize({ width: 320, height: 640 });
    await check(sam, 'role-interested-people-320', 320);
    await sam.getByRole('button', { name: 'Not now: Mo' }).click();
    await sam.getByText('Followed up: not now').waitFor();
  }, 60_000);
});

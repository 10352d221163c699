import type { Browser } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { passphraseOf } from './lero-fixture';
import { setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The passport screens on phones (375×812) in real headless Chromium (ADR 0064): Val, a volunteer with Safeguarding
 * and a DBS check, sees what a passport reveals (a box for each, the check unticked), makes one (its text, QR code
 * and badge file) and opens its check link; Sam, the LERO's admin, verifies it, imports it for Val (already
 * recorded), sees it in Val's list and revokes it after the confirm step, when verifying it says it is withdrawn.
 * Every page passes axe's WCAG 2.2 A/AA rules, fits the screen, and is saved under
 * `screenshots/web/volunteering-passport`. Budget: about 75 seconds on two cores (54 s measured alone: a Hearth of
 * its own and the people ~20 s, the journey ~33 s); the test itself is bounded at 60 s.
 */
describe('the passport screens in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let f: VolunteeringFixture;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness({ authRateLimit: 100 }), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('volunteering-passport'));
    await journey.prepare();
    f = await setUpVolunteering(h);
    // A training and a check, so the passport form shows both groups of boxes (the check unticked) to axe.
    for (const [name, kind] of [
      ['Safeguarding', 'training'],
      ['DBS basic', 'check'],
    ]) {
      const item = await f.api<{ id: string }>('POST', '/volunteering/training', {
        name,
        kind,
        validityMonths: 36,
      });
      await f.api('POST', `/volunteering/volunteers/${f.valId}/training`, {
        trainingId: item.id,
        completedOn: '2026-02-01',
        how: 'certificate-seen',
      });
    }
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('a volunteer makes a passport and checks it; staff verify, import and revoke it', async () => {
    const val = await journey.open(h.webUrl);
    await signInInBrowser(val, h.webUrl, { email: 'val@phoenix.example.org', password: passphraseOf('Val') });
    await val.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(val, 'Volunteering');
    await val.getByRole('link', { name: 'My passport and letter' }).click();
    await val.getByRole('heading', { name: 'My passport and letter', level: 1 }).waitFor();
    await journey.check(val, 'my-passport');
    expect(await val.getByRole('checkbox', { name: 'Safeguarding' }).isChecked()).toBe(true);
    expect(await val.getByRole('checkbox', { name: 'DBS basic' }).isChecked()).toBe(false);
    await val.getByRole('button', { name: 'Make my passport' }).click();
    await val.getByRole('heading', { name: 'Your passport', level: 1 }).waitFor();
    await journey.check(val, 'passport-issued');
    const passport = await val.locator('#passport').inputValue();
    expect(passport).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const checkLink = await val.getByRole('link', { name: /\/passports\/check\// }).getAttribute('href');
    await val.goto(`${h.webUrl}${new URL(checkLink!).pathname}`);
    await val.getByRole('heading', { name: 'This passport stands' }).waitFor();
    await journey.check(val, 'passport-check');

    const sam = await journey.open(h.webUrl);
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: passphraseOf('Sam'),
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${f.leroId}`);
    await followNavigation(sam, 'Volunteering');
    await sam.getByRole('link', { name: 'Verify a passport' }).click();
    await sam.getByRole('button', { name: 'Verify it' }).click();
    await sam.getByText('Paste the passport').first().waitFor();
    await journey.check(sam, 'verify-passport-error');
    await sam.getByLabel('The passport').fill(passport);
    await sam.getByRole('button', { name: 'Verify it' }).click();
    await sam.getByRole('heading', { name: 'This passport is valid' }).waitFor();
    await journey.check(sam, 'verify-passport-valid');

    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/volunteers/${f.valId}`);
    await sam.getByRole('link', { name: 'Import training from a passport' }).click();
    await sam.getByLabel('The passport').fill(passport);
    await journey.check(sam, 'passport-import');
    await sam.getByRole('button', { name: 'Import training' }).click();
    await sam.getByText('Not recorded: it is already recorded').waitFor();
    await journey.check(sam, 'passport-imported');

    await sam.getByRole('link', { name: 'See Val’s training and checks' }).click();
    await sam.getByRole('heading', { name: 'Passports issued to Val' }).waitFor();
    await journey.check(sam, 'passports-issued');
    await sam.getByRole('link', { name: /^Revoke the passport issued/ }).click();
    await journey.check(sam, 'revoke-passport');
    await sam.getByRole('button', { name: 'Revoke it' }).click();
    await sam.getByText('Val’s passport is revoked').waitFor();
    await sam.goto(`${h.webUrl}/leros/${f.leroId}/volunteering/verify-passport`);
    await sam.getByLabel('The passport').fill(passport);
    await sam.getByRole('button', { name: 'Verify it' }).click();
    await sam.getByRole('heading', { name: 'This passport has been withdrawn' }).waitFor();
    await journey.check(sam, 'verify-passport-revoked');
  }, 60_000);
});

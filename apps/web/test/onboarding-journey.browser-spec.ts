import type { Browser, Page } from 'playwright-core';
import { Authenticators, totpCodeFor } from '@hearth/testing';
import { Journey, PHONE, launchChromium, screenshotsDir } from './browser';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The onboarding journey in real headless Chromium on a phone-sized screen: the platform admin signs in with
 * the credentials standalone printed and sets up two-factor sign-in (the key read off the page, as a person
 * would type it into their app), creates a region, onboards a LERO and copies its invitation link; the new admin
 * accepts it, sets up two-factor sign-in too, lands on the LERO's home, invites a coordinator and sees the team;
 * the platform admin signs in again with a code, and appoints a commissioner. Every page passes axe's WCAG 2.2 A/AA rules and is saved as a
 * screenshot.
 */
describe('onboarding journey in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  /** The platform admin's page, and their region's address, for the tests after the first. */
  let admin: Page;
  let regionUrl: string;

  const open = (): Promise<Page> => journey.open(h.webUrl);
  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);

  /** On the set-up page: the key typed into an app (the same library computes the code), the code, the password. */
  async function setUpTwoFactor(page: Page, email: string, password: string, shots?: string): Promise<void> {
    await page.waitForURL('**/account/two-factor/set-up');
    const qr = page.getByRole('img', { name: /^QR code to add Hearth to your authenticator app/ });
    const loaded = (img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0;
    await expect(qr.evaluate(loaded)).resolves.toBe(true);
    if (shots) await check(page, `${shots}-two-factor-set-up`);
    const secret = (await page.locator('#setup-key').innerText()).replace(/\s/g, '');
    const step = Authenticators.currentStep();
    await page.getByLabel('Code from the app').fill(totpCodeFor(secret, step));
    await page.getByLabel('Your Hearth password').fill(password);
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.waitForURL('**/account/two-factor/recovery-codes');
    const codes = await page.locator('#recovery-codes code').allInnerTexts();
    expect(codes).toHaveLength(10);
    h.given.authenticators.remember(email, secret, step, codes);
    if (shots) await check(page, `${shots}-recovery-codes`);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  }

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('onboarding'));
    await journey.prepare();
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('takes a LERO from a new region to its admin inviting a coordinator', async () => {
    admin = await open();
    await admin.goto(h.webUrl);
    await expect(admin.getByRole('heading', { name: 'Sign in to Hearth' }).isVisible()).resolves.toBe(true);
    await check(admin, 'sign-in');

    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL('**/sign-in');
    await check(admin, 'sign-in-errors');
    await admin.getByLabel('Email address', { exact: true }).fill(h.admin.email);
    await admin.getByLabel('Password', { exact: true }).fill(h.admin.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await setUpTwoFactor(admin, h.admin.email, h.admin.password, 'admin');
    await admin.waitForURL('**/regions');
    await check(admin, 'regions');

    await admin.getByRole('button', { name: 'Create a region' }).click();
    await admin.waitForURL('**/regions/new');
    await check(admin, 'create-region');
    await admin.getByLabel('Region name').fill('North East');
    await admin.getByRole('button', { name: 'Create region' }).click();
    await admin.waitForURL(/\/regions\/[0-9a-f-]{36}$/);
    await check(admin, 'region');

    await admin.getByRole('button', { name: 'Onboard a LERO' }).click();
    await admin.waitForURL('**/onboard');
    await check(admin, 'onboard-tasks');
    await admin.getByRole('link', { name: 'LERO details' }).click();
    await check(admin, 'onboard-details');
    await admin.getByLabel('Name', { exact: true }).fill('Phoenix Recovery Community');
    await admin.getByLabel('Contact email (optional)').fill('hello@phoenix.example.org');
    await admin.getByRole('button', { name: 'Save and continue' }).click();
    await admin.getByRole('link', { name: 'First admin' }).click();
    await check(admin, 'onboard-admin');
    await admin.getByLabel('Their email address').fill('sam@phoenix.example.org');
    await admin.getByRole('button', { name: 'Save and continue' }).click();
    await admin.waitForURL('**/onboard');
    await check(admin, 'onboard-check');
    await admin.getByRole('button', { name: 'Create the LERO and its invitation link' }).click();
    await admin.waitForURL('**/onboard/invitation');
    const link = await admin.getByLabel('Invitation link for sam@phoenix.example.org').inputValue();
    expect(link).toMatch(new RegExp(`^${h.webUrl}/invitations/accept\\?token=`));
    await admin.getByRole('button', { name: 'Copy link' }).click();
    await admin.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    await expect(admin.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(link);
    await check(admin, 'onboard-invitation');

    const sam = await open();
    await sam.goto(link);
    await check(sam, 'accept-invitation');
    await sam.getByLabel('Email address', { exact: true }).fill('sam@phoenix.example.org');
    await sam.getByLabel('Your name').fill('Sam');
    await sam.getByLabel('Create a password').fill('correct horse battery staple');
    await sam.getByRole('button', { name: 'Accept and sign in' }).click();
    await setUpTwoFactor(sam, 'sam@phoenix.example.org', 'correct horse battery staple');
    await sam.waitForURL(/\/leros\/[0-9a-f-]{36}$/);
    await expect(
      sam.getByRole('heading', { name: 'Phoenix Recovery Community', level: 1 }).isVisible(),
    ).resolves.toBe(true);
    await check(sam, 'lero-home');

    await sam.getByRole('button', { name: 'Invite someone' }).click();
    await sam.waitForURL('**/team/invite');
    await check(sam, 'invite');
    await sam.getByLabel('Their email address').fill('alex@phoenix.example.org');
    await sam.getByLabel('Coordinator').check();
    await sam.getByRole('button', { name: 'Create invitation link' }).click();
    await sam.waitForURL('**/team/invitation');
    await expect(
      sam.getByText('alex@phoenix.example.org is invited as coordinator').isVisible(),
    ).resolves.toBe(true);
    await check(sam, 'invitation-link');

    // The team: who is in it and who is invited; a pending invitation cancelled after a confirmation.
    await sam.goto(sam.url().replace(/\/invitation$/, ''));
    await sam.getByText('alex@phoenix.example.org').first().waitFor();
    await check(sam, 'team');
    await sam.getByRole('link', { name: /^Cancel/ }).click();
    await check(sam, 'confirm-cancel-invitation');
    await sam.getByRole('button', { name: 'Yes, cancel it' }).click();
    await sam.getByText('The link for alex@phoenix.example.org no longer works.').waitFor();
    await sam.goto(`${h.webUrl}/account/password`);
    await check(sam, 'change-password');

    // Signing in again: the password, then the code from the app.
    const menu = admin.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.waitForURL('**/sign-in');
    await admin.getByLabel('Email address', { exact: true }).fill(h.admin.email);
    await admin.getByLabel('Password', { exact: true }).fill(h.admin.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL('**/sign-in/code');
    await check(admin, 'sign-in-code');
    await admin.getByLabel('Code').fill(await h.given.authenticators.code(h.admin.email));
    await admin.getByRole('button', { name: 'Continue' }).click();
    await admin.waitForURL('**/regions');
    await admin.getByRole('link', { name: 'North East' }).click();
    await expect(admin.getByRole('cell', { name: 'Active' }).isVisible()).resolves.toBe(true);
    await check(admin, 'region-with-lero');
    regionUrl = admin.url();

    // The narrowest phones: pages with tables and lists still fit 320 px.
    await admin.setViewportSize({ width: 320, height: 640 });
    await check(admin, 'region-320', 320);
    await admin.goto(`${h.webUrl}/regions`);
    await check(admin, 'regions-320', 320);
    await sam.setViewportSize({ width: 320, height: 640 });
    await sam.goto(`${h.webUrl}/account`);
    await check(sam, 'account-320', 320);
    await sam.goto(h.webUrl);
    await sam.waitForURL(/\/leros\/[0-9a-f-]{36}$/);
    await check(sam, 'lero-home-320', 320);

    // The region's side of a LERO: a change behind a confirmation page; its team then sees a friendly 403.
    await admin.setViewportSize(PHONE);
    await admin.goto(sam.url());
    await check(admin, 'lero-for-region-admin');
    await admin.getByRole('button', { name: 'Suspend' }).click();
    await check(admin, 'confirm-suspend');
    await admin.getByRole('button', { name: 'Yes, suspend it' }).click();
    await admin.getByText('Phoenix Recovery Community is suspended.').waitFor();
    await check(admin, 'lero-suspended');
    await sam.reload();
    await expect(sam.getByRole('heading', { name: 'You cannot see this page' }).isVisible()).resolves.toBe(
      true,
    );
    await check(sam, 'forbidden-320', 320);
    await admin.goto(`${h.webUrl}/leros/00000000-0000-7000-8000-000000000000`);
    await check(admin, 'not-found');
  }, 120_000);

  it('appoints a commissioner by an invitation link, as a LERO’s first admin', async () => {
    await admin.setViewportSize(PHONE);
    await admin.goto(regionUrl);
    await admin.getByRole('button', { name: 'Invite a region admin or commissioner' }).click();
    await admin.waitForURL('**/invite');
    await admin.getByLabel('Their email address').fill('chris@council.example.gov.uk');
    await admin.getByLabel('Commissioner').check();
    await check(admin, 'region-invite');
    await admin.getByRole('button', { name: 'Create invitation link' }).click();
    await admin.getByText('chris@council.example.gov.uk is invited as commissioner').waitFor();
    await check(admin, 'region-invitation-link');
  }, 60_000);
});

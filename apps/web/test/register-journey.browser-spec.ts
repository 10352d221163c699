import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { Journey, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { apiCall, passphraseOf, setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * A hall with no signal (ADR 0034), on a phone (375×812) in real headless Chromium: a LERO's admin prints the
 * session's register before leaving (the printed page has no navigation, buttons or banners, only the sheet),
 * and back online enters who came in one go. Every page passes axe's WCAG 2.2 A/AA rules, fits the screen,
 * and is saved as a screenshot under `screenshots/web/register` (with the printed register as a PDF).
 */
describe('a register on paper, in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let lero: LeroFixture;
  let sam: Page;
  let session: string;

  const check = (page: Page, name: string) => journey.check(page, name);

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('register'));
    await journey.prepare();
    lero = await setUpLero(h);
    const token = await h.given.login('sam@phoenix.example.org', passphraseOf('Sam'));
    const tenant = `/api/v1/tenants/${lero.leroId}`;
    // Half an hour from now: people can still say they are coming, and the register is open.
    const start = DateTime.now().plus({ minutes: 30 }).setZone('Europe/London');
    const activity = await apiCall<{ id: string }>(h, 'POST', `${tenant}/activities`, token, {
      title: 'Recovery café',
      category: 'peer-support',
      visibility: 'members',
      capacity: 3,
      location: { name: 'St Mark’s church hall', postcode: 'NE6 1AA' },
      schedule: { startsAt: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: 90 },
    });
    const from = encodeURIComponent(start.minus({ days: 1 }).toISO()!);
    session = (
      await apiCall<{ items: { id: string }[] }>(
        h,
        'GET',
        `${tenant}/sessions?activityId=${activity.id}&from=${from}`,
        token,
      )
    ).items[0].id;
    for (const displayName of ['Priya', 'Jo', 'Alex', 'Morgan']) {
      const member = await apiCall<{ id: string }>(h, 'POST', `${tenant}/members`, token, { displayName });
      await apiCall(h, 'POST', `${tenant}/sessions/${session}/rsvps`, token, { memberId: member.id });
    }
    sam = await journey.open(h.webUrl);
    await signInInBrowser(sam, h.webUrl, {
      email: 'sam@phoenix.example.org',
      password: passphraseOf('Sam'),
      code: () => h.given.authenticators.code('sam@phoenix.example.org'),
    });
    await sam.waitForURL(`**/leros/${lero.leroId}`);
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('prints the register: the expected by name, a box each, lines for newcomers, and nothing else', async () => {
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/sessions/${session}`);
    await sam.getByRole('link', { name: 'Print the register' }).click();
    await sam.waitForURL('**/register/print');
    await sam.getByRole('heading', { name: 'Register: Recovery café' }).waitFor();
    // With JavaScript, a button prints it (the browser's own Print does the same without).
    await expect(sam.getByRole('button', { name: 'Print this register' }).isVisible()).resolves.toBe(true);
    await check(sam, 'register-print-screen');

    await sam.emulateMedia({ media: 'print' });
    for (const chrome of [
      '.govuk-template__header',
      '.govuk-footer',
      '.govuk-back-link',
      '.hearth-exit-this-page',
      '[data-hearth-print]',
    ])
      await expect([chrome, await sam.locator(chrome).first().isVisible()]).toEqual([chrome, false]);
    const expected = sam.getByRole('table', { name: /^Expected/ });
    await expect(expected.getByRole('rowheader').allTextContents()).resolves.toEqual([
      'Alex',
      'Jo',
      'Priya',
      'Morgan (waitlist)',
    ]);
    await expect(sam.getByRole('img', { name: 'Box to tick' }).count()).resolves.toBe(4 + 8);
    await expect(sam.getByText('Enter this register afterwards at').isVisible()).resolves.toBe(true);
    await check(sam, 'register-print-paper');
    // What the printer gets, for a reviewer to look at.
    await sam.pdf({ path: join(screenshotsDir('register'), 'register.pdf'), format: 'A4' });
    await sam.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('enters who came from the paper register, once back online', async () => {
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/sessions/${session}`);
    await sam.getByRole('link', { name: 'enter who came' }).click();
    await sam.waitForURL('**/register');
    await check(sam, 'register-enter');
    await sam.getByLabel('Priya').check();
    await sam.getByLabel('Morgan (waitlist)').check();
    await sam.getByLabel('Walk-ins').fill('lots');
    await sam.getByRole('button', { name: 'Save who came' }).click();
    await sam.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(sam, 'register-enter-errors');
    await sam.getByRole('link', { name: /^Enter the number of walk-ins/ }).click();
    await expect(sam.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('walkIns');
    // The ticks typed before the error are kept.
    await expect(sam.getByLabel('Priya').isChecked()).resolves.toBe(true);
    await sam.getByLabel('Walk-ins').fill('3');
    await sam.getByRole('button', { name: 'Save who came' }).click();
    await sam.getByText('5 people came: 2 named and 3 walk-ins.').waitFor();
    await check(sam, 'register-saved');
  }, 60_000);
});

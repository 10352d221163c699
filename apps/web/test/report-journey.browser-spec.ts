import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { pdfTextLines } from '@hearth/testing';
import { Journey, PHONE, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { releaseMonth, setUpReportingRegion, type ReportFixture } from './report-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The commissioner's journey on a phone (375×812) in real headless Chromium: signing in lands on the
 * region's impact report; they switch between months, quarters and years and between LEROs and types of
 * activity, read why some figures are suppressed, and download the CSV and the PDF. A LERO's admin then reads its own
 * exact figures. Every page passes axe's WCAG 2.2 A/AA rules, fits the screen, and is saved as a
 * screenshot under `screenshots/web/report`.
 */
describe('the commissioner’s impact report in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let f: ReportFixture;

  const check = (page: Page, name: string, width?: number) => journey.check(page, name, width);
  const signIn = (page: Page, email: string, password: string, code?: () => Promise<string>) =>
    signInInBrowser(page, h.webUrl, { email, password, code });
  const show = async (page: Page, period: string, by: string) => {
    await page.getByRole('radio', { name: period, exact: true }).check();
    await page.getByRole('radio', { name: by, exact: true }).check();
    await page.getByRole('button', { name: 'Show figures' }).click();
  };

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('report'));
    await journey.prepare();
    f = await setUpReportingRegion(h);
    await releaseMonth(h, f.month);
  }, 120_000);

  afterAll(async () => {
    await journey?.close();
    await browser?.close();
    await h?.close();
  });

  it('reads the suppressed report by month, quarter and year, by LERO and by type of activity, and downloads it', async () => {
    const cass = await journey.open(h.webUrl);
    await signIn(cass, f.commissioner.email, f.commissioner.password);
    await cass.waitForURL(`**/regions/${f.regionId}/report`);
    await cass.getByRole('heading', { name: /^Monthly figures by LERO/ }).waitFor();
    // The chart is there and drawn (fetched through the web app, which holds the API token).
    await expect(
      cass.locator('.hearth-chart img').evaluate((img: { naturalWidth: number }) => img.naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await check(cass, 'report');

    // This month only, by LERO: the busy LERO's figures are shown, the others' suppressed and explained.
    await cass.getByLabel('From', { exact: true }).fill(f.month);
    await cass.getByLabel('To', { exact: true }).fill(f.month);
    await show(cass, 'Months', 'Each LERO');
    const table = cass.locator(`#period-${f.month}`);
    await expect(
      table
        .getByRole('row', { name: /^Phoenix Recovery Community/ })
        .getByRole('cell')
        .nth(3)
        .textContent(),
    ).resolves.toBe('30');
    await expect(table.getByText('Suppressed').count()).resolves.toBeGreaterThan(5);
    await expect(cass.getByText('[c] means a figure is suppressed').isVisible()).resolves.toBe(true);
    await check(cass, 'report-month-by-lero');
    await cass.getByText('How these figures protect the people behind them').click();
    await expect(cass.getByText('more figures are hidden').isVisible()).resolves.toBe(true);
    await check(cass, 'report-rules');

    // By type of activity: a second figure suppressed where the total would give a small one away.
    await show(cass, 'Months', 'Each type of activity');
    await cass.getByRole('heading', { name: /^Monthly figures by type of activity/ }).waitFor();
    await expect(
      cass
        .locator(`#period-${f.month}`)
        .getByRole('row', { name: /^Peer support group/ })
        .textContent(),
    ).resolves.toContain('Suppressed');
    await check(cass, 'report-month-by-category');

    await show(cass, 'Quarters', 'Each LERO');
    await cass.getByRole('heading', { name: /^Quarterly figures by LERO/ }).waitFor();
    await check(cass, 'report-quarter-by-lero');
    await show(cass, 'Years', 'Each type of activity');
    await cass.getByRole('heading', { name: /^Yearly figures by type of activity/ }).waitFor();
    await check(cass, 'report-year-by-category');

    // The form is checked on the server; its errors link to their fields.
    await cass.getByLabel('From', { exact: true }).fill('soon');
    await cass.getByRole('button', { name: 'Show figures' }).click();
    await cass.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await check(cass, 'report-errors');
    await cass.getByRole('link', { name: /^The first period must be/ }).click();
    await expect(cass.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('from');

    // Back to this month by LERO, then the spreadsheet.
    await cass.getByLabel('From', { exact: true }).fill(f.month);
    await cass.getByLabel('To', { exact: true }).fill(f.month);
    await show(cass, 'Months', 'Each LERO');
    const [download] = await Promise.all([
      cass.waitForEvent('download'),
      cass.getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`impact-lero-month-${f.month}-${f.month}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'period,status,leroId,lero,newMembers,activeMembers,sessionsHeld,attendances,uniqueParticipants,walkIns,signposts,' +
        'volunteerHours,activeVolunteers,meetingsAttended,asksRaised,asksResolved',
    );
    const lines = parse(csv, { columns: true }) as Record<string, string>[];
    expect(lines.find((l) => l.lero === 'Phoenix Recovery Community')).toMatchObject({
      attendances: '30',
      walkIns: '*',
    });
    expect(lines.find((l) => l.lero === 'Lantern Arts Collective')).toMatchObject({ attendances: '*' });
    expect(lines.at(-1)).toMatchObject({ lero: 'Regional total', newMembers: '40', attendances: '*' });

    // The PDF, laid out as the page: the same figures, suppressed ones marked [c] as on screen.
    const [pdfDownload] = await Promise.all([
      cass.waitForEvent('download'),
      cass.getByRole('link', { name: 'PDF', exact: true }).click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toBe(`impact-lero-month-${f.month}-${f.month}.pdf`);
    const pdf = pdfTextLines(await readFile((await pdfDownload.path())!));
    const pdfRow = (name: string) => {
      const at = pdf.indexOf(name);
      return pdf.slice(at + 1, at + 13); // the twelve figures of a row, asks resolved last
    };
    const pageRow = async (name: string) =>
      (
        await table
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .getByRole('cell')
          .allTextContents()
      ).map((t) => t.replace(/Suppressed|,/g, '').trim());
    for (const name of ['Phoenix Recovery Community', 'Lantern Arts Collective', 'Regional total'])
      expect([name, ...pdfRow(name)]).toEqual([name, ...(await pageRow(name))]);
    expect(pdfRow('Lantern Arts Collective')).toContain('[c]');
    expect(pdf.join('\n')).toContain('[c] means suppressed');

    // The narrowest phones: the tables scroll inside their own boxes, never the page.
    await cass.setViewportSize({ width: 320, height: 640 });
    await check(cass, 'report-320', 320);
    await cass.setViewportSize(PHONE);
  }, 120_000);

  it('shows a LERO’s admin its own exact figures, marked not for publication', async () => {
    const sam = await journey.open(h.webUrl);
    await signIn(sam, 'sam@phoenix.example.org', 'Sam’s long passphrase', () =>
      h.given.authenticators.code('sam@phoenix.example.org'),
    );
    await sam.waitForURL(`**/leros/${f.busy.id}`);
    await followNavigation(sam, 'Impact figures');
    await sam.waitForURL('**/impact');
    await expect(
      sam.getByText('Exact figures for your own LERO – not for publication').isVisible(),
    ).resolves.toBe(true);
    await check(sam, 'lero-impact');
    await sam.getByRole('radio', { name: 'Each type of activity', exact: true }).check();
    await sam.getByRole('button', { name: 'Show figures' }).click();
    await sam.getByRole('heading', { name: /^Monthly figures by type of activity/ }).waitFor();
    await expect(
      sam
        .locator(`#period-${f.month}`)
        .getByRole('row', { name: /^Walking/ })
        .textContent(),
    ).resolves.toContain('28');
    await check(sam, 'lero-impact-by-category');
  }, 120_000);
});

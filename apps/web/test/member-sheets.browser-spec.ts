import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { Journey, followNavigation, launchChromium, screenshotsDir, signInInBrowser } from './browser';
import { setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/** A spreadsheet as a LERO keeps one: “Name” and “Email” headers, roles typed as people type them. */
async function peopleXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Our people');
  sheet.addRow(['Name', 'Email', 'Role']);
  sheet.addRow(['Asha Patel', 'Asha.Patel@phoenix.example.org', 'Member']);
  sheet.addRow(['Ben Okafor', null, 'VOLUNTEER; Peer Mentor']);
  sheet.addRow(['Cal Jones', 'cal@phoenix.example.org', 'staff']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first sheet of a downloaded workbook, each row's cells as text. */
async function workbookRows(download: Download): Promise<string[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  return rows;
}

/**
 * A LERO admin brings their spreadsheet into Hearth on a phone (375×812) in real headless Chromium: the template,
 * an XLSX with “Name, Email” headers checked and imported after confirming its columns (roles in any capitals,
 * the row without email flagged), the same file again changing nothing, and the list downloaded. Every page
 * passes axe's WCAG 2.2 A/AA rules, fits the screen, and is saved under `screenshots/web/member-sheets`.
 */
describe('a LERO admin’s spreadsheets in a browser (375×812)', () => {
  let h: WebHarness;
  let browser: Browser;
  let journey: Journey;
  let lero: LeroFixture;
  let sam: Page;

  const check = (page: Page, name: string) => journey.check(page, name);
  const downloadFrom = async (page: Page, link: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: link }).click(),
    ]);
    return download;
  };
  const uploadPeople = async () => {
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/members/import`);
    await sam.getByLabel('Spreadsheet file').setInputFiles({
      name: 'our-people.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await peopleXlsx(),
    });
    await sam.getByRole('button', { name: 'Check the file' }).click();
    await sam.getByRole('heading', { name: 'Check the import of our-people.xlsx' }).waitFor();
  };

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launchChromium()]);
    journey = new Journey(browser, screenshotsDir('member-sheets'));
    await journey.prepare();
    lero = await setUpLero(h);
    sam = await journey.open(h.webUrl);
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

  it('downloads the import template, as a workbook and as CSV', async () => {
    await followNavigation(sam, 'Members');
    await sam.getByRole('button', { name: 'Import from a spreadsheet' }).click();
    await sam.waitForURL('**/members/import');
    await check(sam, 'import');
    const xlsx = await downloadFrom(sam, 'Download the template as an Excel workbook');
    expect(xlsx.suggestedFilename()).toBe('hearth-members-template.xlsx');
    expect(await workbookRows(xlsx)).toEqual([
      ['Name', 'Email', 'Phone', 'Roles', 'Pathway', 'Preferred contact', 'Notes'],
    ]);
    const csv = await downloadFrom(sam, 'Download the template as a CSV file');
    expect(csv.suggestedFilename()).toBe('hearth-members-template.csv');
    expect(parse(await readFile((await csv.path())!), { bom: true })).toEqual([
      ['Name', 'Email', 'Phone', 'Roles', 'Pathway', 'Preferred contact', 'Notes'],
    ]);
  }, 60_000);

  it('imports an XLSX with “Name, Email” headers after its columns are confirmed, flagging the row without email', async () => {
    await uploadPeople();
    await check(sam, 'import-preview');
    await expect(sam.getByLabel('Column A: Name').inputValue()).resolves.toBe('displayName');
    await expect(sam.getByLabel('Column B: Email').inputValue()).resolves.toBe('email');
    await expect(sam.getByLabel('Column C: Role').inputValue()).resolves.toBe('communityRoles');
    await sam.getByText('3 new people to add').waitFor();
    await sam.getByText('1 row has no email address.').waitFor();
    const ben = sam.locator('#import-rows li', { hasText: 'Ben Okafor' });
    await expect(ben.getByText('No email').isVisible()).resolves.toBe(true);
    await expect(
      sam.locator('#import-rows li', { hasText: 'Asha Patel' }).getByText('No email').count(),
    ).resolves.toBe(0);

    await sam.getByRole('button', { name: 'Import 3 people' }).click();
    await sam.getByText('3 people added').waitFor();
    await check(sam, 'imported');
    // Roles in any capitals, with spaces: “VOLUNTEER; Peer Mentor” is volunteer and peer mentor.
    await sam
      .locator('.hearth-results__item', { hasText: 'Ben Okafor' })
      .getByText('Volunteer, Peer mentor')
      .waitFor();
    await sam.locator('.hearth-results__item', { hasText: 'Asha Patel' }).getByText('Member').waitFor();
  }, 60_000);

  it('changes nothing when the same file is imported again', async () => {
    const listed = async () => sam.locator('.hearth-results__item').count();
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/members`);
    const before = await listed();
    await uploadPeople();
    await sam.getByText('0 new people to add').waitFor();
    await sam.getByText('3 already here and unchanged').waitFor();
    await sam.getByText('importing it would change nothing').waitFor();
    await expect(sam.getByRole('button', { name: /^Import \d+/ }).count()).resolves.toBe(0);
    await check(sam, 'import-again');
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/members`);
    await expect(listed()).resolves.toBe(before);
  }, 60_000);

  it('sorts the list by name and downloads it as a workbook with the same people', async () => {
    await sam.goto(`${h.webUrl}/leros/${lero.leroId}/members`);
    await expect(sam.getByLabel('Sort by').inputValue()).resolves.toBe('name');
    const names = await sam.locator('.hearth-results__item a').allTextContents();
    expect(names).toEqual(['Asha Patel', 'Ben Okafor', 'Cal Jones']);
    const download = await downloadFrom(sam, 'Download as an Excel workbook (.xlsx)');
    expect(download.suggestedFilename()).toMatch(/^members-phoenix-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await workbookRows(download);
    expect(rows[0].slice(0, 3)).toEqual(['id', 'Name', 'Email']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(names);
    expect(rows.slice(1).map((r) => r[2])).toEqual([
      'asha.patel@phoenix.example.org',
      '',
      'cal@phoenix.example.org',
    ]);
  }, 60_000);
});

import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { XLSX_MEDIA_TYPE } from '@hearth/contracts';
import { expectForbidden, formFields, PageClient, type PageResponse, textOf } from '@hearth/testing';
import { acceptThroughWeb, apiCall, errorSummaryLinks, setUpLero, type LeroFixture } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

async function xlsx(rows: (string | null)[][]): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The members' spreadsheet pages against a real Hearth (standalone on embedded PostgreSQL, the web app as its
 * own container): the import's template, its preview and mapping, and the list's downloads and order.
 */
describe('members in and out of spreadsheets, on the pages', () => {
  let h: WebHarness;
  let lero: LeroFixture;
  let sam: PageClient;
  let base: string;

  const upload = (name: string, file: { text?: string; data?: Uint8Array; type?: string }) =>
    sam.postMultipart(`${base}/members/import`, {}, { file: { name, ...file } });
  const review = (page: PageResponse, over: Record<string, string> = {}) =>
    sam.postMultipart(
      `${base}/members/import/review`,
      {
        ...formFields(page.html, `${base}/members/import/review`),
        ...over,
      },
      {},
    );
  /** A download as the browser asks for it: the session's cookie, the answer's bytes. */
  const download = async (client: PageClient, path: string) => {
    const res = await fetch(`${h.webUrl}${path}`, {
      headers: { cookie: client.cookieHeader },
      redirect: 'manual',
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const memberNames = async (search: string) => {
    const token = await h.given.login(`sam@${lero.slug}.example.org`, 'Sam’s long passphrase');
    const page = await apiCall<{
      items: { displayName: string; communityRoles: string[]; email: string | null }[];
    }>(
      h,
      'GET',
      `/api/v1/tenants/${lero.leroId}/members?search=${encodeURIComponent(search)}&limit=100`,
      token,
    );
    return page.items;
  };

  beforeAll(async () => {
    h = await startWebHarness();
    const fixture = await setUpLero(h, 'sheets');
    lero = fixture;
    sam = fixture.sam;
    base = `/leros/${lero.leroId}`;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('offers the template as an Excel workbook and as CSV', async () => {
    const form = await sam.get(`${base}/members/import`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`href="${base}/members/import/template.xlsx"`);
    expect(form.html).toContain(`href="${base}/members/import/template.csv"`);
    const csv = await download(sam, `${base}/members/import/template.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="hearth-members-template.csv"');
    expect(parse(csv.bytes, { bom: true })).toEqual([
      ['Name', 'Email', 'Phone', 'Roles', 'Pathway', 'Preferred contact', 'Notes'],
    ]);
    const xl = await download(sam, `${base}/members/import/template.xlsx`);
    expect(xl.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    const workbook = new Workbook();
    await workbook.xlsx.load(xl.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([
      undefined,
      'Name',
      'Email',
      'Phone',
      'Roles',
      'Pathway',
      'Preferred contact',
      'Notes',
    ]);
  });

  it('previews an XLSX with “Name, Email” headers: the columns to confirm, rows without email flagged, roles in any case', async () => {
    const file = await xlsx([
      ['Name', 'Email', 'Role'],
      ['Priya Sheet', 'priya@sheets.example.org', 'Member'],
      ['Quinn Sheet', null, 'VOLUNTEER; peer mentor'],
    ]);
    const preview = await upload('people.xlsx', { data: file, type: XLSX_MEDIA_TYPE });
    expect(preview.status).toBe(200);
    const text = textOf(preview.html);
    expect(text).toContain('Check the import of people.xlsx');
    expect(text).toContain('Nothing has been added or changed yet');
    expect(text).toContain('2 new people to add');
    expect(text).toContain('1 row has no email address');
    expect(text).toMatch(/Row 3: Quinn Sheet New No email/);
    expect(formFields(preview.html, `${base}/members/import/review`)).toMatchObject({
      format: 'xlsx',
      filename: 'people.xlsx',
      'column-0': 'displayName',
      'column-1': 'email',
      'column-2': 'communityRoles',
    });
    expect(await memberNames('Sheet')).toEqual([]);

    const done = await review(preview, { action: 'import' });
    expect(done.status).toBe(303);
    expect(textOf((await sam.follow(done)).html)).toContain('2 people added');
    expect((await memberNames('Sheet')).map((m) => [m.displayName, m.communityRoles])).toEqual([
      ['Priya Sheet', ['member']],
      ['Quinn Sheet', ['volunteer', 'peer-mentor']],
    ]);

    const again = await upload('people.xlsx', { data: file, type: XLSX_MEDIA_TYPE });
    const words = textOf(again.html);
    expect(words).toContain('0 new people to add');
    expect(words).toContain('2 already here and unchanged');
    expect(words).toContain('importing it would change nothing');
    expect(words).not.toMatch(/Import \d+ (person|people)/);
    const forced = await review(again, { action: 'import' });
    expect(textOf((await sam.follow(forced)).html)).toContain('Nothing changed');
    expect(await memberNames('Sheet')).toHaveLength(2);
  });

  it('asks what an unknown column holds, and checks again with the columns chosen', async () => {
    const csv = 'Who,Contact,Shoe size\nRowan Map,rowan@sheets.example.org,9\n';
    const first = await upload('mapped.csv', { text: csv });
    expect(first.status).toBe(200);
    expect(errorSummaryLinks(first.html)).toEqual(['#problems']);
    const text = textOf(first.html);
    expect(text).toContain('Row 1, column A (Who) Found: “Who” Is not a column Hearth knows');
    expect(text).toContain('Hearth does not know this column');
    // Import pressed with the columns changed since the check: the page checks again first, writing nothing.
    const mapped = await review(first, {
      'column-0': 'displayName',
      'column-1': 'email',
      'column-2': '-',
      action: 'import',
    });
    expect(mapped.status).toBe(200);
    expect(textOf(mapped.html)).toContain('1 new person to add');
    expect(textOf(mapped.html)).not.toContain('Problems in');
    expect(await memberNames('Rowan')).toEqual([]);
    const done = await review(mapped, { action: 'import' });
    expect(textOf((await sam.follow(done)).html)).toContain('1 person added');
    expect(await memberNames('Rowan')).toEqual([
      expect.objectContaining({ email: 'rowan@sheets.example.org' }),
    ]);
  });

  it('shows a friendly page for a file it cannot read, never an error page', async () => {
    for (const [name, file, words] of [
      ['old.xls', { text: 'x' }, 'must be a CSV or an Excel workbook (.xlsx)'],
      [
        'broken.xlsx',
        { data: new Uint8Array(Buffer.from('PK\u0003\u0004 not really')) },
        'The file could not be read: it is not',
      ],
      ['empty.csv', { text: '' }, 'The selected file is empty'],
    ] as const) {
      const page = await upload(name, file);
      expect({ name, status: page.status }).toEqual({ name, status: 400 });
      expect(errorSummaryLinks(page.html)).toEqual(['#file']);
      expect(textOf(page.html)).toContain(words);
    }
    const tampered = await sam.postMultipart(
      `${base}/members/import/review`,
      { sheet: '%%%', format: 'csv' },
      {},
    );
    expect(tampered.status).toBe(400);
    expect(textOf(tampered.html)).toContain('Select it and upload it again');
  });

  it('sorts the list by name and downloads what the filters find, as CSV and XLSX', async () => {
    const list = await sam.get(`${base}/members?role=volunteer`);
    expect(list.html).toContain(`href="${base}/members.csv?role=volunteer"`);
    expect(list.html).toContain(`href="${base}/members.xlsx?role=volunteer"`);
    expect(list.html).toMatch(/<option value="name" selected>Name, A to Z<\/option>/);
    const byJoin = await sam.get(`${base}/members?sort=joined`);
    expect(byJoin.html).toMatch(/<option value="joined" selected>When they joined<\/option>/);

    const csv = await download(sam, `${base}/members.csv?role=volunteer`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /filename="members-sheets-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = parse(csv.bytes, { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Quinn Sheet']);
    const xl = await download(sam, `${base}/members.xlsx`);
    expect(xl.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    const workbook = new Workbook();
    await workbook.xlsx.load(xl.bytes as unknown as ArrayBuffer);
    const names: string[] = [];
    workbook.worksheets[0].eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(2).value));
    });
    expect(names).toEqual(['Priya Sheet', 'Quinn Sheet', 'Rowan Map']);
  });

  it('keeps the downloads and the import from volunteers', async () => {
    const val = await acceptThroughWeb(
      h,
      await lero.invite('val@sheets.example.org', 'volunteer'),
      'val@sheets.example.org',
      'Val',
    );
    for (const path of ['/members.csv', '/members.xlsx', '/members/import', '/members/import/template.csv']) {
      const res = await val.get(`${base}${path}`);
      expectForbidden(res);
    }
  });

  it('imports and exports through standalone’s own web app too (its API called in process, bytes and all)', async () => {
    const inProcess = { ...h, webUrl: h.hearth.url };
    const { sam: own, leroId } = await setUpLero(inProcess, 'inproc');
    const here = `/leros/${leroId}`;
    const preview = await own.postMultipart(
      `${here}/members/import`,
      {},
      {
        file: {
          name: 'p.xlsx',
          data: await xlsx([
            ['Name', 'Email'],
            ['Ivy', 'ivy@example.org'],
          ]),
          type: 'application/octet-stream',
        },
      },
    );
    expect(textOf(preview.html)).toContain('1 new person to add');
    const done = await own.postMultipart(
      `${here}/members/import/review`,
      { ...formFields(preview.html, `${here}/members/import/review`), action: 'import' },
      {},
    );
    expect(textOf((await own.follow(done)).html)).toContain('1 person added');
    const res = await fetch(`${h.hearth.url}${here}/members.xlsx`, { headers: { cookie: own.cookieHeader } });
    expect(res.status).toBe(200);
    const back = new Workbook();
    await back.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(back.worksheets[0].getRow(2).getCell(2).value).toBe('Ivy');
  });
});

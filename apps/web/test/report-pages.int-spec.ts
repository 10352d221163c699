import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { REPORT_METRICS } from '@hearth/contracts';
import { errorSummaryLinks, signInThroughWeb } from './lero-fixture';
import {
  expectForbidden,
  expectNotFound,
  navigationOf,
  PageClient,
  pdfTextLines,
  type PageResponse,
  tableRows,
  textOf,
} from '@hearth/testing';
import { releaseMonth, setUpReportingRegion, type ReportFixture } from './report-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const SUPPRESSED = '[c] Suppressed';
const METRIC_COLUMNS = [
  'New members',
  'Active members',
  'Sessions held',
  'Attendances',
  'Unique participants',
  'Walk-ins',
  'People signposted',
  'Volunteer hours',
  'Active volunteers',
  'Meetings attended',
  'Asks raised',
  'Asks resolved',
];

/**
 * The impact screens against a real Hearth (standalone on embedded PostgreSQL, the web app as its own
 * container): a region's disclosure-controlled report for its commissioner, with its CSV and chart, and a
 * LERO's own exact figures for its staff. The figures come from registers kept through the API.
 */
describe('impact report pages against a real Hearth', () => {
  let h: WebHarness;
  let f: ReportFixture;
  let cass: PageClient; // the region's commissioner
  let report: string;
  let month: string;

  const monthQuery = (by = 'lero', period = 'month') =>
    `?period=${period}&from=${month}&to=${month}&by=${by}`;
  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };

  beforeAll(async () => {
    h = await startWebHarness();
    f = await setUpReportingRegion(h);
    cass = f.commissioner.client;
    report = `/regions/${f.regionId}/report`;
    month = f.month;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('says plainly when no period is released yet, and when its figures are due', async () => {
    const page = ok(await cass.get(`${report}${monthQuery()}`));
    const text = textOf(page.html);
    expect(text).toContain('No figures have been released for these periods yet');
    expect(text).toMatch(/Not released .*: figures are released on \d{1,2} \w+ \d{4}, 7 days after it ends/);
    expect(page.html).not.toContain('govuk-table__body');
    expect(page.html).not.toContain('.csv?');
  });

  describe('the regional report', () => {
    beforeAll(async () => {
      await releaseMonth(h, month);
    });

    it('lands a commissioner on their region’s report, with Impact report in the navigation', async () => {
      expect((await cass.get('/')).location).toBe(report);
      const page = ok(await cass.get(report));
      expect(navigationOf(page.html)).toEqual(['Impact report', 'Your account']);
      expect(page.html).toMatch(/govuk-service-navigation__item--active[^]*?Impact report/);
      const text = textOf(page.html);
      expect(text).toContain('North East Impact report');
      // By default the last six months, by LERO.
      expect(text).toMatch(/Monthly figures by LERO, \w+ \d{4} to \w+ \d{4}/);
    });

    it('shows each LERO’s figures, rounded or suppressed, with the regional total and the period’s status', async () => {
      const page = ok(await cass.get(`${report}${monthQuery()}`));
      const rows = tableRows(page.html, `period-${month}`);
      expect(rows[0]).toEqual(['LERO', ...METRIC_COLUMNS]);
      expect(rows.slice(1)).toEqual(
        expect.arrayContaining([
          // 3 people: everything but the zero walk-ins is suppressed.
          [
            'Lantern Arts Collective',
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            '0',
            '0',
            '0',
            '0',
            '0',
            '0',
            '0',
          ],
          [
            'Harbour Peer Support',
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            '0',
            '0',
            '0',
            '0',
            '0',
            '0',
            '0',
          ],
          // New members: with only one more LERO suppressed beside the 3, that LERO could subtract its own
          // figure from the total and find the 3, so all three rows go and the total (38 → 40) stays.
          // Attendances (28 → 30): each LERO runs one type of activity, so rows shown beside the total
          // would give the types away; the total goes instead.
          [
            'Phoenix Recovery Community',
            SUPPRESSED,
            SUPPRESSED,
            SUPPRESSED,
            '30',
            '25',
            SUPPRESSED,
            '0',
            '0',
            '0',
            '0',
            '0',
            '0',
          ],
        ]),
      );
      // Totals from the exact figures: 23 + 3 + 12 = 38 → 40.
      expect(rows[rows.length - 1]).toEqual([
        'Regional total',
        '40',
        '40',
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
      ]);
      const text = textOf(page.html);
      expect(text).toMatch(
        /November|January|February|March|April|May|June|July|August|September|October|December/,
      );
      expect(text).toContain('Final');
      expect(text).toContain('3 of the region’s 3 LEROs recorded sessions in this period.');
      expect(text).toContain('Only released periods are shown');
      // The key to [c], near the table, and the rules in full behind a details component.
      expect(text).toContain('[c] means a figure is suppressed: it was between 1 and 7');
      expect(text).toContain('Every other figure is rounded to the nearest 5');
      expect(text).toContain('How these figures protect the people behind them');
      expect(text).toContain('A figure that adds LEROs up needs at least three of them');
      expect(text).toContain('more figures are hidden');
      // A table of figures: caption, scoped headers, numbers right-aligned.
      expect(page.html).toContain(
        `<caption class="govuk-table__caption govuk-table__caption--m" id="period-${month}-caption">`,
      );
      expect(page.html).toMatch(
        /<th scope="col" class="govuk-table__header govuk-table__header--numeric">Attendances<\/th>/,
      );
      expect(page.html).toMatch(/<th scope="row" class="govuk-table__header">\s*Phoenix Recovery Community/);
      expect(page.html).toContain('govuk-table__cell--numeric');
    });

    it('breaks the region down by type of activity, suppressing a second cell where the total would give one back', async () => {
      const page = ok(await cass.get(`${report}${monthQuery('category')}`));
      const rows = tableRows(page.html, `period-${month}`);
      expect(rows[0][0]).toBe('Type of activity or signposting');
      const row = (name: string) => rows.find((r) => r[0] === name)!;
      // New and active members and volunteers are not counted by category, nor signposts by type of activity.
      // Each type of activity has one LERO: none of them is shown.
      expect(row('Walking')).toEqual([
        'Walking',
        '– Not counted in this row',
        '– Not counted in this row',
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        '– Not counted in this row',
        '– Not counted in this row',
        '– Not counted in this row',
        '– Not counted in this row',
        '– Not counted in this row',
        '– Not counted in this row',
      ]);
      expect(row('Arts and crafts')[4]).toBe(SUPPRESSED);
      expect(row('Peer support group')[4]).toBe(SUPPRESSED);
      expect(row('Music')[4]).toBe('0');
      expect(textOf(page.html)).toContain('Monthly figures by type of activity');
    });

    it('switches to quarters and years, keeping the range the form asked for', async () => {
      const quarter = ok(await cass.get(`${report}${monthQuery('lero', 'quarter')}`));
      const q = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
      expect(quarter.html).toContain(`value="${q}"`);
      expect(textOf(quarter.html)).toContain(`Quarterly figures by LERO, Q${q.slice(6)} ${q.slice(0, 4)}`);
      expect(tableRows(quarter.html, `period-${q.toLowerCase()}`).at(-1)?.[1]).toBe('40');

      const year = ok(await cass.get(`${report}${monthQuery('lero', 'year')}`));
      expect(textOf(year.html)).toContain(`Yearly figures by LERO, ${month.slice(0, 4)}`);
      expect(tableRows(year.html, `period-${month.slice(0, 4)}`).at(-1)?.[1]).toBe('40');
    });

    it('sets each period beside the same period a year before when asked', async () => {
      const page = ok(await cass.get(`${report}${monthQuery()}&compare=year-before`));
      expect(page.html).toMatch(/<input[^>]*name="compare"[^>]*value="year-before"[^>]*checked/);
      const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
      const before = tableRows(page.html, `before-period-${lastYear}`);
      // The region did not exist a year before: released with nothing in it.
      expect(before.at(-1)).toEqual(['Regional total', ...Array(METRIC_COLUMNS.length).fill('0')]);
      expect(textOf(page.html)).toContain('a year before');
      expect(textOf(page.html)).toContain('No LERO was in the region in this period.');
    });

    it('embeds the chart with a meaningful alternative, served through the web app', async () => {
      const page = ok(await cass.get(`${report}${monthQuery()}&metric=attendances`));
      const img = /<img src="([^"]+)" alt="([^"]+)"/.exec(page.html);
      expect(img).not.toBeNull();
      expect(img![2]).toContain('Line chart of attendances by month');
      expect(img![2]).toContain('The tables below give the same figures');
      const src = img![1].replace(/&amp;/g, '&');
      expect(src).toMatch(new RegExp(`^${report}/chart\\.svg\\?`));
      const res = await fetch(`${h.webUrl}${src}`, { headers: { cookie: cass.cookieHeader } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('image/svg+xml');
      const svg = await res.text();
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain('Regional total');
      expect(svg).toContain('A gap in a line is a suppressed figure');
      // Without the session there is no chart.
      expect((await fetch(`${h.webUrl}${src}`, { redirect: 'manual' })).status).toBe(303);
    });

    it('downloads the CSV through the web app: a header line, * for suppressed figures, the total last', async () => {
      const page = ok(await cass.get(`${report}${monthQuery()}`));
      const href = /href="([^"]+\.csv\?[^"]+)"/.exec(page.html)![1].replace(/&amp;/g, '&');
      expect(href).toBe(`${report}.csv?period=month&from=${month}&to=${month}&by=lero`);
      const res = await fetch(`${h.webUrl}${href}`, { headers: { cookie: cass.cookieHeader } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="impact-lero-month-${month}-${month}.csv"`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      const lines = parse(await res.text(), { columns: true }) as Record<string, string>[];
      expect(Object.keys(lines[0])).toEqual(['period', 'status', 'leroId', 'lero', ...REPORT_METRICS]);
      expect(lines.find((l) => l.leroId === f.busy.id)).toMatchObject({
        period: month,
        status: 'released',
        attendances: '30',
        walkIns: '*',
      });
      expect(lines.find((l) => l.leroId === f.quiet.id)).toMatchObject({ attendances: '*', walkIns: '0' });
      expect(lines.at(-1)).toMatchObject({ lero: 'Regional total', newMembers: '40', attendances: '*' });
    });

    it('downloads the spreadsheet and the PDF through the web app, suppressed figures marked [c] as on the page', async () => {
      const page = ok(await cass.get(`${report}${monthQuery()}`));
      const table = tableRows(page.html, `period-${month}`);
      const href = (ext: string) =>
        new RegExp(`href="([^"]+\\.${ext}\\?[^"]+)"`).exec(page.html)![1].replace(/&amp;/g, '&');
      expect(href('xlsx')).toBe(`${report}.xlsx?period=month&from=${month}&to=${month}&by=lero`);
      const get = (path: string) => fetch(`${h.webUrl}${path}`, { headers: { cookie: cass.cookieHeader } });
      const xlsx = await get(href('xlsx'));
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-disposition')).toBe(
        `attachment; filename="impact-lero-month-${month}-${month}.xlsx"`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet: string[][] = [];
      workbook.worksheets[0].eachRow((row) => sheet.push((row.values as unknown[]).slice(1).map(String)));
      // Each of the page's rows, with the same figures: [c] where the page says [c] Suppressed.
      const onPage = table.slice(1).map((r) => r.map((c) => c.replace(SUPPRESSED, '[c]').replace(/,/g, '')));
      for (const row of onPage) expect(sheet).toContainEqual(row);
      const pdf = await get(href('pdf'));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const lines = pdfTextLines(Buffer.from(await pdf.arrayBuffer()));
      for (const row of onPage) {
        const at = lines.indexOf(row[0]);
        expect(lines.slice(at, at + row.length)).toEqual(row);
      }
      // Only what the page's links carry; another region's is not found; a LERO's admin may not.
      expect((await cass.get(`${report}.pdf?period=week&from=x&to=y&by=lero`)).status).toBe(400);
      expectNotFound(await cass.get(`/regions/${f.otherRegionId}/report.xlsx${monthQuery()}`));
      expectForbidden(await f.busy.admin.get(`${report}.pdf${monthQuery()}`));
    });

    it('validates the form on the server: its own errors and the API’s in the error summary', async () => {
      const bad = await cass.get(`${report}?period=week&from=&to=soon&by=lero`);
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('<title>Error: Impact report for North East – Hearth</title>');
      expect(errorSummaryLinks(bad.html)).toEqual(['#period', '#from', '#to']);
      expect(bad.html).toContain('value="soon"');
      expect(bad.html).not.toContain('govuk-table__body');

      // Only the API knows what has begun, and how long a report may be: its field errors land on "To".
      const future = await cass.get(`${report}?period=month&from=2099-01&to=2099-01&by=lero`);
      expect(future.status).toBe(400);
      expect(errorSummaryLinks(future.html)).toEqual(['#to']);
      expect(textOf(future.html)).toContain('To must not be in a period that has not begun');
      const long = await cass.get(`${report}?period=month&from=2019-01&to=${month}&by=lero`);
      expect(long.status).toBe(400);
      expect(textOf(long.html)).toContain('To must be at most five years after from');

      // The CSV and chart take only what the page's own links carry.
      expect((await cass.get(`${report}.csv?period=week&from=x&to=y&by=lero`)).status).toBe(400);
    });

    it('links the report from the region’s page for the region’s people, and platform admins read it too', async () => {
      expect(textOf((await cass.get(`/regions/${f.regionId}`)).html)).toContain('Impact report:');
      const admin = new PageClient(h.webUrl);
      await signInThroughWeb(h, admin, h.admin.email, h.admin.password);
      const page = ok(await admin.get(`${report}${monthQuery()}`));
      expect(tableRows(page.html, `period-${month}`).at(-1)?.[1]).toBe('40');
    });
  });

  describe('who may see what', () => {
    it('answers another region’s report, CSV and chart with 404 to a commissioner', async () => {
      const other = `/regions/${f.otherRegionId}/report`;
      expectNotFound(await cass.get(other));
      expectNotFound(await cass.get(`${other}.csv${monthQuery()}`));
      expectNotFound(await cass.get(`${other}/chart.svg${monthQuery()}`));
      // Nor a LERO's exact figures: a commissioner's grants do not reach a LERO at all.
      expectNotFound(await cass.get(`/leros/${f.busy.id}/impact`));
    });

    it('shows a LERO’s admin no regional report, and a friendly 403 if they ask', async () => {
      expect(navigationOf((await f.busy.admin.get(`/leros/${f.busy.id}`)).html)).not.toContain(
        'Impact report',
      );
      expectForbidden(await f.busy.admin.get(report));
      expectForbidden(await f.busy.admin.get(`${report}.csv${monthQuery()}`));
    });
  });
});

import { parse } from 'csv-parse/sync';
import { REPORT_METRICS } from '@hearth/contracts';
import { errorSummaryLinks, signInThroughWeb } from './lero-fixture';
import {
  PageClient,
  expectForbidden,
  expectNotFound,
  navigationOf,
  tableRows,
  textOf,
  type PageResponse,
} from './page-client';
import { setUpReportingRegion, type ReportFixture } from './report-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const SUPPRESSED = '[c] Suppressed';
const METRIC_COLUMNS = [
  'New members',
  'Active members',
  'Sessions held',
  'Attendances',
  'Unique participants',
  'Walk-ins',
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

  describe('the regional report', () => {
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
      // 23 checked in + 5 walk-ins = 28 → 30; 23 people → 25; 5 walk-ins and one session are small.
      expect(rows.slice(1)).toEqual(
        expect.arrayContaining([
          ['Phoenix Recovery Community', '25', '25', SUPPRESSED, '30', '25', SUPPRESSED],
          // 3 people: everything but the zero walk-ins is suppressed.
          ['Lantern Arts Collective', SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, '0'],
          // 12 people would be shown as 10, but the total minus it would give the 3 away: suppressed too.
          ['Harbour Peer Support', SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, '0'],
        ]),
      );
      // Totals from the exact figures: 28 + 3 + 12 = 43 → 45.
      expect(rows[rows.length - 1]).toEqual([
        'Regional total',
        '40',
        '40',
        SUPPRESSED,
        '45',
        '40',
        SUPPRESSED,
      ]);
      const text = textOf(page.html);
      expect(text).toMatch(
        /November|January|February|March|April|May|June|July|August|September|October|December/,
      );
      expect(text).toContain('Provisional');
      // The key to [c], near the table, and the rules in full behind a details component.
      expect(text).toContain('[c] means a figure is suppressed: it was between 1 and 7');
      expect(text).toContain('Every other figure is rounded to the nearest 5');
      expect(text).toContain('How these figures protect the people behind them');
      expect(text).toContain('a second figure is hidden too');
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
      expect(rows[0][0]).toBe('Type of activity');
      const row = (name: string) => rows.find((r) => r[0] === name)!;
      // New and active members are not counted by category.
      expect(row('Walking')).toEqual([
        'Walking',
        '– Not counted by type of activity',
        '– Not counted by type of activity',
        SUPPRESSED,
        '30',
        '25',
        SUPPRESSED,
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
      expect(tableRows(quarter.html, `period-${q.toLowerCase()}`).at(-1)?.[4]).toBe('45');

      const year = ok(await cass.get(`${report}${monthQuery('lero', 'year')}`));
      expect(textOf(year.html)).toContain(`Yearly figures by LERO, ${month.slice(0, 4)}`);
      expect(tableRows(year.html, `period-${month.slice(0, 4)}`).at(-1)?.[4]).toBe('45');
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
        status: 'provisional',
        attendances: '30',
        walkIns: '*',
      });
      expect(lines.find((l) => l.leroId === f.quiet.id)).toMatchObject({ attendances: '*', walkIns: '0' });
      expect(lines.at(-1)).toMatchObject({ lero: 'Regional total', attendances: '45' });
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
      expect(tableRows(page.html, `period-${month}`).at(-1)?.[4]).toBe('45');
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

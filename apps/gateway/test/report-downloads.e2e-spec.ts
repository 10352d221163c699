import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { eventually, pdfTextLines, type ApiResponse } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Cell = { value: number } | { suppressed: true };
interface Report {
  rows: {
    period: string;
    lero?: { id: string; name: string };
    category?: string;
    values: Record<string, Cell>;
  }[];
  totals: Record<string, { values: Record<string, Cell> }>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const METRICS = [
  'newMembers',
  'activeMembers',
  'sessionsHeld',
  'attendances',
  'uniqueParticipants',
  'walkIns',
  'signposts',
  'volunteerHours',
  'activeVolunteers',
  'meetingsAttended',
  'asksRaised',
  'asksResolved',
];
const LABELS = [
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
const dueOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 8));
};

/**
 * The report downloads (ADR 0034): the regional report as CSV, XLSX and PDF beside its JSON, and a LERO's own
 * figures as CSV and XLSX, through the gateway with the reporting service's real released figures. Every
 * suppressed figure of the JSON is suppressed in every format, and no format shows a number the JSON does not.
 */
describe('report downloads through the gateway', () => {
  let h: DistributedHearth;
  let platformAdmin: string;
  let region: { id: string; slug: string };
  let otherRegion: { id: string; slug: string };
  type Lero = { id: string; slug: string; adminToken: string };
  let busy: Lero;
  let quiet: Lero;
  let shy: Lero;
  let other: Lero;
  const tokens: Record<string, string | undefined> = {};
  let month: string;
  let n = 0;

  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const query = (params: Record<string, string> = {}) =>
    new URLSearchParams({ period: 'month', from: month, to: month, ...params }).toString();
  const regional = (ext: string, params: Record<string, string> = {}) =>
    `/api/v1/reports/impact${ext}?${query({ regionId: region.id, ...params })}`;
  const own = (lero: Lero, ext: string, params: Record<string, string> = {}) =>
    `/api/v1/tenants/${lero.id}/reports/impact${ext}?${query(params)}`;
  const bytes = async (path: string, token: string | undefined) => {
    const res = await fetch(`${h.api.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  async function regionUser(regionId: string, role: 'region-admin' | 'commissioner'): Promise<string> {
    const email = `${role}-${++n}@downloads.example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<Json>(`/api/v1/regions/${regionId}/invitations`, { email, role });
    return h.given.acceptInvitation(ok(invite, 201).token as string, email);
  }

  /** `people` members, one session in `category` that ended ten minutes ago, every one of them checked in. */
  async function activity(lero: Lero, category: string, people: number, walkIns = 0): Promise<void> {
    const api = h.api.as(lero.adminToken);
    const csv = ['displayName', ...Array.from({ length: people }, (_, i) => `Person ${i}`)].join('\n');
    ok(
      await api.request('POST', `/api/v1/tenants/${lero.id}/members/import`, csv, {
        'content-type': 'text/csv',
      }),
      201,
    );
    const members = ok(
      await api.get<{ items: { id: string }[] }>(`/api/v1/tenants/${lero.id}/members?limit=100`),
      200,
    );
    const start = new Date(Date.now() - 70 * MINUTE);
    const a = ok(
      await api.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
        title: `A ${category} group`,
        category,
        visibility: 'members',
        schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      }),
      201,
    );
    const from = encodeURIComponent(new Date(start.getTime() - DAY).toISOString());
    const [session] = ok(
      await api.get<{ items: { id: string }[] }>(
        `/api/v1/tenants/${lero.id}/sessions?activityId=${a.id}&from=${from}`,
      ),
      200,
    ).items;
    ok(
      await api.request('PUT', `/api/v1/tenants/${lero.id}/sessions/${session.id}/register`, {
        present: members.items.map((m) => m.id),
        walkIns,
      }),
      200,
    );
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    otherRegion = await h.given.region(platformAdmin);
    [busy, quiet, shy, other] = await Promise.all([
      h.given.lero(region.id, platformAdmin),
      h.given.lero(region.id, platformAdmin),
      h.given.lero(region.id, platformAdmin),
      h.given.lero(otherRegion.id, platformAdmin),
    ]);
    Object.assign(tokens, {
      'platform admin': platformAdmin,
      'region admin': await regionUser(region.id, 'region-admin'),
      commissioner: await regionUser(region.id, 'commissioner'),
      'another region’s commissioner': await regionUser(otherRegion.id, 'commissioner'),
      'tenant-admin': busy.adminToken,
      'another LERO’s admin': other.adminToken,
      anonymous: undefined,
    });
    for (const role of ['coordinator', 'volunteer', 'member'])
      tokens[role] = (await h.given.tenantUser(busy.id, role, busy.adminToken)).token;
    ok(
      await h.api
        .as(shy.adminToken)
        .patch(`/api/v1/tenants/${shy.id}`, { reportingVisibility: 'regional-total-only' }),
      200,
    );
    month = londonWallClock(new Date(Date.now() - 70 * MINUTE)).slice(0, 7);
    await activity(busy, 'walking', 23, 5);
    await activity(quiet, 'arts-crafts', 3);
    await activity(shy, 'peer-support', 12);
    await eventually(
      async () => {
        for (const [lero, attendances] of [
          [busy, 28],
          [quiet, 3],
          [shy, 12],
        ] as const) {
          const exact = ok(await h.api.as(lero.adminToken).get<Report>(own(lero, '')), 200);
          expect(exact.totals[month].values.attendances).toEqual({ value: attendances });
        }
      },
      { timeoutMs: 30_000 },
    );
    h.reportingClock.offsetMs = dueOf(month).getTime() + MINUTE - Date.now();
    await h.reporting.get(ReleaseService).sweep();
    h.reportingClock.offsetMs = 0;
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The JSON's cells in table order (each row, then the total), as the screen writes them. */
  const screenCells = (report: Report) =>
    [...report.rows.map((r) => r.values), report.totals[month].values].flatMap((values) =>
      METRICS.map((m) => values[m]).map((c) =>
        c === undefined ? '–' : 'suppressed' in c ? '[c]' : String(c.value),
      ),
    );

  it.each(['lero', 'category'])('says in CSV, XLSX and PDF exactly what the JSON says, by %s', async (by) => {
    const json = ok(await h.api.as(tokens.commissioner).get<Report>(regional('', { by })), 200);
    const expected = screenCells(json);
    // The fixture has primary and secondary suppression, and (by LERO) published figures; by category each type
    // of activity is one LERO's, so every one of them is suppressed.
    expect(expected).toContain('[c]');
    expect(expected.some((c) => /^\d+$/.test(c) && c !== '0')).toBe(by === 'lero');

    const csv = await bytes(regional('.csv', { by }), tokens.commissioner);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="impact-${by}-month-${month}-${month}.csv"`,
    );
    const lines = parse(csv.body.toString(), { columns: true }) as Record<string, string>[];
    expect(lines.flatMap((l) => METRICS.map((m) => l[m]))).toEqual(
      expected.map((c) => (c === '[c]' ? '*' : c === '–' ? '' : c)),
    );

    const xlsx = await bytes(regional('.xlsx', { by }), tokens.commissioner);
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const rows: string[][] = [];
    let header = -1;
    workbook.worksheets[0].eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1).map(String);
      if (cells.slice(1).join() === LABELS.join()) header = rows.length;
      rows.push(cells);
    });
    expect(header).toBeGreaterThan(0);
    expect(rows.slice(header + 1).flatMap((r) => r.slice(1))).toEqual(expected);

    const pdf = await bytes(regional('.pdf', { by }), tokens.commissioner);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfTextLines(pdf.body);
    expect(text.filter((l) => /^(\[c\]|\d+|–)$/.test(l))).toEqual(expected);
    expect(text.join('\n')).toContain('[c] means suppressed: a count between 1 and 7');
    // A LERO shown only in the total is named in no format.
    for (const body of [csv.body, xlsx.body, pdf.body]) expect(body.toString('latin1')).not.toContain(shy.id);
  });

  it('keeps `Accept: text/csv` on the report itself answering the same CSV', async () => {
    const viaAccept = await h.api
      .as(tokens.commissioner)
      .request<string>('GET', regional(''), undefined, { accept: 'text/csv' });
    const sibling = await bytes(regional('.csv'), tokens.commissioner);
    expect(viaAccept.body).toBe(sibling.body.toString());
  });

  it('gives a LERO its own exact figures as CSV and XLSX, named and headed as not for publication', async () => {
    const json = ok(await h.api.as(quiet.adminToken).get<Report>(own(quiet, '')), 200);
    expect(json.totals[month].values.attendances).toEqual({ value: 3 });
    const csv = await bytes(own(quiet, '.csv'), quiet.adminToken);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="own-figures-not-for-publication-month-${month}-${month}.csv"`,
    );
    expect(parse(csv.body.toString(), { columns: true })).toEqual([
      {
        period: month,
        status: 'provisional',
        ...Object.fromEntries(
          METRICS.map((m) => [m, String((json.totals[month].values[m] as { value: number }).value)]),
        ),
      },
    ]);
    const byCategory = parse(
      (await bytes(own(quiet, '.csv', { by: 'category' }), quiet.adminToken)).body.toString(),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    expect(byCategory.map((l) => [l.category, l.attendances])).toEqual([
      ['arts-crafts', '3'],
      ['All activities', '3'],
    ]);
    const xlsx = await bytes(own(quiet, '.xlsx'), quiet.adminToken);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('not for publication');
    const found: unknown[][] = [];
    sheet.eachRow((row) => found.push((row.values as unknown[]).slice(1)));
    // Exact: a LERO's own 3 is not suppressed, and is a number.
    expect(found).toContainEqual([
      expect.stringContaining('(provisional)'),
      3,
      3,
      1,
      3,
      3,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]);
  });

  const regionalMatrix = {
    'platform admin': 200,
    'region admin': 200,
    commissioner: 200,
    'another region’s commissioner': 404,
    'tenant-admin': 403,
    coordinator: 403,
    volunteer: 403,
    member: 403,
    'another LERO’s admin': 403,
    anonymous: 401,
  };
  const leroMatrix = {
    'platform admin': 403,
    'region admin': 403,
    commissioner: 404,
    'another region’s commissioner': 404,
    'tenant-admin': 200,
    coordinator: 200,
    volunteer: 403,
    member: 403,
    'another LERO’s admin': 404,
    anonymous: 401,
  };
  it.each([
    ['.csv', regionalMatrix, () => regional('.csv')],
    ['.xlsx', regionalMatrix, () => regional('.xlsx')],
    ['.pdf', regionalMatrix, () => regional('.pdf')],
    ['own .csv', leroMatrix, () => own(busy, '.csv')],
    ['own .xlsx', leroMatrix, () => own(busy, '.xlsx')],
  ] as const)('answers %s to whom the JSON answers', async (_name, expected, path) => {
    const got: Record<string, number> = {};
    for (const [who, token] of Object.entries(tokens)) {
      const res = await bytes(path(), token);
      got[who] = res.status;
      if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(got).toEqual(expected);
  });

  it('answers another LERO’s figures exactly like a LERO that does not exist', async () => {
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    for (const ext of ['.csv', '.xlsx']) {
      const theirs = await h.api.as(busy.adminToken).get<Json>(own(quiet, ext));
      const missing = await h.api
        .as(busy.adminToken)
        .get<Json>(own({ ...quiet, id: '01900000-0000-7000-8000-000000000000' }, ext));
      expect([ext, theirs.status, missing.status]).toEqual([ext, 404, 404]);
      expect(strip(theirs.body)).toEqual(strip(missing.body));
    }
  });

  it('answers bad queries with 400 problem+json naming the field, never 500', async () => {
    const cases: [string, string, string][] = [
      ...['.csv', '.xlsx', '.pdf'].flatMap((ext): [string, string, string][] => [
        [
          `/api/v1/reports/impact${ext}?${query({ regionId: region.id, period: 'week' })}`,
          tokens.commissioner!,
          'period',
        ],
        [`/api/v1/reports/impact${ext}?${query({ regionId: 'x' })}`, tokens.commissioner!, 'regionId'],
        [
          `/api/v1/reports/impact${ext}?${query({ regionId: region.id, from: '2026-13' })}`,
          tokens.commissioner!,
          'from',
        ],
        [
          `/api/v1/reports/impact${ext}?${query({ regionId: region.id, by: 'person' })}`,
          tokens.commissioner!,
          'by',
        ],
      ]),
      ...['.csv', '.xlsx'].flatMap((ext): [string, string, string][] => [
        [own(busy, ext, { by: 'lero' }), busy.adminToken, 'by'],
        [own(busy, ext, { to: 'soon' }), busy.adminToken, 'to'],
        [`/api/v1/tenants/nope/reports/impact${ext}?${query()}`, busy.adminToken, 'tenantId'],
      ]),
    ];
    for (const [path, token, field] of cases) {
      const res = await h.api.as(token).get<{ errors?: { field: string }[] }>(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
  });
});

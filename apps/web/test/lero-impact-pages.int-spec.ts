import {
  eventually,
  expectForbidden,
  expectNotFound,
  navigationOf,
  PageClient,
  type PageResponse,
  tableRows,
  textOf,
} from '@hearth/testing';
import { apiCall, errorSummaryLinks, setUpLero } from './lero-fixture';
import { addLero, heldMonth, holdSession, joinLero, phoenixOf, type ReportingLero } from './report-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * A LERO's own impact figures against a real Hearth: exact, marked not for publication, for its admins and
 * coordinators only. Another LERO's figures are "not found"; volunteers and members are told they cannot
 * see them, and are not offered them in the navigation.
 */
describe('a LERO’s own impact figures against a real Hearth', () => {
  let h: WebHarness;
  let lero: Awaited<ReturnType<typeof setUpLero>>;
  let phoenix: ReportingLero; // 23 members checked in and 5 walk-ins at a walking group
  let lantern: ReportingLero; // another LERO of the region
  let cleo: PageClient; // Phoenix's coordinator
  let month: string;
  let impact: string;

  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };
  const query = (by: string) => `?period=month&from=${month}&to=${month}&by=${by}`;

  beforeAll(async () => {
    h = await startWebHarness();
    lero = await setUpLero(h);
    phoenix = await phoenixOf(h, lero);
    lantern = await addLero(h, lero.adminToken, lero.regionId, 'Lantern Arts Collective', 'Lee', false);
    await holdSession(h, phoenix, 'walking', 23, 5);
    month = heldMonth();
    impact = `/leros/${phoenix.id}/impact`;
    cleo = await joinLero(h, phoenix.token, phoenix, 'cleo@phoenix.example.org', 'coordinator', 'Cleo');
    await eventually(async () => {
      const own = await apiCall<{ totals: Record<string, { values: { attendances: { value: number } } }> }>(
        h,
        'GET',
        `/api/v1/tenants/${phoenix.id}/reports/impact?period=month&from=${month}&to=${month}`,
        phoenix.token,
      );
      expect(own.totals[month].values.attendances.value).toBe(28);
    });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows its admin the exact figures, marked not for publication, period by period', async () => {
    const home = await phoenix.admin.get(`/leros/${phoenix.id}`);
    expect(navigationOf(home.html)).toContain('Impact figures');
    // With nothing asked yet: the last six months, newest first.
    const first = ok(await phoenix.admin.get(impact));
    expect(tableRows(first.html, 'periods')).toHaveLength(7);

    const page = ok(await phoenix.admin.get(`${impact}${query('total')}`));
    const text = textOf(page.html);
    expect(text).toContain('Exact figures for your own LERO – not for publication');
    expect(text).toContain('Figures for commissioners and the public come from the regional report');
    const rows = tableRows(page.html, 'periods');
    expect(rows[0]).toEqual([
      'Period',
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
    ]);
    // Exact: 23 checked in and 5 walk-ins are 28 attendances; nothing is rounded or suppressed.
    expect(rows[1].slice(1)).toEqual([
      '23',
      '23',
      expect.stringMatching(/^[01]$/),
      '28',
      '23',
      '5',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(rows[1][0]).toMatch(/ Provisional$/);
    expect(page.html).not.toContain('[c]');
  });

  it('breaks its figures down by type of activity, with its total last', async () => {
    const page = ok(await phoenix.admin.get(`${impact}${query('category')}`));
    const table = tableRows(page.html, `period-${month}`);
    expect(table.find((r) => r[0] === 'Walking')?.slice(4)).toEqual([
      '28',
      '23',
      '5',
      '– Not counted in this row',
      '– Not counted in this row',
      '– Not counted in this row',
      '– Not counted in this row',
      '– Not counted in this row',
      '– Not counted in this row',
    ]);
    expect(table.at(-1)?.slice(0, 1)).toEqual(['All activities']);
    expect(textOf(page.html)).toContain('Monthly figures by type of activity');
  });

  it('validates the form on the server: a LERO’s figures break down by type of activity only', async () => {
    const bad = await phoenix.admin.get(`${impact}${query('lero')}`);
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#by']);
    const future = await phoenix.admin.get(`${impact}?period=year&from=2099&to=2099&by=total`);
    expect(future.status).toBe(400);
    expect(errorSummaryLinks(future.html)).toEqual(['#to']);
    expect(textOf(future.html)).toContain('To must not be in a period that has not begun');
  });

  it('shows a coordinator their own LERO’s figures, and another LERO’s as not found', async () => {
    expect(navigationOf((await cleo.get(`/leros/${phoenix.id}`)).html)).toContain('Impact figures');
    expect(tableRows(ok(await cleo.get(`${impact}${query('total')}`)).html, 'periods')[1][4]).toBe('28');
    expectNotFound(await cleo.get(`/leros/${lantern.id}/impact`));
    // And the other way round: another LERO's admin.
    expectNotFound(await lantern.admin.get(impact));
  });

  it('answers another LERO’s admin "not found" on every page of this LERO’s space', async () => {
    const api = <T>(path: string) =>
      apiCall<T>(h, 'GET', `/api/v1/tenants/${phoenix.id}${path}`, phoenix.token);
    const [memberId] = (await api<{ items: { id: string }[] }>('/members?limit=1')).items.map((m) => m.id);
    const [activityId] = (await api<{ items: { id: string }[] }>('/activities')).items.map((a) => a.id);
    const from = encodeURIComponent(`${month}-01T00:00:00Z`);
    const [sessionId] = (await api<{ items: { id: string }[] }>(`/sessions?from=${from}`)).items.map(
      (x) => x.id,
    );
    const space = `/leros/${phoenix.id}`;
    const pages = [
      '/members',
      '/members/new',
      '/members/import',
      `/members/${memberId}`,
      `/members/${memberId}/edit`,
      `/members/${memberId}/consents`,
      `/members/${memberId}/leave`,
      `/members/${memberId}/erase`,
      `/members/${memberId}/invite`,
      '/activities',
      '/activities/new',
      `/activities/${activityId}`,
      '/sessions',
      `/sessions/${sessionId}`,
      `/sessions/${sessionId}/cancel`,
      `/sessions/${sessionId}/door`,
      '/team/invite',
      '/me',
      '/impact',
    ];
    const answered: [string, number][] = [];
    for (const page of pages) {
      const res = await lantern.admin.get(`${space}${page}`);
      answered.push([page, res.status]);
      if (res.status === 404) expectNotFound(res);
    }
    expect(answered).toEqual(pages.map((page) => [page, 404]));
  });

  it('shows volunteers and members no impact figures, and a friendly 403 if they ask', async () => {
    const val = await joinLero(h, phoenix.token, phoenix, 'val@phoenix.example.org', 'volunteer', 'Val');
    const mo = await joinLero(h, phoenix.token, phoenix, 'mo@phoenix.example.org', 'member', 'Mo');
    for (const client of [val, mo]) {
      const nav = navigationOf((await client.get(`/leros/${phoenix.id}`)).html);
      expect(nav).not.toContain('Impact figures');
      expect(nav).not.toContain('Impact report');
      expectForbidden(await client.get(impact));
      // Nor the region's report.
      expectForbidden(await client.get(`/regions/${lero.regionId}/report`));
    }
  });
});

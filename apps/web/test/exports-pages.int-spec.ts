import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { expectForbidden, expectNotFound, PageClient, type PageResponse, textOf } from '@hearth/testing';
import { acceptThroughWeb, apiCall, errorSummaryLinks, passphraseOf, setUpLero } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The pages of ADR 0034 against a real Hearth (standalone on embedded PostgreSQL, the web app as its own
 * container): a printable register, entering who came afterwards, a LERO's own figures as files, and all of
 * a LERO's data in one download for its admins.
 */
describe('registers on paper, downloads and a LERO’s archive in the web app', () => {
  let h: WebHarness;
  let sam: PageClient; // the LERO's admin
  let vic: PageClient; // a volunteer
  let cora: PageClient; // a coordinator
  let leroId: string;
  let other: { leroId: string; session: string };
  let session: string;
  const people: Record<string, string> = {};

  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };
  const samToken = () => h.given.login('sam@phoenix.example.org', passphraseOf('Sam'));
  const fetchAs = (client: PageClient, path: string, init: RequestInit = {}) =>
    fetch(`${h.webUrl}${path}`, { ...init, headers: { ...init.headers, cookie: client.cookieHeader } });

  /** A one-off session starting `minutes` from now, with `capacity` places. */
  async function sessionIn(minutes: number, token: string, tenantId: string, capacity?: number) {
    const start = DateTime.now().plus({ minutes }).setZone('Europe/London');
    const activity = await apiCall<{ id: string }>(
      h,
      'POST',
      `/api/v1/tenants/${tenantId}/activities`,
      token,
      {
        title: 'Tuesday drop-in',
        category: 'peer-support',
        visibility: 'members',
        ...(capacity ? { capacity } : {}),
        schedule: { startsAt: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: 60 },
      },
    );
    const from = encodeURIComponent(start.minus({ days: 1 }).toISO()!);
    const page = await apiCall<{ items: { id: string }[] }>(
      h,
      'GET',
      `/api/v1/tenants/${tenantId}/sessions?activityId=${activity.id}&from=${from}`,
      token,
    );
    return page.items[0].id;
  }

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 1000 });
    const lero = await setUpLero(h);
    leroId = lero.leroId;
    sam = lero.sam;
    vic = await acceptThroughWeb(
      h,
      await lero.invite('vic@phoenix.example.org', 'volunteer'),
      'vic@phoenix.example.org',
      'Vic',
    );
    cora = await acceptThroughWeb(
      h,
      await lero.invite('cora@phoenix.example.org', 'coordinator'),
      'cora@phoenix.example.org',
      'Cora',
    );
    const token = await samToken();
    for (const name of ['Bo', 'Ann', 'Cy', '=Dee'])
      people[name] = (
        await apiCall<{ id: string }>(h, 'POST', `/api/v1/tenants/${leroId}/members`, token, {
          displayName: name,
        })
      ).id;
    // Starts in half an hour: RSVPs are still open, and so is the register (from an hour before).
    session = await sessionIn(30, token, leroId, 2);
    for (const name of ['Bo', 'Ann', 'Cy'])
      await apiCall(h, 'POST', `/api/v1/tenants/${leroId}/sessions/${session}/rsvps`, token, {
        memberId: people[name],
      });
    const theirs = await setUpLero(h, 'lantern');
    const theirToken = await h.given.login('sam@lantern.example.org', passphraseOf('Sam'));
    other = { leroId: theirs.leroId, session: await sessionIn(30, theirToken, theirs.leroId) };
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('links the printed register and entering who came from the session’s page', async () => {
    const page = ok(await vic.get(`/leros/${leroId}/sessions/${session}`));
    expect(page.html).toContain(`href="/leros/${leroId}/sessions/${session}/register/print"`);
    expect(page.html).toContain(`href="/leros/${leroId}/sessions/${session}/register"`);
  });

  it('prints a register: the expected by name with a box each, the waitlist marked, lines for newcomers', async () => {
    const page = ok(await vic.get(`/leros/${leroId}/sessions/${session}/register/print`));
    const text = textOf(page.html);
    expect(text).toContain('Register: Tuesday drop-in');
    expect(text).toContain('Expected (2)');
    // Alphabetical, to find a name on paper; the capacity was two, so Cy waits.
    expect(text.indexOf('Ann')).toBeLessThan(text.indexOf('Bo'));
    expect(text).toMatch(/Cy \(waitlist\)/);
    expect(page.html.match(/aria-label="Box to tick"/g)).toHaveLength(3 + 8);
    expect(text).toContain(
      `Enter this register afterwards at ${h.webUrl}/leros/${leroId}/sessions/${session}/register`,
    );
    expect(page.html).toContain('class="hearth-register-print"');
  });

  it('enters who came in one go, and saving the same form again changes nothing', async () => {
    const form = ok(await vic.get(`/leros/${leroId}/sessions/${session}/register`));
    expect(form.html.match(/name="present"/g)).toHaveLength(3);
    const listed = ['Ann', 'Bo', 'Cy'].map((n): [string, string] => ['listed', people[n]]);
    const send = (walkIns: string, was = '0') =>
      vic.post(`/leros/${leroId}/sessions/${session}/register`, [
        ...listed,
        ['present', people.Ann],
        ['present', people.Cy],
        ['walkIns', walkIns],
        ['walkInsWas', was],
      ]);
    const saved = await send('2');
    expect(saved.location).toBe(`/leros/${leroId}/sessions/${session}`);
    expect(textOf((await vic.follow(saved)).html)).toContain(
      'Register saved 4 people came: 2 named and 2 walk-ins.',
    );
    expect(textOf((await vic.follow(await send('2'))).html)).toContain(
      '4 people came: 2 named and 2 walk-ins.',
    );
    // The form shows the register as it stands.
    const again = ok(await vic.get(`/leros/${leroId}/sessions/${session}/register`));
    expect(again.html).toMatch(new RegExp(`value="${people.Ann}" checked`));
    expect(again.html).not.toMatch(new RegExp(`value="${people.Bo}" checked`));
    expect(again.html).toMatch(/id="walkIns"[^>]*value="2"/);
  });

  it('says what is wrong: a count that is not a number, walk-ins someone else changed meanwhile', async () => {
    const path = `/leros/${leroId}/sessions/${session}/register`;
    const bad = await vic.post(path, [
      ['walkIns', 'lots'],
      ['walkInsWas', '2'],
    ]);
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#walkIns']);
    expect(textOf(bad.html)).toContain('Enter the number of walk-ins as a whole number, like 3');
    const stale = await vic.post(path, [
      ['walkIns', '9'],
      ['walkInsWas', '0'],
    ]);
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('Someone else changed the walk-ins meanwhile: 2 are recorded now');
  });

  it('keeps registers to those who keep them, and another LERO’s sessions out of sight', async () => {
    const member = await acceptThroughWeb(
      h,
      await apiCall<{ token: string }>(h, 'POST', `/api/v1/tenants/${leroId}/invitations`, await samToken(), {
        email: 'mo@phoenix.example.org',
        role: 'member',
      }).then((i) => i.token),
      'mo@phoenix.example.org',
      'Mo',
    );
    for (const path of ['register/print', 'register']) {
      expectForbidden(await member.get(`/leros/${leroId}/sessions/${session}/${path}`));
      expectNotFound(await sam.get(`/leros/${other.leroId}/sessions/${other.session}/${path}`));
      expectNotFound(await sam.get(`/leros/${leroId}/sessions/${other.session}/${path}`));
    }
    expectNotFound(await vic.post(`/leros/${leroId}/sessions/${other.session}/register`, { walkIns: '1' }));
  });

  it('gives a LERO’s admin all of its data in one zip, from its home page', async () => {
    const home = ok(await sam.get(`/leros/${leroId}`));
    expect(home.html).toContain(`href="/leros/${leroId}/data"`);
    const page = ok(await sam.get(`/leros/${leroId}/data`));
    expect(textOf(page.html)).toContain('Each download is recorded in your LERO’s activity log.');
    const res = await fetchAs(sam, `/leros/${leroId}/data`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: sam.csrf }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="phoenix-hearth-archive-/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const members = parse(Buffer.from(files['members.csv']).toString(), { columns: true, bom: true }) as {
      displayName: string;
    }[];
    expect(members.map((m) => m.displayName).sort()).toEqual(["'=Dee", 'Ann', 'Bo', 'Cy']);
    expect(Object.keys(files)).toContain('manifest.json');
  });

  it('keeps the archive to the LERO’s admins', async () => {
    expect(ok(await cora.get(`/leros/${leroId}`)).html).not.toContain(`/leros/${leroId}/data`);
    expectForbidden(await cora.get(`/leros/${leroId}/data`));
    expectForbidden(await cora.post(`/leros/${leroId}/data`, {}));
    expectForbidden(await vic.get(`/leros/${leroId}/data`));
    expectNotFound(await sam.get(`/leros/${other.leroId}/data`));
    // A form from another site (no CSRF token) starts no download.
    expect((await sam.post(`/leros/${leroId}/data`, {}, null)).status).toBe(403);
  });

  it('downloads a LERO’s own figures as CSV and XLSX from its Impact figures page', async () => {
    const month = DateTime.now().setZone('Europe/London').toFormat('yyyy-MM');
    const query = `period=month&from=${month}&to=${month}`;
    const page = ok(await cora.get(`/leros/${leroId}/impact?${query}`));
    expect(page.html).toContain(`href="/leros/${leroId}/impact.xlsx?${query.replace(/&/g, '&amp;')}"`);
    const csv = await fetchAs(cora, `/leros/${leroId}/impact.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="own-figures-not-for-publication-month-${month}-${month}.csv"`,
    );
    expect(parse(await csv.text(), { columns: true })).toEqual([expect.objectContaining({ period: month })]);
    const xlsx = await fetchAs(cora, `/leros/${leroId}/impact.xlsx?${query}&by=category`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(String(workbook.worksheets[0].getCell('A1').value)).toContain('not for publication');
    expect((await fetchAs(cora, `/leros/${leroId}/impact.csv?period=week`)).status).toBe(400);
    expectForbidden(await vic.get(`/leros/${leroId}/impact.xlsx?${query}`));
  });
});

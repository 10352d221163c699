import {
  eventually,
  expectForbidden,
  expectNotFound,
  PageClient,
  type PageResponse,
  tableRows,
  textOf,
} from '@hearth/testing';
import { apiCall, errorSummaryLinks, setUpLero } from './lero-fixture';
import { addLero, holdSession, joinLero, phoenixOf, type ReportingLero } from './report-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';
const DAY_MS = 86_400_000;

/**
 * Recording a signpost against a real Hearth: one tap from the door view, a plain form that works without
 * JavaScript, a confirmation banner back on the door; for staff and volunteers only; counted in the LERO's own
 * figures by what people were signposted to.
 */
describe('recording a signpost in the web app against a real Hearth', () => {
  let h: WebHarness;
  let phoenix: ReportingLero;
  let val: PageClient; // a volunteer
  let lantern: ReportingLero; // another LERO of the region
  let door: string;
  let form: string;

  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };

  beforeAll(async () => {
    h = await startWebHarness();
    const lero = await setUpLero(h);
    phoenix = await phoenixOf(h, lero);
    await holdSession(h, phoenix, 'walking', 1);
    const from = encodeURIComponent(new Date(Date.now() - DAY_MS).toISOString());
    const [session] = (
      await apiCall<{ items: { id: string }[] }>(
        h,
        'GET',
        `/api/v1/tenants/${phoenix.id}/sessions?from=${from}`,
        phoenix.token,
      )
    ).items;
    door = `/leros/${phoenix.id}/sessions/${session.id}/door`;
    form = `/leros/${phoenix.id}/signposts/new`;
    val = await joinLero(h, phoenix.token, phoenix, 'val@phoenix.example.org', 'volunteer', 'Val');
    lantern = await addLero(h, lero.adminToken, lero.regionId, 'Lantern Arts Collective', 'Lee', false);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('takes a volunteer from the door view to the form in one tap, and back to the door with a banner', async () => {
    const doorPage = ok(await val.get(door));
    const link = /href="([^"]*\/signposts\/new\?session=[^"]+)"[^>]*>Record a signpost</.exec(doorPage.html);
    expect(link).not.toBeNull();
    const page = ok(await val.get(link![1].replace(/&amp;/g, '&')));
    expect(textOf(page.html)).toContain('What did you signpost them to?');
    expect(page.html).toContain(`value="${HOUSING}"`);
    expect(textOf(page.html)).toContain('Debt and money');
    // A plain form post: the category, the channel and the door to go back to; no script needed.
    expect(page.html).toMatch(/<form method="post" action="[^"]*\/signposts\/new"/);
    const done = await val.post(form, {
      taxonomyTermId: HOUSING,
      channel: 'phone',
      sessionId: door.split('/')[4],
    });
    expect([done.status, done.location]).toEqual([303, door]);
    const back = ok(await val.follow(done));
    expect(textOf(back.html)).toContain('Signpost recorded');
    expect(textOf(back.html)).toContain('Housing, on the phone. Nothing about the person is kept.');
  });

  it('validates the form on the server, with the error summary linking to what to choose', async () => {
    const bad = await val.post(form, { channel: 'by pigeon' });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#taxonomyTermId', '#channel']);
    expect(textOf(bad.html)).toContain('Choose what they were signposted to');
    // Opened without a door, it comes back to the form itself.
    const alone = await val.post(form, { taxonomyTermId: HOUSING, channel: 'in-person' });
    expect([alone.status, alone.location]).toEqual([303, form]);
  });

  it('is for the LERO’s staff and volunteers: a member is told they cannot, another LERO’s admin finds nothing', async () => {
    const mo = await joinLero(h, phoenix.token, phoenix, 'mo@phoenix.example.org', 'member', 'Mo');
    expectForbidden(await mo.get(form));
    expectForbidden(await mo.post(form, { taxonomyTermId: HOUSING, channel: 'phone' }));
    ok(await phoenix.admin.get(form));
    expectNotFound(await lantern.admin.get(form));
    expectNotFound(await lantern.admin.post(form, { taxonomyTermId: HOUSING, channel: 'phone' }));
  });

  it('counts the signposts in the LERO’s own figures by what people were signposted to', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).slice(0, 7);
    await eventually(async () => {
      const page = ok(
        await phoenix.admin.get(
          `/leros/${phoenix.id}/impact?period=month&from=${today}&to=${today}&by=category`,
        ),
      );
      const [head, ...rows] = tableRows(page.html, `period-${today}`);
      const signposts = head.indexOf('People signposted');
      expect(signposts).toBeGreaterThan(0);
      expect(rows.find((r) => r[0] === 'Signposted: Housing')?.[signposts]).toBe('2');
    });
  });
});

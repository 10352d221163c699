import {
  expectForbidden,
  expectNotFound,
  navigationOf,
  PageClient,
  type PageResponse,
  textOf,
} from '@hearth/testing';
import { DEBT, joinRegion, leedsListing, setUpDirectory, type DirectoryFixture } from './directory-fixture';
import { acceptThroughWeb, apiCall, errorSummaryLinks, signInThroughWeb } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const PEER_SUPPORT = 'd8888009-6a66-460d-aed7-ccc787fa1c41';

/** The first link on the page whose text starts with `text`. */
const hrefOf = (html: string, text: string) => {
  for (const m of html.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g))
    if (textOf(m[2]).startsWith(text)) return m[1].replace(/&amp;/g, '&');
  throw new Error(`no link "${text}" on the page: ${textOf(html).slice(0, 400)}`);
};

/** The hidden fields and filled-in values of the listing form, as a browser would post them unchanged. */
const formOf = (html: string): [string, string][] => {
  const form = html.slice(html.indexOf('<form method="post"'), html.lastIndexOf('</form>'));
  const decode = (v: string) =>
    v
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const pairs: [string, string][] = [];
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(m[1])?.[1];
    const value = /value="([^"]*)"/.exec(m[1])?.[1] ?? '';
    if (!name || name === '_csrf') continue;
    if (/type="(checkbox|radio)"/.test(m[1]) && !/checked/.test(m[1])) continue;
    pairs.push([name, decode(value)]);
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    pairs.push([m[1], decode(m[2].replace(/^\n/, ''))]);
  return pairs;
};
const replaced = (pairs: [string, string][], changes: Record<string, string>): [string, string][] => [
  ...pairs.filter(([k]) => !(k in changes)),
  ...Object.entries(changes),
];

/**
 * LEROs' suggestions to their region's directory and the curators' queue, against a real Hearth: a LERO's
 * coordinator suggests a listing and a change found in the public directory, a curator approves one (as it is,
 * and with changes) and rejects another with a reason the LERO reads; who may see which page.
 */
describe('suggestions to the directory in the web app', () => {
  let h: WebHarness;
  let f: DirectoryFixture;
  let cleo: PageClient; // the LERO's coordinator
  let val: PageClient; // its volunteer
  let lee: PageClient; // another LERO's admin
  let mine: string; // the LERO's directory page
  let queue: string;
  let listingId: string;

  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };
  const suggestionLinks = async (status = 'pending') =>
    [
      ...ok(await f.cora.client.get(`${queue}?status=${status}`)).html.matchAll(
        /href="([^"]+\/suggestions\/[0-9a-f-]{36})"/g,
      ),
    ].map((m) => m[1]);

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 1000 });
    f = await setUpDirectory(h);
    mine = `/leros/${f.leroId}/directory`;
    queue = `/regions/${f.regionId}/directory/suggestions`;
    listingId = (
      await f.list(
        leedsListing('Kiln debt advice', 'LS1 4AQ', DEBT, {
          schedules: [{ freq: 'WEEKLY', byday: 'MO', opensAt: '09:00', closesAt: '17:00' }],
        }),
      )
    ).id;
    cleo = await acceptThroughWeb(
      h,
      await f.invite('cleo@phoenix.example.org', 'coordinator'),
      'cleo@phoenix.example.org',
      'Cleo',
    );
    val = await acceptThroughWeb(
      h,
      await f.invite('val@phoenix.example.org', 'volunteer'),
      'val@phoenix.example.org',
      'Val',
    );
    const lantern = await h.given.lero(f.regionId, f.adminToken);
    lee = new PageClient(h.webUrl);
    await signInThroughWeb(h, lee, lantern.adminEmail, 'correct horse battery staple');
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('gives a LERO’s admins and coordinators its directory page from their navigation, and nobody else', async () => {
    const page = ok(await cleo.get(mine));
    expect(navigationOf(page.html)).toContain('Directory');
    expect(textOf(page.html)).toContain('You have not suggested anything yet');
    ok(await f.sam.get(mine));
    for (const path of [mine, `${mine}/suggest`]) {
      expectForbidden(await val.get(path));
      expectForbidden(await f.rhea.client.get(path)); // the region's admin sees the LERO, not its suggestions
      expectNotFound(await lee.get(path));
      expect((await new PageClient(h.webUrl).get(path)).location).toBe(
        `/sign-in?next=${encodeURIComponent(path)}`,
      );
    }
  });

  it('lets a coordinator suggest a new listing, saying what is wrong first', async () => {
    ok(await cleo.get(`${mine}/suggest`));
    const empty = await cleo.post(`${mine}/suggest`, { 'closes-SA': '13:00' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#name', '#organizationName', '#opens-SA']);
    const sent = await cleo.post(`${mine}/suggest`, [
      ['name', 'Kiln peer support café'],
      ['organizationName', 'Phoenix Recovery Community'],
      ['description', 'Coffee and conversation with people in recovery.'],
      ['terms', PEER_SUPPORT],
      ['opens-SA', '10:00'],
      ['closes-SA', '13:00'],
      ['address1', '3 Kiln Street'],
      ['city', 'Leeds'],
      ['postcode', 'LS1 3AH'],
    ]);
    expect(sent.location).toBe(mine);
    const list = textOf((await cleo.follow(sent)).html);
    expect(list).toContain('Suggestion sent');
    expect(list).toContain('Kiln peer support café Waiting for a curator');
  });

  it('lets a coordinator suggest a change to a listing they found in the public directory', async () => {
    const publicPage = ok(await cleo.get(`/regions/${f.regionSlug}/directory/services/${listingId}`));
    const form = ok(await cleo.get(hrefOf(publicPage.html, 'Suggest a change to this listing')));
    expect(textOf(form.html)).toContain('Suggest a change to Kiln debt advice');
    const fields = formOf(form.html);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['listing', listingId],
        ['name', 'Kiln debt advice'],
        ['opens-MO', '09:00'],
      ]),
    );
    const same = await cleo.post(`${mine}/suggest`, fields);
    expect(same.status).toBe(400);
    expect(textOf(same.html)).toContain('You have not changed anything');
    const sent = await cleo.post(
      `${mine}/suggest`,
      replaced(fields, {
        description: 'Free debt advice, Mondays and Fridays.',
        'opens-FR': '09:00',
        'closes-FR': '12:00',
      }),
    );
    expect(sent.location).toBe(mine);
    expect(textOf((await cleo.follow(sent)).html)).toContain('A change to a listing Waiting for a curator');
    // From the public directory, a new suggestion may join an organisation already listed.
    const search = ok(await cleo.get(`/regions/${f.regionSlug}/directory`));
    expect(ok(await cleo.get(hrefOf(search.html, 'Suggest a listing'))).html).toContain(
      'Kiln debt advice Trust',
    );
  });

  it('shows the curators the queue oldest first, with what each asks', async () => {
    const [added, change] = await suggestionLinks();
    expect(textOf(ok(await f.rhea.client.get(queue)).html)).toContain('Phoenix Recovery Community');
    const text = textOf(ok(await f.cora.client.get(queue)).html);
    expect(text).toMatch(
      /Kiln peer support café Waiting for a curator A LERO · Suggested .* A change to Kiln debt advice/,
    );
    expect(text).toContain('Changes: Description, Opening times');
    const changePage = textOf(ok(await f.cora.client.get(change)).html);
    expect(changePage).toContain(
      'Now: Kiln debt advice: free help, no appointment needed. Suggested: Free debt advice, Mondays and Fridays.',
    );
    expect(changePage).toContain(
      'Now: Monday: 09:00 to 17:00 Suggested: Monday: 09:00 to 17:00; Friday: 09:00 to 12:00',
    );
    const newPage = textOf(ok(await f.cora.client.get(added)).html);
    expect(newPage).toContain('Run by Phoenix Recovery Community');
    expect(newPage).toContain('Opening times Saturday: 10:00 to 13:00');
    // Not theirs: the region's commissioner, a LERO's people, another region's curator.
    const cass = (await joinRegion(h, f.regionId, 'cass@region.example.org', 'commissioner', 'Cass')).client;
    for (const path of [added, `${added}/edit`, `${added}/reject`]) {
      expectForbidden(await cass.get(path));
      expectNotFound(await cleo.get(path));
      expectNotFound(await f.sam.get(path));
    }
  });

  it('approves a suggestion: the listing is in the public directory', async () => {
    const [added] = await suggestionLinks();
    const stale = await f.cora.client.post(`${added}/approve`, {}, null);
    expect(stale.status).toBe(403);
    const approved = await f.cora.client.post(`${added}/approve`, {});
    expect(approved.location).toBe(queue);
    expect(textOf((await f.cora.client.follow(approved)).html)).toContain(
      'Kiln peer support café is in the directory as suggested',
    );
    const found = textOf(
      ok(
        await new PageClient(h.webUrl).get(
          `/regions/${f.regionSlug}/directory?q=café&postcode=LS1+4AP&distance=1`,
        ),
      ).html,
    );
    expect(found).toContain('1 service near LS1 4AP');
    expect(found).toContain('Kiln peer support café');
    // Decided: no buttons, and deciding again is refused.
    const page = ok(await f.cora.client.get(added));
    expect(textOf(page.html)).toContain('Approved');
    expect(page.html).not.toContain(`${added}/approve`);
    const again = await f.cora.client.post(`${added}/approve`, {});
    expect(again.status).toBe(409);
    expect(errorSummaryLinks(again.html)).toEqual(['#decide']);
  });

  it('rejects a suggestion with a reason the LERO reads', async () => {
    const [change] = await suggestionLinks();
    ok(await f.cora.client.get(`${change}/reject`));
    const empty = await f.cora.client.post(`${change}/reject`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#reason']);
    const rejected = await f.cora.client.post(`${change}/reject`, {
      reason: 'They are closed on Fridays: we rang them.',
    });
    expect(rejected.location).toBe(queue);
    const list = textOf(ok(await cleo.get(mine)).html);
    expect(list).toContain('A change to a listing Not approved');
    expect(list).toContain('Why not: They are closed on Fridays: we rang them.');
    expect(list).toContain('Kiln peer support café Approved');
  });

  it('approves a suggestion with the curator’s changes on top', async () => {
    await cleo.get(`${mine}/suggest`);
    await cleo.post(`${mine}/suggest`, [
      ['name', 'kiln foodbank'],
      ['organizationName', 'Kiln Food Trust'],
      ['address1', '4 Kiln Street'],
      ['city', 'Leeds'],
      ['postcode', 'LS1 1UR'],
    ]);
    const [suggestion] = await suggestionLinks();
    const form = ok(await f.cora.client.get(`${suggestion}/edit`));
    expect(form.html).toContain('value="kiln foodbank"');
    const approved = await f.cora.client.post(
      `${suggestion}/edit`,
      replaced(formOf(form.html), {
        name: 'Kiln Food Bank',
        fees: 'Free',
        terms: '88030165-3f75-4e3e-9577-92e1e5d27e57',
      }),
    );
    expect(approved.location).toBe(queue);
    expect(textOf((await f.cora.client.follow(approved)).html)).toContain(
      'Kiln Food Bank is in the directory with your changes',
    );
    const listings = await apiCall<{
      items: { name: string; fees: string; taxonomyTerms: { name: string }[] }[];
    }>(h, 'GET', `/api/v1/regions/${f.regionId}/directory/services?limit=100`, await f.cora.token());
    expect(listings.items.find((l) => l.name === 'Kiln Food Bank')).toMatchObject({
      fees: 'Free',
      taxonomyTerms: [{ name: 'Food' }],
    });
  });
});

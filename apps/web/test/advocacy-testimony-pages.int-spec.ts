import { PageClient, expectForbidden, expectNotFound, navigationOf, textOf } from '@hearth/testing';
import {
  acceptThroughWeb,
  castInvitations,
  errorSummaryLinks,
  memberEmail,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import { joinRegion } from './directory-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/** k = 5, the least a theme may have: five linked members, made before the theme opens, so they all count. */
const PEOPLE = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'];
const STATEMENTS: Record<string, string> = {
  Ann: 'The Tuesday walk got me out of the house.',
  Ben: 'Someone at the café who had been there too.',
  Cat: 'Being asked what I needed, not told.',
  Dan: 'A phone call every morning for a month.',
  Eve: 'My sister drove me to the Tuesday walk at the Leeds hub.',
};
/** What each member writes (no names in it, so the public page can be checked for none). */
const statementOf = (name: string) => STATEMENTS[name];

/** The piece ids a page's forms post to, for one change (`approve`, `withdraw` …), in page order. */
const pieceIdsOn = (html: string, change: string) =>
  [...html.matchAll(new RegExp(`/pieces/([0-9a-f-]{36})/${change}"`, 'g'))].map((m) => m[1]);

/**
 * The testimony screens (ADR 0072) against a real Hearth, no JavaScript: a coordinator starts a theme (k = 5) and
 * opens it; five linked members contribute with their consent (errors next to the fields first); staff approve four
 * and propose an edit of the fifth, which its contributor accepts, so the theme is published: the board's PDF and
 * the public page. A withdrawal unpublishes it; a declined statement is told to its writer. Who may see what: a
 * volunteer and the platform admin are refused, another LERO's staff find nothing, someone signed out signs in.
 */
describe('the testimony pages against a real Hearth', () => {
  let h: WebHarness;
  let f: LeroFixture & { sam: PageClient };
  let base: string;
  let cleo: PageClient;
  let vic: PageClient;
  let admin: PageClient;
  let hope: PageClient;
  let members: PageClient[];
  let themeId: string;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpLero(h);
    base = `/leros/${f.leroId}/testimony`;
    const invitations = await castInvitations(h, f, PEOPLE, [
      ['cleo@phoenix.example.org', 'coordinator'],
      ['vic@phoenix.example.org', 'volunteer'],
    ]);
    const other = await setUpLero(h, 'hope');
    hope = other.sam;
    admin = new PageClient(h.webUrl);
    [members, [cleo, vic]] = await Promise.all([
      Promise.all(PEOPLE.map((name, i) => acceptThroughWeb(h, invitations[i], memberEmail(name), name))),
      Promise.all([
        acceptThroughWeb(h, invitations[5], 'cleo@phoenix.example.org', 'Cleo'),
        acceptThroughWeb(h, invitations[6], 'vic@phoenix.example.org', 'Vic'),
      ]),
      signInThroughWeb(h, admin, h.admin.email, h.admin.password),
    ]);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('starts a theme: errors next to the fields, then a draft members cannot see, then opens it', async () => {
    const form = await cleo.get(`${base}/new`);
    expect(form.status).toBe(200);
    const bad = await cleo.post(base, { title: '', prompt: '', publishThreshold: '3' });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#title', '#prompt', '#publishThreshold']);
    expect(textOf(bad.html)).toContain('The number of people must be 5 or more');
    const saved = await cleo.post(base, {
      title: 'Getting in',
      prompt: 'What helped you into recovery?',
      publishThreshold: '5',
    });
    expect(saved.location).toMatch(new RegExp(`^${base}/[0-9a-f-]{36}$`));
    themeId = saved.location!.split('/').pop()!;
    const draft = textOf((await cleo.follow(saved)).html);
    expect(draft).toContain('Getting in is saved as a draft');
    expect(draft).toMatch(/Contributors\s+0 of the 5 needed/);
    expectNotFound(await members[0].get(`${base}/${themeId}`));
    const edit = await cleo.get(`${base}/${themeId}/edit`);
    expect(edit.html).toContain('value="Getting in"');
    const wrong = await cleo.post(`${base}/${themeId}/edit`, {
      title: 'Getting into recovery',
      prompt: 'What helped you into recovery?',
      publishThreshold: 'five',
    });
    expect(errorSummaryLinks(wrong.html)).toEqual(['#publishThreshold']);
    const changed = await cleo.post(`${base}/${themeId}/edit`, {
      title: 'Getting into recovery',
      prompt: 'What helped you into recovery?',
      publishThreshold: '5',
    });
    expect(changed.location).toBe(`${base}/${themeId}`);
    expect(textOf((await cleo.follow(changed)).html)).toContain('Getting into recovery is changed');
    expect(textOf((await members[0].get(base)).html)).toContain('There are no open themes at the moment');

    const opened = await f.sam.post(`${base}/${themeId}/open`, {});
    expect(textOf((await f.sam.follow(opened)).html)).toContain('Getting into recovery is open');
    // Frozen once open: the form is gone, and a post the API refuses.
    expect((await cleo.get(`${base}/${themeId}/edit`)).location).toBe(`${base}/${themeId}`);
    const late = await cleo.post(`${base}/${themeId}/edit`, {
      title: 'Late',
      prompt: 'Late?',
      publishThreshold: '5',
    });
    expect(late.status).toBe(409);
    expect(textOf((await cleo.get(base)).html)).toMatch(
      /Open\s+Getting into recovery\s+Needs 5 more contributors \(0 of 5 contributors\)/,
    );
  });

  it('lets members contribute with their consent, naming what is missing next to the field', async () => {
    const list = await members[0].get(base);
    expect(list.html).toContain(`href="${base}/${themeId}"`);
    const form = await members[0].get(`${base}/${themeId}`);
    expect(textOf(form.html)).toContain('What helped you into recovery?');
    expect(textOf(form.html)).toContain('Do not name anyone');
    expect(textOf(form.html)).toContain('without your name, without a date');
    const empty = await members[0].post(`${base}/${themeId}/pieces`, { text: '' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#text', '#consent']);
    const long = await members[0].post(`${base}/${themeId}/pieces`, {
      text: 'x'.repeat(1001),
      consent: 'yes',
    });
    expect(textOf(long.html)).toContain('Your statement must be 1,000 characters or fewer');
    const unticked = await members[0].post(`${base}/${themeId}/pieces`, { text: statementOf('Ann') });
    expect(errorSummaryLinks(unticked.html)).toEqual(['#consent']);
    expect(unticked.html).toContain(statementOf('Ann')); // kept in the box

    for (const [i, name] of PEOPLE.entries()) {
      await members[i].get(`${base}/${themeId}`); // the form, as a browser reads it first
      const sent = await members[i].post(`${base}/${themeId}/pieces`, {
        text: statementOf(name),
        consent: 'yes',
      });
      expect(sent.location).toBe(base);
    }
    const mine = textOf((await members[0].get(base)).html);
    expect(mine).toContain('Thank you: your statement is sent');
    expect(mine).toMatch(/Your statements\s+Getting into recovery\s+Waiting for review/);
    expect(mine).toContain(statementOf('Ann'));
    expect(mine).not.toContain(statementOf('Ben'));
    // One live statement a theme: the page shows theirs, and a second post is told why on the field.
    expect(textOf((await members[0].get(`${base}/${themeId}`)).html)).toContain('Your statement');
    const again = await members[0].post(`${base}/${themeId}/pieces`, { text: 'Again', consent: 'yes' });
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain('You have already written a statement for this theme');
  });

  it('reviews: approves four, proposes an edit the fifth accepts, and the theme is published', async () => {
    const review = await cleo.get(`${base}/${themeId}`);
    expect(textOf(review.html)).toMatch(/Published\s+Needs 5 more contributors/);
    const ids = pieceIdsOn(review.html, 'approve');
    expect(ids).toHaveLength(5);
    // The review queue's blocks are in a random order: Eve's is the one with her text.
    const eveBlock = review.html.split('hearth-results__item').find((b) => b.includes(statementOf('Eve')))!;
    const [eveId] = pieceIdsOn(eveBlock, 'approve');
    expect(eveId).toBeDefined();
    const edited = 'Someone drove me to the Tuesday walk.';
    const blank = await cleo.post(`${base}/${themeId}/pieces/${eveId}/edit`, { text: '' });
    expect(blank.status).toBe(400);
    expect(errorSummaryLinks(blank.html)).toEqual([`#edit-${eveId}`]);
    const proposed = await cleo.post(`${base}/${themeId}/pieces/${eveId}/edit`, { text: edited });
    expect(proposed.location).toBe(`${base}/${themeId}`);
    for (const id of ids.filter((id) => id !== eveId))
      expect((await cleo.post(`${base}/${themeId}/pieces/${id}/approve`, {})).location).toBe(
        `${base}/${themeId}`,
      );
    const four = textOf((await cleo.get(`${base}/${themeId}`)).html);
    expect(four).toMatch(/Contributors\s+4 of the 5 needed/);
    expect(four).toContain('Needs 1 more contributor');
    expect((await cleo.get(`${base}/${themeId}/testimony.pdf`)).status).toBe(409);

    // Eve sees both texts and accepts the edit.
    const eve = members[4];
    const hers = await eve.get(base);
    expect(textOf(hers.html)).toMatch(
      new RegExp(
        `What you wrote\\s+${statementOf('Eve').replace(/[()]/g, '\\$&')}\\s+The edit suggested\\s+${edited}`,
      ),
    );
    const accept = pieceIdsOn(hers.html, 'accept');
    expect(accept).toEqual([eveId]);
    expect((await eve.post(`${base}/${themeId}/pieces/${eveId}/accept`, {})).location).toBe(base);

    const published = await cleo.get(`${base}/${themeId}`);
    expect(textOf(published.html)).toMatch(/Contributors\s+5 of the 5 needed\s+Published\s+Published/);
    expect(published.html).toContain(`href="${base}/${themeId}/testimony.pdf"`);
    const pdf = await cleo.get(`${base}/${themeId}/testimony.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const anyone = new PageClient(h.webUrl);
    expect((await anyone.get(`/leros/${f.slug}`)).html).toContain(`href="/leros/${f.slug}/in-our-words"`);
    const page = await anyone.get(`/leros/${f.slug}/in-our-words`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toMatch(/Getting into recovery\s+What helped you into recovery\?/);
    for (const name of PEOPLE.slice(0, 4)) expect(text).toContain(statementOf(name));
    expect(text).toContain(edited);
    expect(text).not.toContain(statementOf('Eve'));
    expect(text).not.toMatch(/\b20\d\d\b|Ann|Eve|Leeds/);
    // The region's page gathers its LEROs' published themes, linked from its directory.
    const region = `/regions/north-east-${f.slug}`;
    expect((await anyone.get(`${region}/directory`)).html).toContain(`href="${region}/in-our-words"`);
    const regionPage = await anyone.get(`${region}/in-our-words`);
    expect(regionPage.html).toContain(`href="/leros/${f.slug}/in-our-words"`);
    expect(textOf(regionPage.html)).toMatch(/Phoenix Recovery Community\s+Getting into recovery/);
    expect(textOf(regionPage.html)).toContain(edited);
  });

  it('unpublishes on a withdrawal, and tells a writer their statement was declined', async () => {
    const ann = members[0];
    const [annId] = pieceIdsOn((await ann.get(base)).html, 'withdraw');
    const withdrawn = await ann.post(`${base}/${themeId}/pieces/${annId}/withdraw`, {});
    expect(withdrawn.location).toBe(base);
    expect(textOf((await ann.follow(withdrawn)).html)).toMatch(
      /Your statement is withdrawn[\s\S]*Withdrawn\. Its text is deleted/,
    );
    const anyone = new PageClient(h.webUrl);
    const page = textOf((await anyone.get(`/leros/${f.slug}/in-our-words`)).html);
    expect(page).toContain('has no published testimony yet');
    expect(textOf((await anyone.get(`/regions/north-east-${f.slug}/in-our-words`)).html)).toContain(
      'No organisation in North East has published testimony yet',
    );
    expect(textOf((await cleo.get(`${base}/${themeId}`)).html)).toContain('Needs 1 more contributor');

    // Ann writes again; staff decline it; she is told, and may withdraw it.
    await ann.post(`${base}/${themeId}/pieces`, { text: 'Something I would rather not see', consent: 'yes' });
    const review = await f.sam.get(`${base}/${themeId}`);
    const [waiting] = pieceIdsOn(review.html, 'decline');
    expect((await f.sam.post(`${base}/${themeId}/pieces/${waiting}/decline`, {})).status).toBe(303);
    expect(textOf((await ann.get(base)).html)).toContain('Not approved: it will not be published');
    // A decided piece: the API's refusal.
    expect((await f.sam.post(`${base}/${themeId}/pieces/${waiting}/approve`, {})).status).toBe(409);

    const closed = await cleo.post(`${base}/${themeId}/close`, {});
    expect(textOf((await cleo.follow(closed)).html)).toContain('Getting into recovery is closed');
    expect(textOf((await members[1].get(base)).html)).toContain('There are no open themes at the moment');
  });

  it('refuses everyone else', async () => {
    for (const path of [base, `${base}/${themeId}`, `${base}/new`]) {
      expectForbidden(await vic.get(path));
      expectForbidden(await admin.get(path));
      expectNotFound(await hope.get(path));
      expect((await new PageClient(h.webUrl).get(path)).location).toBe(
        `/sign-in?next=${encodeURIComponent(path)}`,
      );
    }
    expect(navigationOf((await vic.get(`/leros/${f.leroId}`)).html)).not.toContain('Testimony');
    expect(navigationOf((await members[1].get(base)).html)).toContain('Testimony');
    expectForbidden(await members[1].get(`${base}/new`));
    expectForbidden(await members[1].get(`${base}/${themeId}/testimony.pdf`));
    expectForbidden(await members[1].post(`${base}/${themeId}/open`, {}));
    expectForbidden(await vic.post(`${base}/${themeId}/pieces`, { text: 'x', consent: 'yes' }));
    // Staff's changes are not a member's, nor a member's staff's.
    const [benId] = pieceIdsOn((await members[1].get(base)).html, 'withdraw');
    expectNotFound(await members[1].post(`${base}/${themeId}/pieces/${benId}/approve`, {}));
    expectNotFound(await f.sam.post(`${base}/${themeId}/pieces/${benId}/withdraw`, {}));
    // Another member's piece is a missing one.
    expectNotFound(await members[2].post(`${base}/${themeId}/pieces/${benId}/withdraw`, {}));
    expectNotFound(await cleo.get(`${base}/not-a-uuid`));
    expectNotFound(await new PageClient(h.webUrl).get('/leros/no-such-lero/in-our-words'));
    expectNotFound(await new PageClient(h.webUrl).get('/regions/no-such-region/in-our-words'));
  });

  it('lets the region’s admin run a region theme its LEROs’ members write for, and shows it on the region’s page (ADR 0076)', async () => {
    const rhea = (await joinRegion(h, f.regionId, 'rhea@region.example.org', 'region-admin', 'Rhea')).client;
    const regionBase = `/regions/${f.regionId}/testimony`;
    expect((await rhea.get(`/regions/${f.regionId}`)).html).toContain(`href="${regionBase}"`);
    expect((await rhea.get(`${regionBase}/new`)).status).toBe(200);
    const saved = await rhea.post(regionBase, {
      title: 'Across the North East',
      prompt: 'What would you tell someone starting out?',
      publishThreshold: '5',
    });
    expect(saved.location).toMatch(new RegExp(`^${regionBase}/[0-9a-f-]{36}$`));
    const regionTheme = saved.location!.split('/').pop()!;
    expectNotFound(await members[0].get(`${base}/${regionTheme}`)); // a draft
    await rhea.post(`${regionBase}/${regionTheme}/open`, {});
    // Members find it in their LERO's list, marked as the region's, and write for it there.
    const list = textOf((await members[0].get(base)).html);
    expect(list).toMatch(/Across the North East\s+From across the region/);
    for (const [i, name] of PEOPLE.entries()) {
      const sent = await members[i].post(`${base}/${regionTheme}/pieces`, {
        text: `${statementOf(name)} (region)`,
        consent: 'yes',
      });
      expect(sent.location).toBe(base);
    }
    expect(textOf((await members[1].get(base)).html)).toMatch(/Across the North East\s+Waiting for review/);
    // The LERO's staff do not run or review it; the region's admin does.
    expectNotFound(await cleo.get(`${base}/${regionTheme}`));
    expectNotFound(await f.sam.get(regionBase));
    expectNotFound(await members[0].get(regionBase));
    const review = await rhea.get(`${regionBase}/${regionTheme}`);
    expect(textOf(review.html)).toMatch(/Needs 5 more contributors/);
    const ids = pieceIdsOn(review.html, 'approve');
    expect(ids).toHaveLength(5);
    for (const id of ids) await rhea.post(`${regionBase}/${regionTheme}/pieces/${id}/approve`, {});
    const done = textOf((await rhea.get(`${regionBase}/${regionTheme}`)).html);
    expect(done).toContain('Published');
    expect(done).not.toContain('Ann');
    const pdf = await rhea.get(`${regionBase}/${regionTheme}/testimony.pdf`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    // A member's page of a region's piece is their LERO's: no contributing on the region's pages.
    expect(
      (await members[0].post(`${regionBase}/${regionTheme}/pieces`, { text: 'x', consent: 'yes' })).status,
    ).toBe(404);
    const page = textOf(
      (await new PageClient(h.webUrl).get(`/regions/north-east-${f.slug}/in-our-words`)).html,
    );
    expect(page).toContain('From across North East');
    expect(page).toContain(`${statementOf('Cat')} (region)`);
  });
});

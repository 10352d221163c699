import { expectForbidden, expectNotFound, PageClient, type PageResponse, textOf } from '@hearth/testing';
import {
  DEBT,
  FOOD,
  joinRegion,
  leedsListing,
  setUpDirectory,
  type DirectoryFixture,
} from './directory-fixture';
import { apiCall, errorSummaryLinks } from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/** The names of the results a public directory page lists, in order. */
const resultsOf = (html: string) =>
  [...html.matchAll(/<li class="hearth-results__item">\s*<a[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

/** The first link on the page whose text starts with `text`. */
const hrefOf = (html: string, text: string) => {
  for (const m of html.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g))
    if (textOf(m[2]).startsWith(text)) return m[1].replace(/&amp;/g, '&');
  throw new Error(`no link "${text}" on the page: ${textOf(html).slice(0, 400)}`);
};

/**
 * The public directory and its curators' listing pages against a real Hearth (standalone on embedded
 * PostgreSQL, the web app as its own container), with real Leeds postcodes: searching, a category, near a
 * postcode, a listing's page; adding, changing, checking and retiring listings; who may see which page.
 */
describe('the directory in the web app', () => {
  let h: WebHarness;
  let f: DirectoryFixture;
  let anyone: PageClient;
  let home: string; // the public directory
  let curate: string; // its curators' pages
  const made: Record<string, string> = {};

  const ok = (page: PageResponse) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 1000 });
    f = await setUpDirectory(h);
    anyone = new PageClient(h.webUrl);
    home = `/regions/${f.regionSlug}/directory`;
    curate = `/regions/${f.regionId}/directory`;
    for (const [name, postcode, term, more] of [
      ['Kiln far debt advice', 'LS6 4AA'], // 3.53 km from LS1 4AP
      ['Kiln debt advice in Bradford', 'BD1 1AA'], // 12.8 km
      ['Kiln Headingley debt advice', 'LS6 1AE'], // 2.13 km
      [
        'Kiln debt advice nearby', // 210 m
        'LS1 4AQ',
        DEBT,
        {
          schedules: [
            { freq: 'WEEKLY', byday: 'MO,WE', opensAt: '09:00', closesAt: '17:00' },
            { freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '12:00' },
          ],
          contact: { name: 'The drop-in team', phone: '0113 496 0000', email: 'help@kiln.example.org' },
          location: {
            address1: '1 Kiln Street',
            city: 'Leeds',
            postcode: 'LS1 4AQ',
            accessibility: 'Step-free from the car park; hearing loop',
          },
          minimumAge: 18,
          fees: 'Free',
          languages: ['en', 'pl'],
        },
      ],
      ['Kiln food bank', 'LS3 1AA', FOOD], // 595 m
      ...Array.from({ length: 6 }, (_, i) => [`Zephyr walking group ${i + 1}`, 'LS9 8AA', FOOD]),
    ] as [string, string, string?, Record<string, unknown>?][]) {
      made[name] = (await f.list(leedsListing(name, postcode, term, more))).id;
    }
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('the public directory (no sign-in)', () => {
    it('lists every service in pages of ten, by name, with a search form that works without JavaScript', async () => {
      const page = ok(await anyone.get(home));
      const text = textOf(page.html);
      expect(text).toContain('Find help and support near you');
      expect(text).toContain('11 services');
      expect(page.html).toContain('<meta name="robots" content="index, follow">');
      expect(page.html).toMatch(/<form method="get" action="\/regions\/[a-z0-9-]+\/directory"/);
      // By name as the database sorts it (capitals first).
      expect(resultsOf(page.html)).toEqual([
        'Kiln Headingley debt advice',
        'Kiln debt advice in Bradford',
        'Kiln debt advice nearby',
        'Kiln far debt advice',
        'Kiln food bank',
        'Zephyr walking group 1',
        'Zephyr walking group 2',
        'Zephyr walking group 3',
        'Zephyr walking group 4',
        'Zephyr walking group 5',
      ]);
      const next = ok(await anyone.get(hrefOf(page.html, 'Next')));
      expect(resultsOf(next.html)).toEqual(['Zephyr walking group 6']);
    });

    it('finds debt advice within 3 km of LS1 4AP, nearest first', async () => {
      const page = ok(await anyone.get(`${home}?q=advice&category=${DEBT}&postcode=ls1+4ap&distance=3`));
      expect(textOf(page.html)).toContain('2 services near LS1 4AP');
      expect(resultsOf(page.html)).toEqual(['Kiln debt advice nearby', 'Kiln Headingley debt advice']);
      // Within 5 km the far one joins; any distance: all of them, nearest first.
      expect(
        resultsOf(ok(await anyone.get(`${home}?category=${DEBT}&postcode=LS14AP&distance=5`)).html),
      ).toEqual(['Kiln debt advice nearby', 'Kiln Headingley debt advice', 'Kiln far debt advice']);
      expect(
        resultsOf(ok(await anyone.get(`${home}?category=${DEBT}&postcode=LS14AP&distance=`)).html),
      ).toEqual([
        'Kiln debt advice nearby',
        'Kiln Headingley debt advice',
        'Kiln far debt advice',
        'Kiln debt advice in Bradford',
      ]);
      const none = ok(await anyone.get(`${home}?q=yoga`));
      expect(textOf(none.html)).toContain('Nothing matches your search');
    });

    it('shows the feed’s refusal of a postcode not in the list on the form, and the page’s own checks', async () => {
      const unknown = await anyone.get(`${home}?q=debt&postcode=LS1+9ZZ&distance=3`);
      expect(unknown.status).toBe(400);
      expect(errorSummaryLinks(unknown.html)).toEqual(['#postcode']);
      expect(textOf(unknown.html)).toContain('Postcode LS1 9ZZ is not in Hearth’s postcode list');
      expect(unknown.html).toContain('value="LS1 9ZZ"');
      const wrong = await anyone.get(`${home}?postcode=NOPE&category=not-a-category&distance=7`);
      expect(wrong.status).toBe(400);
      expect(errorSummaryLinks(wrong.html)).toEqual(['#category', '#postcode', '#distance']);
      expect(textOf(wrong.html)).toContain('Enter a real postcode, like LS1 4AP');
    });

    it('shows a listing as a person needs it, with the way back to their search', async () => {
      const results = ok(await anyone.get(`${home}?q=advice&postcode=LS1+4AP&distance=3`));
      const page = ok(await anyone.get(hrefOf(results.html, 'Kiln debt advice nearby')));
      const text = textOf(page.html);
      for (const expected of [
        'Opening times Monday: 09:00 to 17:00 Wednesday: 09:00 to 17:00 First Saturday of every month: 10:00 to 12:00',
        'Address 1 Kiln Street Leeds LS1 4AQ',
        'Accessibility Step-free from the car park; hearing loop',
        'Phone 0113 496 0000 Ask for The drop-in team',
        'Email help@kiln.example.org',
        'Who it is for Ages 18 and over',
        'Cost Free',
        'Languages English, Polish',
        'Categories Debt and money',
      ])
        expect(text).toContain(expected);
      expect(page.html).toContain('href="tel:01134960000"');
      expect(hrefOf(page.html, 'Back to the directory')).toBe(`${home}?q=advice&postcode=LS1+4AP&distance=3`);
      // Not signed in: no way to change or suggest.
      expect(text).not.toContain('Suggest a change');
      expect(text).not.toContain('Change this listing');
    });

    it('answers 404 for a region or listing that does not exist, or is not in the public directory', async () => {
      expectNotFound(await anyone.get('/regions/nowhere-at-all/directory'));
      expectNotFound(await anyone.get('/regions/Not_A_Slug/directory'));
      expectNotFound(await anyone.get(`${home}/services/not-a-uuid`));
      expectNotFound(await anyone.get(`${home}/services/00000000-0000-4000-8000-000000000000`));
    });
  });

  describe('the curators’ pages', () => {
    it('are the region admin’s and the directory curator’s, from their navigation', async () => {
      for (const person of [f.rhea, f.cora]) {
        const page = ok(await person.client.get(curate));
        expect(textOf(page.html)).toContain('Suggestions from LEROs 0 waiting for a decision');
        expect(textOf(page.html)).toContain(
          'Listings to check 11 never checked, or not for 12 months or more',
        );
        expect(hrefOf(page.html, 'Directory')).toBe(curate);
      }
      expect((await f.cora.client.get('/')).location).toBe(curate);
      // The region's page leads its admin there too.
      expect(hrefOf(ok(await f.rhea.client.get(`/regions/${f.regionId}`)).html, 'Directory:')).toBe(curate);
    });

    it('refuse everyone else: 403 to those who see the region, 404 to those who do not, sign-in to nobody', async () => {
      const cass = (await joinRegion(h, f.regionId, 'cass@region.example.org', 'commissioner', 'Cass'))
        .client;
      const other = await apiCall<{ id: string }>(h, 'POST', '/api/v1/regions', f.adminToken, {
        name: 'South West',
        slug: 'south-west',
      });
      const otto = (await joinRegion(h, other.id, 'otto@region.example.org', 'directory-curator', 'Otto'))
        .client;
      const pages = [
        curate,
        `${curate}/listings`,
        `${curate}/listings/new`,
        `${curate}/listings/${made['Kiln food bank']}`,
        `${curate}/listings/${made['Kiln food bank']}/edit`,
        `${curate}/listings/${made['Kiln food bank']}/retire`,
        `${curate}/needs-review`,
        `${curate}/suggestions`,
        `${curate}/settings`,
      ];
      for (const path of pages) {
        expectForbidden(await cass.get(path));
        expectNotFound(await otto.get(path));
        expectNotFound(await f.sam.get(path));
        expect((await new PageClient(h.webUrl).get(path)).location).toBe(
          `/sign-in?next=${encodeURIComponent(path)}`,
        );
      }
      // The shared address is the region admins' to set.
      expectForbidden(await f.cora.client.get(`${curate}/settings`));
      ok(await f.rhea.client.get(`${curate}/settings`));
      expectNotFound(await f.rhea.client.get(`${curate}/listings/00000000-0000-4000-8000-000000000000`));
      expectNotFound(await f.rhea.client.get(`${curate}/listings/nope`));
    });

    it('adds a listing from the form, saying what is wrong first', async () => {
      const form = ok(await f.cora.client.get(`${curate}/listings/new`));
      expect(form.html).toContain('Kiln Headingley debt advice Trust'); // organisations already listed
      const empty = await f.cora.client.post(`${curate}/listings/new`, {
        postcode: 'LS1 4AP',
        'opens-TU': '10:00',
      });
      expect(empty.status).toBe(400);
      expect(errorSummaryLinks(empty.html)).toEqual([
        '#name',
        '#organizationName',
        '#closes-TU',
        '#address1',
        '#city',
      ]);
      const added = await f.cora.client.post(`${curate}/listings/new`, [
        ['name', 'Kiln housing advice'],
        ['organizationName', 'Kiln Housing Trust'],
        ['description', 'Help to find somewhere to live.'],
        ['terms', '54045500-b17c-44ff-b6c5-50e4980e085a'],
        ['opens-TH', '9.30'],
        ['closes-TH', '1300'],
        ['address1', '2 Kiln Street'],
        ['city', 'Leeds'],
        ['postcode', 'ls1 1ur'],
        ['phone', '0113 496 0001'],
        ['fees', 'Free'],
        ['languages', 'en'],
        ['otherLanguages', 'ti'],
      ]);
      expect(added.location).toMatch(new RegExp(`^${curate}/listings/[0-9a-f-]{36}$`));
      const page = ok(await f.cora.client.follow(added));
      const text = textOf(page.html);
      expect(text).toContain('Listing added');
      expect(text).toContain('Opening times Thursday: 09:30 to 13:00');
      expect(text).toContain('Address 2 Kiln Street Leeds LS1 1UR');
      expect(text).toContain('Languages English, Tigrinya');
      made['Kiln housing advice'] = added.location!.split('/').pop()!;
    });

    it('changes a listing: only what changed, hidden from the public directory when asked', async () => {
      const id = made['Kiln housing advice'];
      const edit = `${curate}/listings/${id}/edit`;
      const form = ok(await f.rhea.client.get(edit));
      expect(form.html).toContain('value="09:30"');
      const fields = (extra: [string, string][]): [string, string][] => [
        ['name', 'Kiln housing advice'],
        ['description', 'Help to find somewhere to live.'],
        ['terms', '54045500-b17c-44ff-b6c5-50e4980e085a'],
        ['opens-TH', '09:30'],
        ['closes-TH', '13:00'],
        ['address1', '2 Kiln Street'],
        ['city', 'Leeds'],
        ['postcode', 'LS1 1UR'],
        ['phone', '0113 496 0001'],
        ['fees', 'Free'],
        ['languages', 'en'],
        ['otherLanguages', 'ti'],
        ...extra,
      ];
      const same = await f.rhea.client.post(edit, fields([['status', 'active']]));
      expect(same.status).toBe(400);
      expect(textOf(same.html)).toContain('You have not changed anything');
      const changed = await f.rhea.client.post(
        edit,
        fields([
          ['status', 'inactive'],
          ['opens-FR', '10:00'],
          ['closes-FR', '12:00'],
        ]),
      );
      expect(changed.location).toBe(`${curate}/listings/${id}`);
      const view = await apiCall<{ status: string; schedules: unknown[]; fees: string }>(
        h,
        'GET',
        `/api/v1/regions/${f.regionId}/directory/services/${id}`,
        await f.rhea.token(),
      );
      expect(view).toMatchObject({ status: 'inactive', fees: 'Free' });
      expect(view.schedules).toEqual([
        expect.objectContaining({ byday: 'TH', opensAt: '09:30', closesAt: '13:00' }),
        expect.objectContaining({ byday: 'FR', opensAt: '10:00', closesAt: '12:00' }),
      ]);
      expect(textOf(ok(await anyone.get(home)).html)).toContain('11 services');
      expectNotFound(await anyone.get(`${home}/services/${id}`));
    });

    it('marks a listing checked today in the team’s name, which takes it off the list to check', async () => {
      const id = made['Kiln food bank'];
      const listing = `${curate}/listings/${id}`;
      ok(await f.cora.client.get(listing));
      const checked = await f.cora.client.follow(await f.cora.client.post(`${listing}/assure`, {}));
      expect(textOf(checked.html)).toContain(
        'Kiln food bank was checked today by directory@region.example.org',
      );
      const due = ok(await f.cora.client.get(`${curate}/needs-review`));
      expect(textOf(due.html)).not.toContain('Kiln food bank');
      expect(textOf(due.html)).toContain('Kiln far debt advice');
      // The public page says when it was checked.
      expect(textOf(ok(await anyone.get(`${home}/services/${id}`)).html)).toMatch(
        /last checked this listing on \d{1,2} \w+ \d{4}/,
      );
    });

    it('retires a listing after asking, and refuses forms without their token', async () => {
      const id = made['Kiln debt advice in Bradford'];
      const listing = `${curate}/listings/${id}`;
      const confirm = ok(await f.cora.client.get(`${listing}/retire`));
      expect(textOf(confirm.html)).toContain('Retire Kiln debt advice in Bradford?');
      const stale = await f.cora.client.post(`${listing}/retire`, {}, null);
      expect(stale.status).toBe(403);
      expect(textOf(stale.html)).toContain('This form has expired');
      const retired = await f.cora.client.follow(await f.cora.client.post(`${listing}/retire`, {}));
      expect(textOf(retired.html)).toContain('Listing retired');
      expect(textOf(retired.html)).toContain('Retired');
      expect(retired.html).not.toContain(`${listing}/edit`);
      expect((await f.cora.client.get(`${listing}/edit`)).location).toBe(listing);
      expectNotFound(await anyone.get(`${home}/services/${id}`));
    });

    it('lets the region’s admin set the curators’ shared address, checking it is an address', async () => {
      ok(await f.rhea.client.get(`${curate}/settings`));
      const wrong = await f.rhea.client.post(`${curate}/settings`, { contactEmail: 'not an address' });
      expect(wrong.status).toBe(400);
      expect(errorSummaryLinks(wrong.html)).toEqual(['#contactEmail']);
      const saved = await f.rhea.client.follow(
        await f.rhea.client.post(`${curate}/settings`, { contactEmail: 'curators@region.example.org' }),
      );
      expect(textOf(saved.html)).toContain('checked by curators@region.example.org');
    });
  });
});

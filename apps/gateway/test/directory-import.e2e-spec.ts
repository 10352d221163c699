import { uuidv7 } from 'uuidv7';
import { startOrukFeed, withClient, type OrukFeed } from '@hearth/testing';
import {
  councilFeed,
  curating,
  finished,
  fingerprint,
  imported,
  NAMED,
  schemaErrors,
  startTransferWorld,
  type Json,
  type TransferWorld,
} from './directory-transfer.fixture';

/** Importing another Open Referral UK feed into a region's listings (ADR 0041), through the gateway. */
describe('directory imports (gateway → NATS → directory → a feed on this machine)', () => {
  let world: TransferWorld;
  const feeds: OrukFeed[] = [];
  const imports = (regionId = world.cast.region.id) => `/api/v1/regions/${regionId}/directory/imports`;
  const feed = async (services: Json[], opts: Parameters<typeof startOrukFeed>[1] = {}) => {
    const made = await startOrukFeed(services, { named: NAMED, ...opts });
    feeds.push(made);
    return made;
  };

  beforeAll(async () => {
    world = await startTransferWorld();
  }, 120_000);

  afterAll(async () => {
    for (const f of feeds) await f.close();
    await world?.h.close();
  });

  it('lets only the region’s admins and directory curators import and follow their imports', async () => {
    // A feed of each caller's own: two imports of one feed at once would answer 409.
    expect(
      await world.cast.statuses(async (api) => api.post(imports(), { url: (await feed(councilFeed())).url })),
    ).toEqual(curating(202));
    const admin = world.cast.as('region admin');
    const made = (await admin.get<{ items: Json[] }>(imports())).body.items;
    expect(made).toHaveLength(2);
    for (const run of made) await finished(admin, world.cast.region.id, run.id as string);
    const [latest] = made;
    expect(await world.cast.statuses((api) => api.get(imports()))).toEqual(curating(200));
    expect(await world.cast.statuses((api) => api.get(`${imports()}/${latest.id}`))).toEqual(curating(200));
    // Another region's admin, in their own region, does not find this region's import either.
    const theirs = await world.cast
      .as('another region’s admin')
      .get(`${imports(world.cast.elsewhere.id)}/${latest.id}`);
    expect(theirs.status).toBe(404);
  });

  it('refuses what it may not fetch, and bad input, with 400 naming the field', async () => {
    const admin = world.cast.as('region admin');
    const council = await feed(councilFeed());
    const bad: [Json, string, RegExp?][] = [
      [{ url: 'ftp://feeds.example.org/oruk' }, 'url'],
      [{ url: 'not an address' }, 'url'],
      [{ url: 'http://10.0.0.1/oruk' }, 'url', /private/],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 'url', /linkLocal/],
      [{ url: 'http://[fd00::1]/oruk' }, 'url'],
      [{ url: 'http://user:secret@feeds.example.org/oruk' }, 'url'],
      [{ url: `${council.url}?page=2` }, 'url', /without \? or #/],
      [{ url: council.url, mode: 'drafts' }, 'mode', /listings or suggestions/],
      [{ url: council.url, full: 'yes' }, 'full'],
      [{ url: council.url, surprise: true }, 'surprise'],
      [{}, 'url'],
    ];
    for (const [body, field, message] of bad) {
      const res = await admin.post<Json>(imports(), body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      const errors = res.body.errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toContain(field);
      if (message) expect(errors.find((e) => e.field === field)?.message).toMatch(message);
    }
    expect((await admin.get(`${imports()}/not-a-uuid`)).status).toBe(400);
    expect((await admin.get(`${imports()}/${uuidv7()}`)).status).toBe(404);
    expect(council.requests).toEqual([]);
  });

  it('answers 409 while an import of the same feed is running', async () => {
    const admin = world.cast.as('region admin');
    const slow = await feed(councilFeed(), { delayMs: 400 });
    const first = await admin.post<Json>(imports(), { url: slow.url });
    expect(first.status).toBe(202);
    const second = await admin.post<Json>(imports(), { url: `${slow.url}/services` });
    expect([second.status, second.body.code]).toEqual([409, 'CONFLICT']);
    expect((await finished(admin, world.cast.region.id, first.body.id as string)).status).toBe('succeeded');
  });

  it('harvests a feed page by page into listings that keep their source, and the public feed answers them', async () => {
    const admin = world.cast.as('region admin');
    const council = await feed(councilFeed());
    const run = await imported(admin, world.cast.region.id, { url: council.url });
    expect(run).toMatchObject({
      status: 'succeeded',
      source: council.url,
      mode: 'listings',
      full: true,
      counts: { pages: 3, seen: 5, created: 4, updated: 0, unchanged: 0, removed: 0, skipped: 1 },
      problems: [{ sourceId: 'fh-5', message: 'The service has no name.' }],
      error: null,
    });
    expect(council.requests).toEqual(
      expect.arrayContaining(['/oruk/services?page=1&per_page=100', '/oruk/services/fh-2']),
    );
    const listings = (
      await admin.get<{ items: Json[] }>(
        `/api/v1/regions/${world.cast.region.id}/directory/services?limit=100`,
      )
    ).body.items.filter((l) => l.source === council.url);
    expect(listings.map((l) => [l.sourceId, l.status]).sort()).toEqual([
      ['ac148810-d857-441c-9679-408f346de14b', 'active'],
      ['fh-2', 'active'],
      ['fh-3', 'active'],
      ['fh-4', 'retired'],
    ]);
    const hub = listings.find((l) => l.sourceId === 'fh-2')!;
    expect(hub.organization).toMatchObject({ name: 'Example Organization Inc.' });
    expect(hub.taxonomyTerms).toEqual([{ id: expect.any(String), name: 'name' }]);
    // One organisation and one place however many services share them; a latitude of 100 is not kept.
    await withClient(world.h.db.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select (select count(*)::int from directory.organizations where source = $1) as organizations,
                (select count(*)::int from directory.locations where source = $1) as locations,
                (select count(*)::int from directory.locations where source = $1 and latitude is not null) as points`,
        [council.url],
      );
      expect(rows[0]).toEqual({ organizations: 1, locations: 1, points: 0 });
    });
    const publicFeed = world.cast.as('anonymous');
    const base = `/api/v1/public/regions/${world.cast.region.slug}/oruk`;
    const full = await publicFeed.get<Json>(`${base}/services/${hub.id}`);
    expect(schemaErrors(full.body)).toEqual([]);
    expect(full.body).toMatchObject({
      name: 'Family Hub drop-in',
      assured_date: '2005-01-01',
      status: 'active',
    });
    expect(
      (await publicFeed.get(`${base}/services/${listings.find((l) => l.sourceId === 'fh-4')!.id}`)).status,
    ).toBe(404);
  });

  it('changes nothing when the same feed is imported again, then only what changed, and never duplicates', async () => {
    const admin = world.cast.as('region admin');
    const council = await feed(councilFeed());
    await imported(admin, world.cast.region.id, { url: council.url });
    const before = await fingerprint(world);
    const again = await imported(admin, world.cast.region.id, { url: council.url });
    // This feed does not answer modified_after: refused, the import walks all of it again.
    expect(again).toMatchObject({ status: 'succeeded', full: true, modifiedAfter: null });
    expect(again.counts).toMatchObject({
      seen: 5,
      created: 0,
      updated: 0,
      unchanged: 4,
      removed: 0,
      skipped: 1,
    });
    expect(council.requests.some((r) => r.includes('modified_after='))).toBe(true);
    expect(await fingerprint(world)).toEqual(before);

    council.services[2] = { ...council.services[2], name: 'Youth club (Tuesdays)' };
    const changed = await imported(admin, world.cast.region.id, { url: council.url });
    expect(changed.counts).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    council.services.splice(2, 1);
    const shrunk = await imported(admin, world.cast.region.id, { url: council.url });
    expect(shrunk.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, removed: 1 });
    await withClient(world.h.db.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select source_id, name, status from directory.services where source = $1 order by source_id`,
        [council.url],
      );
      expect(rows.map((r: Json) => [r.source_id, r.status])).toEqual([
        ['ac148810-d857-441c-9679-408f346de14b', 'active'],
        ['fh-2', 'active'],
        ['fh-3', 'inactive'],
        ['fh-4', 'retired'],
      ]);
      const log = await c.query(
        `select m.field_name, m.replacement_value from directory.metadata m
         join directory.services s on s.id = m.resource_id where s.source = $1 and s.source_id = 'fh-3'
         order by m.last_action_date, m.id`,
        [council.url],
      );
      expect(log.rows.map((r: Json) => r.field_name)).toEqual(['', 'name', 'status']);
    });
  });

  it('asks a feed that answers modified_after only for what changed since the last import', async () => {
    const admin = world.cast.as('region admin');
    const services = councilFeed().map((s) => ({ ...s, last_modified: '2024-01-01T00:00:00.000Z' }));
    const council = await feed(services, { modifiedAfter: true });
    await imported(admin, world.cast.region.id, { url: council.url });
    council.services[1] = {
      ...council.services[1],
      description: 'Now on Saturdays too.',
      last_modified: new Date(Date.now() + 60_000).toISOString(),
    };
    const asked = council.requests.length;
    const run = await imported(admin, world.cast.region.id, { url: council.url });
    expect(run).toMatchObject({ full: false, modifiedAfter: expect.any(String) });
    expect(run.counts).toMatchObject({ seen: 1, updated: 1, removed: 0 });
    const details = council.requests.slice(asked).filter((r) => /^\/oruk\/services\/[^?]/.test(r));
    expect(details).toEqual(['/oruk/services/fh-2']);
  });
});

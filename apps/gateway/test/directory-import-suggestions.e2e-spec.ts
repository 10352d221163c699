import { startOrukFeed, withClient, type OrukFeed } from '@hearth/testing';
import {
  councilFeed,
  fingerprint,
  imported,
  NAMED,
  startTransferWorld,
  type Json,
  type TransferWorld,
} from './directory-transfer.fixture';

type SuggestionPage = { items: Json[]; nextCursor: string | null };
const EXAMPLE_ID = 'ac148810-d857-441c-9679-408f346de14b';

/**
 * Importing another Open Referral UK feed into the curators' queue (ADR 0041, mode `suggestions`): each record a
 * suggestion that keeps the feed and its id, never twice, approved into a listing that keeps them, and a re-import
 * suggesting only what changed. LEROs never see an import's suggestions.
 */
describe('directory imports into suggestions (gateway → NATS → directory → a feed on this machine)', () => {
  let world: TransferWorld;
  let council: OrukFeed;
  const base = () => `/api/v1/regions/${world.cast.region.id}/directory`;
  const curator = () => world.cast.as('directory curator');
  const importing = () =>
    imported(world.cast.as('region admin'), world.cast.region.id, { url: council.url, mode: 'suggestions' });
  /** The import's suggestions in the region's queue, by the feed's id. */
  const queued = async (status = 'pending') => {
    const page = await curator().get<SuggestionPage>(
      `${base()}/suggestions?origin=import&status=${status}&limit=100`,
    );
    expect(page.status).toBe(200);
    const mine = page.body.items.filter((s) => s.source === council.url);
    return new Map(mine.map((s) => [s.sourceId as string, s]));
  };
  const listingsOf = async () =>
    withClient(world.h.db.ownerUrl, async (c) => {
      const { rows } = await c.query<{ id: string; source_id: string; status: string }>(
        `select id, source_id, status from directory.services where source = $1 order by source_id`,
        [council.url],
      );
      return rows;
    });

  beforeAll(async () => {
    world = await startTransferWorld();
    council = await startOrukFeed(councilFeed(), { named: NAMED });
  }, 120_000);

  afterAll(async () => {
    await council?.close();
    await world?.h.close();
  });

  it('fills the curators’ queue, not the listings, with each record keeping its feed and id', async () => {
    const run = await importing();
    expect(run).toMatchObject({
      status: 'succeeded',
      mode: 'suggestions',
      // The defunct service is not suggested (nothing to list); the one without a name cannot be taken.
      counts: { seen: 5, created: 3, updated: 0, unchanged: 1, removed: 0, skipped: 1 },
      pendingSuggestions: 3,
    });
    const queue = await queued();
    expect([...queue.keys()].sort()).toEqual([EXAMPLE_ID, 'fh-2', 'fh-3']);
    expect(queue.get('fh-2')).toMatchObject({
      origin: 'import',
      tenantId: null,
      importId: run.id,
      kind: 'new',
      listingId: null,
      status: 'pending',
      suggestion: expect.objectContaining({
        name: 'Family Hub drop-in',
        organization: expect.objectContaining({ name: 'Example Organization Inc.' }),
      }),
    });
    expect(await listingsOf()).toEqual([]);
    const oneImport = await curator().get<SuggestionPage>(
      `${base()}/suggestions?importId=${run.id as string}`,
    );
    expect(oneImport.body.items).toHaveLength(3);
    const fromLeros = await curator().get<SuggestionPage>(`${base()}/suggestions?origin=lero&limit=100`);
    expect(fromLeros.body.items.filter((s) => s.source === council.url)).toEqual([]);

    await withClient(world.h.db.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select tenant_id, payload from directory.outbox where subject = 'evt.directory.suggestion.submitted'
           and payload->>'suggestionId' = $1`,
        [queue.get('fh-2')!.id],
      );
      expect(rows).toEqual([
        {
          tenant_id: null,
          payload: { regionId: world.cast.region.id, suggestionId: queue.get('fh-2')!.id, importId: run.id },
        },
      ]);
    });
  });

  it('never shows a LERO an import’s suggestions', async () => {
    const lero = `/api/v1/tenants/${world.cast.lero.id}/directory/suggestions`;
    const own = await world.cast.as('tenant-admin').get<SuggestionPage>(`${lero}?limit=100`);
    expect(own.status).toBe(200);
    expect(own.body.items.filter((s) => s.origin === 'import')).toEqual([]);
    const one = (await queued()).get('fh-2')!;
    expect((await world.cast.as('tenant-admin').get(`${lero}/${one.id as string}`)).status).toBe(404);
  });

  it('changes no row when the same feed is imported again', async () => {
    const before = await fingerprint(world);
    const again = await importing();
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4, removed: 0, skipped: 1 });
    expect(await fingerprint(world)).toEqual(before);
  });

  it('approves a suggestion into a listing that keeps its source, which a re-import then leaves alone', async () => {
    const hub = (await queued()).get('fh-2')!;
    const approved = await curator().post<Json>(`${base()}/suggestions/${hub.id as string}/approve`, {
      alert: 'Closed on bank holidays.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', listingId: expect.any(String) });
    const listing = await curator().get<Json>(`${base()}/services/${approved.body.listingId as string}`);
    expect(listing.body).toMatchObject({
      name: 'Family Hub drop-in',
      alert: 'Closed on bank holidays.',
      status: 'active',
      source: council.url,
      sourceId: 'fh-2',
      organization: expect.objectContaining({ name: 'Example Organization Inc.' }),
    });
    await withClient(world.h.db.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select subject, tenant_id, payload from directory.outbox
          where payload->>'suggestionId' = $1 and subject = 'evt.directory.suggestion.approved'`,
        [hub.id],
      );
      expect(rows).toEqual([
        {
          subject: 'evt.directory.suggestion.approved',
          tenant_id: null,
          payload: {
            regionId: world.cast.region.id,
            suggestionId: hub.id,
            importId: hub.importId,
            listingId: approved.body.listingId,
          },
        },
      ]);
    });

    const before = await fingerprint(world);
    const again = await importing();
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await fingerprint(world)).toEqual(before);
    expect([...(await queued()).keys()].sort()).toEqual([EXAMPLE_ID, 'fh-3']);
  });

  it('suggests a change of a listing whose record changed, and changes a pending suggestion in place', async () => {
    const pendingYouth = (await queued()).get('fh-3')!;
    council.services[1] = { ...council.services[1], description: 'Now on Saturdays too.' };
    council.services[2] = { ...council.services[2], name: 'Youth club (Tuesdays)' };
    const run = await importing();
    expect(run.counts).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
    const queue = await queued();
    const [hub] = await listingsOf();
    expect(queue.get('fh-2')).toMatchObject({
      kind: 'change',
      listingId: hub.id,
      suggestion: expect.objectContaining({ description: 'Now on Saturdays too.' }),
    });
    expect(queue.get('fh-3')).toMatchObject({
      id: pendingYouth.id,
      kind: 'new',
      importId: run.id,
      suggestion: expect.objectContaining({ name: 'Youth club (Tuesdays)' }),
    });

    // A listing retired since cannot take the change: 409, and the suggestion waits to be rejected.
    const change = queue.get('fh-2')!;
    await curator().post(`${base()}/services/${hub.id}/retire`);
    const refused = await curator().post<Json>(`${base()}/suggestions/${change.id as string}/approve`);
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect((await queued()).get('fh-2')).toMatchObject({ status: 'pending' });
  });

  it('does not suggest again what a curator turned down, and withdraws what the feed no longer has', async () => {
    const queue = await queued();
    for (const sourceId of ['fh-2', 'fh-3'])
      expect(
        (
          await curator().post(`${base()}/suggestions/${queue.get(sourceId)!.id as string}/reject`, {
            reason: 'Not for this directory.',
          })
        ).status,
      ).toBe(200);
    council.services.splice(0, 1);
    const run = await importing();
    expect(run.counts).toMatchObject({ seen: 4, created: 0, updated: 0, unchanged: 3, removed: 1 });
    expect(await queued()).toEqual(new Map());
    const withdrawn = (await queued('rejected')).get(EXAMPLE_ID);
    expect(withdrawn).toMatchObject({ reason: 'The feed no longer has this service.' });
  });

  it('suggests making a listing the feed lost inactive, and suggests it again when it comes back', async () => {
    const example = councilFeed()[0];
    council.services.unshift(example);
    expect((await importing()).counts).toMatchObject({ created: 1, updated: 0 });
    const back = (await queued()).get(EXAMPLE_ID)!;
    const approved = await curator().post<Json>(`${base()}/suggestions/${back.id as string}/approve`);
    const listingId = approved.body.listingId as string;

    council.services.shift();
    expect((await importing()).counts).toMatchObject({ created: 0, removed: 1 });
    const gone = (await queued()).get(EXAMPLE_ID)!;
    expect(gone).toMatchObject({ kind: 'change', listingId, suggestion: { status: 'inactive' } });
    await curator().post(`${base()}/suggestions/${gone.id as string}/approve`);
    expect((await curator().get<Json>(`${base()}/services/${listingId}`)).body).toMatchObject({
      status: 'inactive',
      sourceId: EXAMPLE_ID,
    });
    expect((await importing()).counts).toMatchObject({ created: 0, removed: 0 });

    council.services.unshift(example);
    expect((await importing()).counts).toMatchObject({ created: 1 });
    expect((await queued()).get(EXAMPLE_ID)).toMatchObject({
      kind: 'change',
      listingId,
      suggestion: expect.objectContaining({ name: 'Community Counselling', status: 'active' }),
    });
  });
});

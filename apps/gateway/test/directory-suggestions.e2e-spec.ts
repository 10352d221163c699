import { withClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { directoryCast, listingBody, type DirectoryCast, type Matrix, type Who } from './directory-cast';

type Json = Record<string, unknown>;
type SuggestionPage = { items: Json[]; nextCursor: string | null };

/** The LERO's admins and coordinators suggest; its volunteers and members may not; nobody else sees the LERO. */
const suggesting = (ok: number): Matrix => ({
  'platform admin': 404,
  'region admin': 404,
  'directory curator': 404,
  commissioner: 404,
  'tenant-admin': ok,
  coordinator: ok,
  volunteer: 403,
  member: 403,
  'another LERO’s admin': 404,
  'another region’s admin': 404,
  'another region’s curator': 404,
  anonymous: 401,
});
/** The region's admins and curators decide; its commissioners may not; nobody else sees the region. */
const deciding = (ok: number): Matrix => ({
  'platform admin': 404,
  'region admin': ok,
  'directory curator': ok,
  commissioner: 403,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  'another region’s admin': 404,
  'another region’s curator': 404,
  anonymous: 401,
});

/** LEROs suggest listings and changes; the region's curators approve (with edits) or reject with a reason. */
describe('directory suggestions (gateway → NATS → directory, tenants)', () => {
  let h: DistributedHearth;
  let cast: DirectoryCast;
  const mine = () => `/api/v1/tenants/${cast.lero.id}/directory/suggestions`;
  const queue = () => `/api/v1/regions/${cast.region.id}/directory/suggestions`;
  let n = 0;
  const suggest = async (body: Json = listingBody(`Suggested ${++n}`), who: Who = 'coordinator') => {
    const res = await cast.as(who).post<Json>(mine(), body);
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    h = await startDistributedHearth();
    cast = await directoryCast(h);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets only the LERO’s admins and coordinators suggest and follow their suggestions', async () => {
    expect(await cast.statuses((api) => api.post(mine(), listingBody(`Matrix ${++n}`)))).toEqual(
      suggesting(201),
    );
    const made = await suggest();
    expect(await cast.statuses((api) => api.get(mine()))).toEqual(suggesting(200));
    expect(await cast.statuses((api) => api.get(`${mine()}/${made.id as string}`))).toEqual(suggesting(200));
  });

  it('lets only the region’s admins and curators see and decide suggestions', async () => {
    const made = await suggest();
    expect(await cast.statuses((api) => api.get(`${queue()}?status=pending`))).toEqual(deciding(200));
    expect(await cast.statuses((api) => api.get(`${queue()}/${made.id as string}`))).toEqual(deciding(200));
    expect(
      await cast.statuses(async (api) => api.post(`${queue()}/${(await suggest()).id as string}/approve`)),
    ).toEqual(deciding(200));
    expect(
      await cast.statuses(async (api) =>
        api.post(`${queue()}/${(await suggest()).id as string}/reject`, { reason: 'Already listed.' }),
      ),
    ).toEqual(deciding(200));
  });

  it('approves a new listing with the curator’s edits, through curation’s own change log and events', async () => {
    const made = await suggest(listingBody('Tuesday walking group', { fees: 'Free' }));
    expect(made).toMatchObject({
      tenantId: cast.lero.id,
      regionId: cast.region.id,
      kind: 'new',
      status: 'pending',
      listingId: null,
      reason: null,
      suggestion: expect.objectContaining({ name: 'Tuesday walking group', fees: 'Free' }),
    });
    const pending = await cast
      .as('directory curator')
      .get<SuggestionPage>(`${queue()}?status=pending&limit=100`);
    const ids = pending.body.items.map((s) => s.id as string);
    expect(ids).toContain(made.id);
    expect([...ids].sort()).toEqual(ids);

    const approved = await cast
      .as('directory curator')
      .post<Json>(`${queue()}/${made.id as string}/approve`, {
        name: 'Walking group (Tuesdays)',
        alert: null,
      });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      listingId: expect.any(String),
      decidedAt: expect.any(String),
    });
    const listingId = approved.body.listingId as string;
    const listing = await cast
      .as('region admin')
      .get<Json>(`/api/v1/regions/${cast.region.id}/directory/services/${listingId}`);
    expect(listing.body).toMatchObject({ name: 'Walking group (Tuesdays)', fees: 'Free', status: 'active' });
    const seen = await cast.as('tenant-admin').get<Json>(`${mine()}/${made.id as string}`);
    expect(seen.body).toMatchObject({ status: 'approved', listingId });

    await withClient(h.db.ownerUrl, async (c) => {
      const log = await c.query(`select last_action_type from directory.metadata where resource_id = $1`, [
        listingId,
      ]);
      expect(log.rows).toEqual([{ last_action_type: 'create' }]);
      const events = await c.query(
        `select subject, tenant_id, payload from directory.outbox
          where payload->>'suggestionId' = $1 or payload->>'serviceId' = $2 order by id`,
        [made.id, listingId],
      );
      expect(events.rows.map((r) => r.subject)).toEqual([
        'evt.directory.suggestion.submitted',
        'evt.directory.listing.created',
        'evt.directory.suggestion.approved',
      ]);
      expect(events.rows[2]).toMatchObject({
        tenant_id: cast.lero.id,
        payload: { regionId: cast.region.id, suggestionId: made.id, tenantId: cast.lero.id, listingId },
      });
    });
    expect((await cast.as('directory curator').post(`${queue()}/${made.id as string}/approve`)).status).toBe(
      409,
    );
    expect(
      (await cast.as('directory curator').post(`${queue()}/${made.id as string}/reject`, { reason: 'Late.' }))
        .status,
    ).toBe(409);
  });

  it('applies an approved change to the listing, and a rejection shows the LERO why', async () => {
    const listingId = (
      await cast
        .as('region admin')
        .post<Json>(
          `/api/v1/regions/${cast.region.id}/directory/services`,
          listingBody('Debt advice drop-in'),
        )
    ).body.id as string;
    const change = await suggest({ listingId, fees: 'Free, no appointment needed' }, 'tenant-admin');
    expect(change).toMatchObject({
      kind: 'change',
      listingId,
      suggestion: { fees: 'Free, no appointment needed' },
    });
    const approved = await cast.as('region admin').post<Json>(`${queue()}/${change.id as string}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', listingId });
    const listing = await cast
      .as('region admin')
      .get<Json>(`/api/v1/regions/${cast.region.id}/directory/services/${listingId}`);
    expect(listing.body.fees).toBe('Free, no appointment needed');

    const turnedDown = await suggest({ listingId, alert: 'Closed for good' });
    const rejected = await cast
      .as('directory curator')
      .post<Json>(`${queue()}/${turnedDown.id as string}/reject`, {
        reason: '  It is still open: we rang them.  ',
      });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'It is still open: we rang them.' });
    const mineNow = await cast.as('coordinator').get<SuggestionPage>(`${mine()}?status=rejected`);
    expect(mineNow.body.items[0]).toMatchObject({
      id: turnedDown.id,
      reason: 'It is still open: we rang them.',
    });
    expect(
      (
        await cast
          .as('region admin')
          .get<Json>(`/api/v1/regions/${cast.region.id}/directory/services/${listingId}`)
      ).body.alert,
    ).toBeNull();
  });

  it('shows a LERO only its own suggestions, and another region’s curators none', async () => {
    const ours = await suggest();
    const theirs = `/api/v1/tenants/${cast.otherLero.id}/directory/suggestions`;
    const other = cast.as('another LERO’s admin');
    expect((await other.get(`${theirs}/${ours.id as string}`)).status).toBe(404);
    expect((await other.get<SuggestionPage>(theirs)).body.items.map((s) => s.id)).not.toContain(ours.id);
    const own = await cast.as('coordinator').get<SuggestionPage>(`${mine()}?limit=100`);
    expect(own.body.items.every((s) => s.tenantId === cast.lero.id)).toBe(true);
    const ids = own.body.items.map((s) => s.id as string);
    expect([...ids].sort().reverse()).toEqual(ids);
    const elsewhere = `/api/v1/regions/${cast.elsewhere.id}/directory/suggestions`;
    for (const who of ['another region’s curator', 'another region’s admin'] as const) {
      expect((await cast.as(who).get(`${elsewhere}/${ours.id as string}`)).status).toBe(404);
      expect((await cast.as(who).post(`${elsewhere}/${ours.id as string}/approve`)).status).toBe(404);
      expect((await cast.as(who).get<SuggestionPage>(elsewhere)).body.items).toEqual([]);
    }
  });

  it('refuses bad suggestions and decisions with 400 naming the field, and unknown listings with 404', async () => {
    const coordinator = cast.as('coordinator');
    const listingId = (
      await cast
        .as('region admin')
        .post<Json>(`/api/v1/regions/${cast.region.id}/directory/services`, listingBody('Target of changes'))
    ).body.id as string;
    const bad: [Json, string][] = [
      [{ organization: { name: 'No name' } }, 'name'],
      [{ name: 'No organisation' }, 'organization'],
      [listingBody('Both', { organizationId: '0190aaaa-0000-7000-8000-000000000000' }), 'organization'],
      [
        listingBody('x', { location: { address1: '1', city: 'Leeds', postcode: 'NOPE' } }),
        'location.postcode',
      ],
      [listingBody('x', { taxonomyTermIds: ['0190aaaa-0000-7000-8000-000000000000'] }), 'taxonomyTermIds'],
      [listingBody('x', { surprise: true }), 'surprise'],
      [{ listingId }, 'listingId'],
      [{ listingId: 'not-a-uuid', fees: 'x' }, 'listingId'],
      [{ listingId, organizationId: '0190aaaa-0000-7000-8000-000000000000' }, 'organizationId'],
    ];
    for (const [body, field] of bad) {
      const res = await coordinator.post<Json>(mine(), body);
      expect([res.status, res.headers.get('content-type')]).toEqual([
        400,
        expect.stringContaining('problem+json'),
      ]);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const unknown = await coordinator.post(mine(), {
      listingId: '0190aaaa-0000-7000-8000-000000000000',
      fees: 'x',
    });
    expect(unknown.status).toBe(404);
    await cast
      .as('region admin')
      .post(`/api/v1/regions/${cast.region.id}/directory/services/${listingId}/retire`);
    expect((await coordinator.post(mine(), { listingId, fees: 'x' })).status).toBe(404);

    const pending = await suggest();
    const at = `${queue()}/${pending.id as string}`;
    const curator = cast.as('directory curator');
    for (const body of [
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(1001) },
      { reason: 'ok', x: 1 },
    ])
      expect((await curator.post(`${at}/reject`, body)).status).toBe(400);
    for (const body of [{ surprise: 1 }, { minimumAge: -1 }, { schedules: [{ freq: 'DAILY' }] }])
      expect((await curator.post(`${at}/approve`, body)).status).toBe(400);
    expect((await curator.get(`${queue()}?status=lost`)).status).toBe(400);
    expect((await curator.get(`${queue()}/not-a-uuid`)).status).toBe(400);
    expect((await curator.get(`${queue()}/0190aaaa-0000-7000-8000-000000000000`)).status).toBe(404);
    expect((await curator.get<Json>(at)).body.status).toBe('pending');
  });
});

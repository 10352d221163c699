import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { eventually, withClient, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** The published Open Referral UK schemas (test data: apps/directory/test/test-data/oruk-3.0). */
const REFERENCE = join(__dirname, '../../directory/test/test-data/oruk-3.0/schema');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const load = (file: string) => JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as object;
for (const file of ['attribute.json', 'taxonomy_term.json']) ajv.addSchema(load(file), file);
const VALIDATE = {
  service: ajv.compile(load('compiled/service.json')),
  serviceList: ajv.compile(load('compiled/service_list.json')),
};
const expectValid = (validate: (typeof VALIDATE)[keyof typeof VALIDATE], body: unknown) =>
  expect(validate(body) ? [] : validate.errors).toEqual([]);

/** Hearth's own `Volunteering` term (migration 20261211 of the directory). */
const VOLUNTEERING = '042f6833-53b4-42ca-9b46-322e780b0fd7';

/**
 * Public volunteering roles (ADR 0058), end to end over NATS: a coordinator's open public role appears on the LERO's
 * public page and, for a LERO that publishes to its region's directory, as an Open Referral UK service under the
 * `volunteering` term; made members-only or closed, it leaves both; another LERO's members-only role never appears.
 */
describe('public volunteering roles on the LERO’s public page and in the directory', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let lero: { id: string; slug: string; adminToken: string };
  let other: { id: string; slug: string; adminToken: string };
  let regionAdmin: string;
  let coordinator: ApiClient;
  let safeguarding: string;
  const anyone = () => h.api.as(undefined);
  const roles = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering/roles`;
  const page = (slug = lero.slug) => `/api/v1/public/leros/${slug}/volunteering`;
  const feed = (path: string) => `/api/v1/public/regions/${region.slug}/oruk${path}`;
  const role = (extra: Json = {}) => ({
    title: 'Gorsebloom peer walk leader',
    description: 'Lead our Tuesday walks round the park.',
    whatYoullDo: 'Welcome walkers and keep the group together',
    skills: ['Leading a group', 'Listening'],
    where: 'Hyde Park, Leeds',
    requirementIds: [safeguarding],
    visibility: 'public',
    ...extra,
  });
  /** The feed's services with this word, each valid against the published schema. */
  const found = async (word: string) => {
    const res = await anyone().get<{ contents: Json[] }>(feed(`/services?search=${word}`));
    expect(res.status).toBe(200);
    for (const s of res.body.contents) expectValid(VALIDATE.serviceList, s);
    return res.body.contents;
  };
  const titlesOnPage = async (slug = lero.slug) => {
    const res = await anyone().get<{ items: Json[] }>(page(slug));
    expect(res.status).toBe(200);
    return res.body.items.map((r) => r.title).sort();
  };

  beforeAll(async () => {
    h = await startDistributedHearth();
    const platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    const invite = await h.api.as(platformAdmin).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'region-admin-roles@example.org',
      role: 'region-admin',
    });
    regionAdmin = await h.given.acceptInvitation(
      invite.body.token as string,
      'region-admin-roles@example.org',
    );
    lero = await h.given.lero(region.id, regionAdmin);
    other = await h.given.lero(region.id, regionAdmin);
    for (const l of [lero, other])
      await h.api.as(l.adminToken).patch(`/api/v1/tenants/${l.id}`, {
        publishToDirectory: true,
        contactEmail: 'hello@gorsebloom.example.org',
      });
    coordinator = h.api.as((await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token);
    const training = await coordinator.post<Json>(`/api/v1/tenants/${lero.id}/volunteering/training`, {
      name: 'Safeguarding',
      kind: 'training',
      validityMonths: 36,
    });
    safeguarding = training.body.id as string;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows an open public role on the public page and lists it in the directory under the volunteering term', async () => {
    const made = await coordinator.post<Json>(roles(), role());
    expect(made.status).toBe(201);
    await coordinator.post(roles(), role({ title: 'Gorsebloom kitchen helper', visibility: 'members' }));
    await coordinator.post(roles(), role({ title: 'Gorsebloom gardener', status: 'closed' }));
    // Another LERO's members-only role, in the same region, never shows anywhere.
    await h.api
      .as(other.adminToken)
      .post(
        roles(other.id),
        role({ title: 'Gorsebloom quiet driver', visibility: 'members', requirementIds: [] }),
      );

    const shown = await anyone().get<{ lero: Json; items: Json[] }>(page());
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      lero: { name: expect.any(String), slug: lero.slug },
      items: [
        {
          id: made.body.id,
          title: 'Gorsebloom peer walk leader',
          description: 'Lead our Tuesday walks round the park.',
          whatYoullDo: 'Welcome walkers and keep the group together',
          skills: ['Leading a group', 'Listening'],
          where: 'Hyde Park, Leeds',
          requirements: [{ name: 'Safeguarding', kind: 'training' }],
        },
      ],
    });
    expect(await titlesOnPage(other.slug)).toEqual([]);

    const [listed] = await eventually(async () => {
      const all = await found('gorsebloom');
      expect(all.map((s) => s.name)).toEqual(['Gorsebloom peer walk leader']);
      return all;
    });
    const full = await anyone().get<Json>(feed(`/services/${listed.id as string}`));
    expectValid(VALIDATE.service, full.body);
    expect(full.body).toMatchObject({
      name: 'Gorsebloom peer walk leader',
      status: 'active',
      email: 'hello@gorsebloom.example.org',
      description: expect.stringContaining('Needs: Safeguarding.'),
      schedules: [],
      service_at_locations: [],
      attributes: [{ taxonomy_term: expect.objectContaining({ id: VOLUNTEERING }) }],
    });
    const byTerm = await anyone().get<{ contents: Json[] }>(
      feed(`/services?taxonomy_term_id=${VOLUNTEERING}`),
    );
    expect(byTerm.body.contents.map((s) => s.name)).toContain('Gorsebloom peer walk leader');
  });

  it('takes a role made members-only or closed off the public page and out of the directory, and brings it back when reopened', async () => {
    const made = (await coordinator.post<Json>(roles(), role({ title: 'Gorsebloom tea maker' }))).body;
    const path = `${roles()}/${made.id as string}`;
    const listed = await eventually(async () => {
      const all = await found('tea');
      expect(all.map((s) => s.name)).toEqual(['Gorsebloom tea maker']);
      return all[0];
    });
    const item = feed(`/services/${listed.id as string}`);
    expect(await titlesOnPage()).toContain('Gorsebloom tea maker');

    expect((await coordinator.patch(path, { visibility: 'members' })).status).toBe(200);
    expect(await titlesOnPage()).not.toContain('Gorsebloom tea maker');
    await eventually(async () => expect((await anyone().get(item)).status).toBe(404));

    expect(
      (await coordinator.patch(path, { visibility: 'public', title: 'Gorsebloom tea urn keeper' })).status,
    ).toBe(200);
    await eventually(async () =>
      expect((await anyone().get<Json>(item)).body).toMatchObject({ name: 'Gorsebloom tea urn keeper' }),
    );
    expect((await coordinator.patch(path, { status: 'closed' })).status).toBe(200);
    expect(await titlesOnPage()).not.toContain('Gorsebloom tea urn keeper');
    await eventually(async () => expect((await anyone().get(item)).status).toBe(404));
    expect((await found('tea')).map((s) => s.name)).toEqual([]);
  });

  it('names a renamed requirement in the listing, and shows nothing of a suspended LERO', async () => {
    await coordinator.patch(`/api/v1/tenants/${lero.id}/volunteering/training/${safeguarding}`, {
      name: 'Safeguarding adults',
    });
    const [walkLeader] = (await found('walk')).filter((s) => s.name === 'Gorsebloom peer walk leader');
    await eventually(async () =>
      expect((await anyone().get<Json>(feed(`/services/${walkLeader.id as string}`))).body).toMatchObject({
        description: expect.stringContaining('Needs: Safeguarding adults.'),
      }),
    );
    expect((await anyone().get<{ items: Json[] }>(page())).body.items[0]).toMatchObject({
      requirements: [{ name: 'Safeguarding adults', kind: 'training' }],
    });

    await h.api.as(regionAdmin).post(`/api/v1/tenants/${lero.id}/suspend`);
    expect((await anyone().get(page())).status).toBe(404);
    await eventually(async () => expect(await found('gorsebloom')).toEqual([]));
    await h.api.as(regionAdmin).post(`/api/v1/tenants/${lero.id}/activate`);
    expect(await titlesOnPage()).toEqual(['Gorsebloom peer walk leader']);
    await eventually(async () =>
      expect((await found('gorsebloom')).map((s) => s.name)).toEqual(['Gorsebloom peer walk leader']),
    );
  });

  it('answers 404 for a slug that is no LERO’s and 400 naming the slug for a bad one', async () => {
    expect((await anyone().get(page('no-such-lero'))).status).toBe(404);
    const bad = await anyone().get<{ errors: { field: string }[] }>(page('Not_A_Slug!'));
    expect([bad.status, bad.body.errors?.map((e) => e.field)]).toEqual([400, ['slug']]);
    // Nothing of who volunteers, nor of a members-only role, ever reached the directory's projection.
    const sources = await withClient(
      h.db.ownerUrl,
      async (owner) =>
        (await owner.query<{ listing: Json | null }>(`select listing from directory.role_sources`)).rows,
    );
    expect(JSON.stringify(sources)).not.toMatch(/kitchen helper|quiet driver/);
  });
});

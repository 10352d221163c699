import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { eventually, withClient, type ApiClient, type ApiResponse } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { openActiveCases } from './openactive.cases';

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
  salList: ajv.compile(load('compiled/service_at_location_list.json')),
  organization: ajv.compile(load('compiled/organization.json')),
};
const expectValid = (validate: (typeof VALIDATE)[keyof typeof VALIDATE], body: unknown) =>
  expect(validate(body) ? [] : validate.errors).toEqual([]);

/** The next Tuesday at 10:00 (a week ahead at most), as an activity's wall-clock start. */
function nextTuesday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7 || 7));
  return `${d.toISOString().slice(0, 10)}T10:00`;
}

const WHO = [
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
  'region admin',
  'platform admin',
  'another LERO’s admin',
  'anonymous',
] as const;
type Who = (typeof WHO)[number];

/**
 * A LERO opting in to its region's directory (ADR 0042), end to end over NATS: its weekly walking group appears in
 * the public Open Referral UK feed with its schedule, follows its changes and leaves when paused or ended; what is
 * not public, or opted out, never appears, nor does anything about a person.
 */
describe('a LERO and its public activities in the regional directory', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let lero: { id: string; adminToken: string; adminEmail: string };
  const tokens = {} as Record<Who, string | undefined>;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const feed = (path: string) => `/api/v1/public/regions/${region.slug}/oruk${path}`;
  const activities = () => `/api/v1/tenants/${lero.id}/activities`;
  const anyone = () => h.api.as(undefined);
  const start = nextTuesday();
  const walk = (extra: Json = {}) => ({
    title: 'Quillwort walking group',
    category: 'walking',
    visibility: 'public',
    description: 'A gentle walk round Hyde Park, then tea.',
    location: { name: 'Park gates', address: 'Woodhouse Lane, Leeds', postcode: 'LS2 9JT' },
    schedule: { startsAt: start, durationMinutes: 90, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    ...extra,
  });
  /** The feed's services whose name or description has this word. */
  const found = async (word: string) => {
    const res = await anyone().get<{ contents: Json[] }>(feed(`/services?search=${word}`));
    expect(res.status).toBe(200);
    for (const s of res.body.contents) expectValid(VALIDATE.serviceList, s);
    return res.body.contents;
  };

  beforeAll(async () => {
    h = await startDistributedHearth();
    tokens['platform admin'] = await h.given.platformAdmin();
    region = await h.given.region(tokens['platform admin']);
    const invite = await as('platform admin').post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'region-admin-optin@example.org',
      role: 'region-admin',
    });
    tokens['region admin'] = await h.given.acceptInvitation(
      invite.body.token as string,
      'region-admin-optin@example.org',
    );
    lero = await h.given.lero(region.id, tokens['region admin']);
    tokens['tenant-admin'] = lero.adminToken;
    for (const role of ['coordinator', 'volunteer', 'member'] as const)
      tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
    tokens['another LERO’s admin'] = (await h.given.lero(region.id, tokens['region admin'])).adminToken;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets only the LERO’s own admins choose to publish, validated, and shows the choice', async () => {
    const path = `/api/v1/tenants/${lero.id}`;
    const expected: Record<Who, number> = {
      'tenant-admin': 200,
      coordinator: 403,
      volunteer: 403,
      member: 403,
      'region admin': 403,
      'platform admin': 403,
      'another LERO’s admin': 404,
      anonymous: 401,
    };
    const actual = {} as Record<Who, number>;
    for (const who of WHO) actual[who] = (await as(who).patch(path, { publishToDirectory: false })).status;
    expect(actual).toEqual(expected);
    const regionStaff = await as('region admin').patch<Json>(path, { publishToDirectory: true });
    expect(regionStaff.body).toMatchObject({ reason: 'LeroAdminsOnly' });
    for (const bad of ['yes', null, 1]) {
      const res = await as('tenant-admin').patch<{ errors: { field: string }[] }>(path, {
        publishToDirectory: bad,
      });
      expect([res.status, res.body.errors?.map((e) => e.field)]).toEqual([400, ['publishToDirectory']]);
    }
    expect((await as('tenant-admin').get<Json>(path)).body).toMatchObject({ publishToDirectory: false });
    const on = await as('tenant-admin').patch<Json>(path, {
      publishToDirectory: true,
      contactEmail: 'hello@quillwort.example.org',
    });
    expect(on.body).toMatchObject({ publishToDirectory: true, contactEmail: 'hello@quillwort.example.org' });
  });

  it('validates an activity’s directory choices and shows them', async () => {
    for (const [field, value] of [
      ['publishToDirectory', 'no'],
      ['locationOnRequest', 'yes'],
    ] as const) {
      const res = await as('coordinator').post<{ errors: { field: string }[] }>(
        activities(),
        walk({ [field]: value }),
      );
      expect([res.status, res.body.errors?.map((e) => e.field)]).toEqual([400, [field]]);
    }
    const made = await as('coordinator').post<Json>(activities(), walk({ title: 'Defaults' }));
    expect(made.body).toMatchObject({ publishToDirectory: true, locationOnRequest: false });
    const id = made.body.id as string;
    const bad = await as('coordinator').patch(`${activities()}/${id}`, { locationOnRequest: null });
    expect(bad.status).toBe(400);
    await as('coordinator').patch(`${activities()}/${id}`, {
      publishToDirectory: false,
      locationOnRequest: true,
    });
    expect((await as('member').get<Json>(`${activities()}/${id}`)).body).toMatchObject({
      publishToDirectory: false,
      locationOnRequest: true,
    });
    await as('coordinator').request('DELETE', `${activities()}/${id}`);
  });

  it('lists the weekly walking group with its schedule, follows its changes, and takes it away when paused or ended', async () => {
    const admin = as('tenant-admin');
    await admin.post(`/api/v1/tenants/${lero.id}/members`, { displayName: 'Zebedee Marchbanks' });
    const group = (await admin.post<Json>(activities(), walk())).body;
    await admin.post(activities(), walk({ title: 'Quillwort members’ circle', visibility: 'members' }));
    await admin.post(activities(), walk({ title: 'Quillwort mutual aid', publishToDirectory: false }));
    await admin.post(activities(), walk({ title: 'Quillwort quiet meeting', locationOnRequest: true }));

    const [listed, quiet] = await eventually(async () => {
      const names = (await found('quillwort')).map((s) => s.name);
      expect(names.sort()).toEqual(['Quillwort quiet meeting', 'Quillwort walking group']);
      const all = await found('quillwort');
      return ['Quillwort walking group', 'Quillwort quiet meeting'].map((n) =>
        all.find((x) => x.name === n)!,
      );
    });
    const full = await anyone().get<Json>(feed(`/services/${listed.id as string}`));
    expectValid(VALIDATE.service, full.body);
    expect(full.body).toMatchObject({
      name: 'Quillwort walking group',
      status: 'active',
      organization: { name: expect.stringContaining('LERO'), email: 'hello@quillwort.example.org' },
      schedules: [
        {
          freq: 'WEEKLY',
          interval: 1,
          byday: 'TU',
          dtstart: start.slice(0, 10),
          opens_at: '10:00',
          closes_at: '11:30',
          timezone: 'Europe/London',
          description: 'Every week on Tuesday, 10:00 to 11:30.',
        },
      ],
      service_at_locations: [
        {
          location: {
            name: 'Park gates',
            addresses: [{ address_1: 'Woodhouse Lane', city: 'Leeds', postal_code: 'LS2 9JT' }],
          },
        },
      ],
      contacts: [{ email: 'hello@quillwort.example.org' }],
    });
    const onRequest = await anyone().get<Json>(feed(`/services/${quiet.id as string}`));
    expectValid(VALIDATE.service, onRequest.body);
    expect(onRequest.body).toMatchObject({
      service_at_locations: [],
      service_areas: [{ name: 'LS2', description: expect.stringContaining('Location on request') }],
    });
    const org = await anyone().get<Json>(
      feed(`/organizations/${(full.body.organization as Json).id as string}`),
    );
    expectValid(VALIDATE.organization, org.body);
    const sals = await anyone().get<{ contents: Json[] }>(feed('/service_at_locations?search=quillwort'));
    for (const s of sals.body.contents) expectValid(VALIDATE.salList, s);
    expect(sals.body.contents).toHaveLength(1);
    // The LERO's own public programme and calendar feed keep the address to themselves too.
    const slug = (await admin.get<Json>(`/api/v1/tenants/${lero.id}`)).body.slug as string;
    const programme = await anyone().get<{ items: Json[] }>(`/api/v1/public/leros/${slug}/sessions`);
    expect(programme.body.items.find((x) => x.title === 'Quillwort quiet meeting')?.location).toEqual({
      name: 'Location on request (LS2)',
      address: null,
      postcode: null,
      latitude: null,
      longitude: null,
      onlineUrl: null,
    });
    const ics = await anyone().request<string>('GET', `/api/v1/public/leros/${slug}/calendar.ics`);
    expect(ics.body).toContain('Location on request (LS2)');
    expect(ics.body.split('Quillwort walking group').length).toBeGreaterThan(1);
    // Nothing about a person: no member, no account, no admin's address anywhere in the feed.
    const everything = JSON.stringify([full.body, onRequest.body, org.body, sals.body]);
    for (const personal of ['Zebedee', 'Marchbanks', lero.adminEmail])
      expect(everything).not.toContain(personal);

    const id = group.id as string;
    await admin.patch(`${activities()}/${id}`, {
      title: 'Quillwort Wednesday walk',
      schedule: { startsAt: start, durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=WE' },
    });
    await eventually(async () => {
      const changed = await anyone().get<Json>(feed(`/services/${listed.id as string}`));
      expect(changed.body).toMatchObject({
        name: 'Quillwort Wednesday walk',
        schedules: [{ byday: 'WE', opens_at: '10:00', closes_at: '11:00' }],
      });
    });
    const gone = async () =>
      eventually(async () =>
        expect((await anyone().get(feed(`/services/${listed.id as string}`))).status).toBe(404),
      );
    await admin.post(`${activities()}/${id}/pause`);
    await gone();
    await admin.post(`${activities()}/${id}/resume`);
    await eventually(async () =>
      expect((await anyone().get(feed(`/services/${listed.id as string}`))).status).toBe(200),
    );
    await admin.post(`${activities()}/${id}/end`);
    await gone();
    expect((await found('quillwort')).map((s) => s.name)).toEqual(['Quillwort quiet meeting']);
  });

  it('lets curators check or retire a LERO’s listing but not change it; one retired stays out whatever the LERO does', async () => {
    const admin = as('tenant-admin');
    const pottery = (await admin.post<Json>(activities(), walk({ title: 'Teasel pottery club' }))).body;
    const [listed] = await eventually(async () => {
      const all = await found('teasel');
      expect(all.map((s) => s.name)).toEqual(['Teasel pottery club']);
      return all;
    });
    const curator = as('region admin');
    const listing = `/api/v1/regions/${region.id}/directory/services/${listed.id as string}`;
    // The LERO's next change would write over a curator's: refused, saying why and what can be done.
    const changed = await curator.patch<Json>(listing, { name: 'Teasel clay club' });
    expect([changed.status, changed.body.detail]).toEqual([409, expect.stringContaining('kept by a LERO')]);
    expect((await curator.get<Json>(listing)).body).toMatchObject({
      name: 'Teasel pottery club',
      source: 'lero',
    });
    const settings = await curator.request('PUT', `/api/v1/regions/${region.id}/directory/settings`, {
      contactEmail: 'directory@region.example.org',
    });
    expect(settings.status).toBe(200);
    const assured = await curator.post<Json>(
      `/api/v1/regions/${region.id}/directory/services/${listed.id as string}/assure`,
    );
    expect(assured.status).toBe(200);
    expect((await curator.post(`${listing}/retire`)).status).toBe(200);
    expect((await anyone().get(feed(`/services/${listed.id as string}`))).status).toBe(404);
    // The LERO changes the activity, and pauses and resumes it: the directory takes each change in (its source
    // follows) and the listing stays retired.
    const activity = `${activities()}/${pottery.id as string}`;
    expect((await admin.patch(activity, { title: 'Teasel clay club' })).status).toBe(200);
    expect((await admin.post(`${activity}/pause`)).status).toBeLessThan(300);
    expect((await admin.post(`${activity}/resume`)).status).toBeLessThan(300);
    await eventually(async () => {
      const [source] = (
        await withClient(h.db.ownerUrl, (owner) =>
          owner.query(`select status, listing from directory.activity_sources where id = $1`, [pottery.id]),
        )
      ).rows as { status: string; listing: Json }[];
      expect(source).toMatchObject({ status: 'active' });
      expect(JSON.stringify(source.listing)).toContain('Teasel clay club');
    });
    expect((await curator.get<Json>(listing)).body).toMatchObject({
      name: 'Teasel pottery club',
      status: 'retired',
    });
    expect(await found('teasel')).toEqual([]);
  });

  it('hides the LERO while it is suspended and takes it away when it opts out', async () => {
    const quiet = (await found('quillwort')).find((s) => s.name === 'Quillwort quiet meeting')!;
    const path = (x: string) => feed(`/services/${quiet.id as string}${x}`);
    await as('region admin').post(`/api/v1/tenants/${lero.id}/suspend`);
    await eventually(async () => expect((await anyone().get(path(''))).status).toBe(404));
    await as('region admin').post(`/api/v1/tenants/${lero.id}/activate`);
    await eventually(async () => expect((await anyone().get(path(''))).status).toBe(200));
    await as('tenant-admin').patch(`/api/v1/tenants/${lero.id}`, { publishToDirectory: false });
    await eventually(async () => expect(await found('quillwort')).toEqual([]));
    const res: ApiResponse = await anyone().get(
      feed(`/organizations/${(quiet.organization as Json).id as string}`),
    );
    expect(res.status).toBe(404);
  });

  openActiveCases(() => ({
    h,
    region,
    platformAdmin: tokens['platform admin']!,
    regionAdmin: tokens['region admin']!,
    otherLeroAdmin: tokens['another LERO’s admin']!,
  }));
});

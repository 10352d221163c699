import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { withClient, type ApiClient } from '@hearth/testing';
import { loadPostcodes } from '../../directory/src';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

const DATA = join(__dirname, '../../directory/test/test-data');
/** Real postcode centroids around LS1 4AP (test-data/postcodes/README.md lists their distances). */
const LEEDS = join(DATA, 'postcodes/nspl-leeds-sample.csv');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const load = (file: string) =>
  JSON.parse(readFileSync(join(DATA, 'oruk-3.0/schema', file), 'utf8')) as object;
for (const file of ['attribute.json', 'taxonomy_term.json']) ajv.addSchema(load(file), file);
const VALIDATE = {
  services: ajv.compile(load('compiled/service_list.json')),
  service_at_locations: ajv.compile(load('compiled/service_at_location_list.json')),
};

const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';

/** A listing at a postcode, without a point of its own: it takes the postcode's centroid. */
const listing = (name: string, postcode: string, term = DEBT): Json => ({
  name,
  description: `${name}: free help, at the kiln.`,
  organization: { name: `${name} Trust` },
  location: { address1: '1 Kiln Street', city: 'Leeds', postcode },
  taxonomyTermIds: [term],
});

/** The feed's `postcode` and `proximity` end to end (ADR 0038): "debt advice within 3 km of LS1 4AP". */
describe('the directory near a postcode (gateway → NATS → directory)', () => {
  let h: DistributedHearth;
  let regionAdmin: ApiClient;
  let slug: string;
  let regionId: string;
  const anyone = () => h.api.as(undefined);
  const feed = (path: string) => `/api/v1/public/regions/${slug}/oruk${path}`;
  const names = async (path: string, resource: keyof typeof VALIDATE) => {
    const res = await anyone().get<{ contents: Json[]; total_items: number }>(feed(path));
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
    for (const item of res.body.contents)
      expect(VALIDATE[resource](item) ? [] : VALIDATE[resource].errors).toEqual([]);
    const named = res.body.contents.map((x) => (resource === 'services' ? x : (x.service as Json)).name);
    expect(res.body.total_items).toBe(named.length);
    return named;
  };
  const problemOf = async (path: string) => {
    const res = await anyone().get<Json>(feed(path));
    expect([res.status, res.headers.get('content-type')]).toEqual([
      400,
      expect.stringContaining('problem+json'),
    ]);
    return res.body;
  };
  const problem = async (path: string) => String((await problemOf(path)).detail);

  beforeAll(async () => {
    h = await startDistributedHearth();
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    slug = region.slug;
    regionId = region.id;
    const invite = await h.api.as(admin).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'places-admin@example.org',
      role: 'region-admin',
    });
    regionAdmin = h.api.as(
      await h.given.acceptInvitation(invite.body.token as string, 'places-admin@example.org'),
    );
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('says so while Hearth has no postcode list, rather than answering an empty page', async () => {
    expect(await problem('/services?postcode=LS1%204AP&proximity=3000')).toBe(
      'Invalid postcode: LS1 4AP is not in Hearth’s postcode list (the list is empty: it is loaded with npm run directory:load-postcodes).',
    );
  });

  it('finds debt advice within 3 km of LS1 4AP, nearest first, and every place near a postcode in order', async () => {
    await withClient(h.db.ownerUrl, (owner) => loadPostcodes(owner, LEEDS));
    const base = `/api/v1/regions/${regionId}/directory/services`;
    const made: Record<string, Json> = {};
    for (const [name, postcode, term] of [
      ['Kiln far debt advice', 'LS6 4AA'], // 3.53 km
      ['Kiln debt advice in Bradford', 'bd11aa'], // 12.8 km
      ['Kiln Headingley debt advice', 'LS6 1AE'], // 2.13 km
      ['Kiln debt advice nearby', 'ls1 4aq'], // 210 m
      ['Kiln food bank', 'LS3 1AA', FOOD], // 595 m
      ['Kiln debt advice somewhere', 'LS1 9ZZ'], // not in the list: no place
    ]) {
      const res = await regionAdmin.post<Json>(base, listing(name, postcode, term));
      expect(res.status).toBe(201);
      made[name] = res.body;
    }
    // The address keeps the postcode in its normal form, the location its centroid.
    expect(made['Kiln debt advice nearby']).toMatchObject({
      location: { postcode: 'LS1 4AQ', latitude: 53.79729, longitude: -1.55489 },
    });
    expect((made['Kiln debt advice somewhere'].location as Json).latitude).toBeUndefined();

    expect(
      await names(
        `/services?postcode=ls14ap&proximity=3000&taxonomy_term_id=${DEBT}&search=kiln`,
        'services',
      ),
    ).toEqual(['Kiln debt advice nearby', 'Kiln Headingley debt advice']);
    expect(
      await names(
        '/service_at_locations?postcode=LS1+4AP&proximity=3000&search=kiln',
        'service_at_locations',
      ),
    ).toEqual(['Kiln debt advice nearby', 'Kiln food bank', 'Kiln Headingley debt advice']);
    // A postcode alone: everything, nearest first, what has no place last.
    expect(await names('/services?postcode=LS1%204AP&search=kiln', 'services')).toEqual([
      'Kiln debt advice nearby',
      'Kiln food bank',
      'Kiln Headingley debt advice',
      'Kiln far debt advice',
      'Kiln debt advice in Bradford',
      'Kiln debt advice somewhere',
    ]);
  });

  it('refuses what is not a postcode, one not in the list, and a proximity without a postcode, each with a 400 saying so', async () => {
    expect(await problem('/services?postcode=NOPE')).toBe(
      'Invalid postcode: must be a UK postcode, such as LS1 4AP.',
    );
    expect(await problem('/service_at_locations?postcode=LS1%209ZZ&proximity=500')).toBe(
      'Invalid postcode: LS1 9ZZ is not in Hearth’s postcode list.',
    );
    expect(await problem('/services?proximity=1000')).toBe(
      'Invalid proximity: needs a postcode to measure from (`postcode`).',
    );
    expect((await problemOf('/services?postcode=LS1%204AP&proximity=3km')).errors).toContainEqual({
      field: 'proximity',
      message: 'must be a whole number of metres',
    });
    expect(await problem('/organizations?postcode=LS1%204AP')).toMatch(
      /^Invalid postcode: is not a parameter of \/organizations \(it takes search, /,
    );
  });
});

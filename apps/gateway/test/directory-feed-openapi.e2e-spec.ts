import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Parameter = {
  name: string;
  in: string;
  description?: string;
  'x-hearth-extension'?: boolean;
  $ref?: string;
};
type Operation = Json & { parameters?: Parameter[]; description?: string; 'x-hearth-extension'?: boolean };
type Document = Json & {
  paths: Record<string, { get: Operation; parameters?: Parameter[] }>;
  servers: { url: string }[];
};

/** Open Referral UK's published files (test data), and the address its OpenAPI document names them by. */
const REFERENCE = join(__dirname, '../../directory/test/test-data/oruk-3.0/schema');
const PUBLISHED = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const reference = JSON.parse(readFileSync(join(REFERENCE, 'openapi.json'), 'utf8')) as Document & {
  components: { parameters: Record<string, Parameter>; schemas: { Page: { properties: Json } } };
};
/** A parameter of the reference, its `$ref` followed. */
const referenceParameter = (p: Parameter) =>
  p.$ref ? reference.components.parameters[p.$ref.split('/').pop()!] : p;
const responseRef = (op: Operation, where: (schema: Json) => unknown) =>
  where(
    ((op.responses as Json)['200'] as { content: Record<string, { schema: Json }> }).content[
      'application/json'
    ].schema,
  );
const itemsRef = (schema: Json) =>
  ((schema.properties as Json)?.contents as { items?: { $ref?: string } })?.items?.$ref;
const ownRef = (schema: Json) => schema.$ref;

const HEARTH_TAXONOMY = 'efb78636-c1c1-427f-bfc5-2c92503a29c9';
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
/** A value for each parameter Open Referral UK names, and Hearth's. */
const EXAMPLES: Record<string, string> = {
  search: 'quokka',
  page: '1',
  per_page: '2',
  taxonomy_term_id: DEBT,
  taxonomy_id: HEARTH_TAXONOMY,
  minimum_age: '18',
  maximum_age: '25',
  start_time: '10:00',
  end_time: '12:00',
  day: 'MO',
  postcode: 'LS1 4AP',
  proximity: '1000',
  modified_after: '2026-01-01T00:00:00Z',
  minimal: 'true',
  full: 'true',
  organization_id: '0190aaaa-0000-7000-8000-000000000000',
  full_service: 'true',
  format: 'json',
};
/** Answered by the places work of issue 17 (a postcode needs its centroid loaded): here, answered or refused by value. */
const BY_VALUE = ['postcode', 'proximity'];

/**
 * The feed's own OpenAPI document (`/openapi.json`, linked from `/`): valid OpenAPI, built on Open Referral UK's
 * document with Hearth's additions marked, and describing exactly what the feed answers (ADR 0037).
 */
describe('the Open Referral UK feed’s own OpenAPI document', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let doc: Document;
  let anyone: ApiClient;
  const feed = (path = '') => `/api/v1/public/regions/${region.slug}/oruk${path}`;

  beforeAll(async () => {
    h = await startDistributedHearth();
    anyone = h.api.as(undefined);
    const platform = await h.given.platformAdmin();
    region = await h.given.region(platform);
    const invite = await h.api.as(platform).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'doc-admin@example.org',
      role: 'region-admin',
    });
    const admin = h.api.as(
      await h.given.acceptInvitation(invite.body.token as string, 'doc-admin@example.org'),
    );
    const made = await admin.post(`/api/v1/regions/${region.id}/directory/services`, {
      name: 'Quokka advice',
      description: 'Debt advice.',
      organization: { name: 'Quokka Trust' },
      location: { address1: '1 Calverley St', city: 'Leeds', postcode: 'LS1 4AP' },
      schedules: [{ freq: 'WEEKLY', byday: 'MO', opensAt: '10:00', closesAt: '12:00' }],
      taxonomyTermIds: [DEBT],
    });
    expect(made.status).toBe(201);
    const root = await anyone.get<Json>(feed());
    expect(root.body.openapi_url).toBe(`${h.api.baseUrl}${feed('/openapi.json')}`);
    const res = await fetch(root.body.openapi_url as string);
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
    doc = (await res.json()) as Document;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('is valid OpenAPI 3.1 to swagger-parser, with the published schemas it refers to resolved', async () => {
    expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: `${h.api.baseUrl}${feed()}` }] });
    const published = {
      order: 1,
      canRead: (file: { url: string }) => file.url.startsWith(PUBLISHED),
      read: (file: { url: string }) => readFileSync(join(REFERENCE, file.url.slice(PUBLISHED.length))),
    };
    const options = { resolve: { published, http: false as const } };
    const input = () => structuredClone(doc) as Exclude<Parameters<typeof SwaggerParser.validate>[0], string>;
    await expect(SwaggerParser.validate(input(), options)).resolves.toBeTruthy();
    const full = (await SwaggerParser.dereference(input(), options)) as unknown as Document;
    // A check of the check: the service's published schema is in it, resolved.
    expect(JSON.stringify(responseRef(full.paths['/services/{id}'].get, (s) => s))).toContain(
      '"assured_date"',
    );
  });

  it('has Open Referral UK’s paths, parameters, page and schemas, and marks what Hearth adds', () => {
    for (const [path, item] of Object.entries(reference.paths)) {
      const ours = doc.paths[path]?.get;
      expect({ path, ours: !!ours }).toEqual({ path, ours: true });
      const theirs = [...(item.parameters ?? []), ...(item.get.parameters ?? [])].map(referenceParameter);
      const own = [...(doc.paths[path].parameters ?? []), ...(ours.parameters ?? [])];
      expect(own.map((p) => `${p.in} ${p.name}`)).toEqual(
        expect.arrayContaining(theirs.map((p) => `${p.in} ${p.name}`)),
      );
      for (const p of own) {
        const added = !theirs.some((t) => t.name === p.name);
        expect({ path, name: p.name, marked: p['x-hearth-extension'] === true }).toEqual({
          path,
          name: p.name,
          marked: added,
        });
        if (added) expect(p.description).toContain('**Hearth extension:**');
      }
      expect(ours['x-hearth-extension']).toBeUndefined();
      // The published schema of each answer; for one service at a location, its own (the reference names the service's).
      const expected = [responseRef(item.get, itemsRef), responseRef(item.get, ownRef)];
      if (path === '/service_at_locations/{id}')
        expected[1] = `${PUBLISHED}compiled/service_at_location.json`;
      expect([responseRef(ours, itemsRef), responseRef(ours, ownRef)]).toEqual(expected);
    }
    for (const path of Object.keys(doc.paths).filter((p) => !reference.paths[p])) {
      expect({ path, marked: doc.paths[path].get['x-hearth-extension'] }).toEqual({ path, marked: true });
      expect(doc.paths[path].get.description).toContain('**Hearth extension:**');
    }
    const page = (doc.components as { schemas: { Page: { properties: Json } } }).schemas.Page;
    expect(Object.keys(page.properties).sort()).toEqual(
      [...Object.keys(reference.components.schemas.Page.properties), 'contents'].sort(),
    );
  });

  it('lists exactly the routes and query parameters the gateway serves for the feed', async () => {
    const api = await anyone.get<Document>('/docs/openapi.json');
    const prefix = '/api/v1/public/regions/{regionSlug}/oruk';
    const served = Object.fromEntries(
      Object.entries(api.body.paths)
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, item]) => [
          path.slice(prefix.length) || '/',
          (item.get.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => p.name)
            .sort(),
        ]),
    );
    const listed = Object.fromEntries(
      Object.entries(doc.paths).map(([path, item]) => [
        path,
        (item.get.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name)
          .sort(),
      ]),
    );
    expect(listed).toEqual(served);
  });

  it('answers every route it lists, with every parameter it lists', async () => {
    const ids: Record<string, string> = {};
    for (const path of Object.keys(doc.paths).filter((p) => !p.includes('{'))) {
      const res = await anyone.get<Json & { contents?: Json[] }>(feed(path === '/' ? '' : path));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      if (res.body.contents?.[0]) ids[path] = res.body.contents[0].id as string;
    }
    for (const path of Object.keys(doc.paths).filter((p) => p.includes('{id}'))) {
      const list = path.replace('/{id}', '');
      expect({ path, id: !!ids[list] }).toEqual({ path, id: true });
      expect({ path, status: (await anyone.get(feed(path.replace('{id}', ids[list])))).status }).toEqual({
        path,
        status: 200,
      });
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const p of (item.get.parameters ?? []).filter((x) => x.in === 'query')) {
        const res = await anyone.get<Json>(feed(`${path}?${p.name}=${encodeURIComponent(EXAMPLES[p.name])}`));
        const refusedForValue =
          BY_VALUE.includes(p.name) &&
          res.status === 400 &&
          JSON.stringify(res.body.errors).includes(`"field":"${p.name}"`);
        expect({ path, name: p.name, status: refusedForValue ? 200 : res.status }).toEqual({
          path,
          name: p.name,
          status: 200,
        });
      }
    }
  });

  it('refuses, naming it, each parameter Open Referral UK has that a list does not take', async () => {
    const named = Object.values(reference.components.parameters).map((p) => p.name);
    let refused = 0;
    for (const [path, item] of Object.entries(doc.paths).filter(
      ([p]) => p !== '/' && !p.includes('.') && !p.includes('{'),
    )) {
      const listed = (item.get.parameters ?? []).map((p) => p.name);
      for (const name of named.filter((n) => !listed.includes(n))) {
        const res = await anyone.get<Json>(feed(`${path}?${name}=${encodeURIComponent(EXAMPLES[name])}`));
        expect({
          path,
          name,
          status: res.status,
          fields: (res.body.errors as { field: string }[]).map((e) => e.field),
        }).toEqual({
          path,
          name,
          status: 400,
          fields: [name],
        });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(20);
  });
});

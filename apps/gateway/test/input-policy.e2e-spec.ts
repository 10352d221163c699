import SwaggerParser from '@apidevtools/swagger-parser';
import { Client } from 'pg';
import { rawRequest, type ApiClient, type RawResponse } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Problem = Json & { errors?: { field: string; row?: number; message: string }[] };
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
}

/** A problem+json answer with the request id, and what it says. */
function problemOf(res: RawResponse, status: number): Problem {
  expect({ status: res.status, type: res.type }).toEqual({
    status,
    type: 'application/problem+json; charset=utf-8',
  });
  const problem = JSON.parse(res.body) as Problem;
  expect(problem).toMatchObject({ status, requestId: expect.any(String), detail: expect.any(String) });
  return problem;
}

const fieldsOf = (problem: Problem) => [...new Set((problem.errors ?? []).map((e) => e.field))];
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * The input policy at the edge (ADR 0017), one test for each group of 500s issue 14's fuzzer found: every bad
 * input a clear 4xx problem+json that names what is wrong, nothing written, never a 500.
 */
describe('input policy', () => {
  let h: DistributedHearth;
  let owner: Client;
  let lero: { id: string; adminToken: string };
  let platformAdmin: string;
  let regionId: string;
  let admin: ApiClient;

  const json = (method: string, path: string, body: string, token = lero.adminToken) =>
    rawRequest(
      h.api.baseUrl,
      method,
      path,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    );
  const memberCount = async () =>
    Number(
      (
        await owner.query<{ n: string }>(
          'select count(*) as n from membership.members where tenant_id = $1',
          [lero.id],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    platformAdmin = await h.given.platformAdmin();
    const region = await h.given.region(platformAdmin);
    regionId = region.id;
    lero = await h.given.lero(region.id, platformAdmin);
    admin = h.api.as(lero.adminToken);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  describe('the API document', () => {
    it('is valid OpenAPI (the fuzzer is generated from it), every query parameter with its schema', async () => {
      const doc = (
        await h.api.get<Json & { paths: Record<string, Record<string, Operation>> }>('/docs/openapi.json')
      ).body;
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
      const query = Object.values(doc.paths)
        .flatMap((ops) => Object.values(ops))
        .flatMap((op) => op.parameters ?? [])
        .filter((p) => p.in === 'query');
      expect(query.length).toBeGreaterThan(20);
      for (const p of query) expect(Object.keys(p.schema ?? {})).not.toHaveLength(0);
      const members = doc.paths['/api/v1/tenants/{tenantId}/members'].get.parameters ?? [];
      expect(members.find((p) => p.name === 'status')?.schema).toMatchObject({ enum: ['active', 'left'] });
      // A nullable nested field (`location: LocationDto | null`) refers to its class, not to `Object`.
      expect(JSON.stringify(doc)).not.toContain('#/components/schemas/Object');
      // Every path parameter is declared (the public routes' slug was not).
      const publicSessions = doc.paths['/api/v1/public/leros/{slug}/sessions'].get.parameters ?? [];
      expect(publicSessions).toContainEqual(expect.objectContaining({ name: 'slug', in: 'path' }));
    });
  });

  describe('a NUL in any text', () => {
    it('is a 400 naming the field, in a body, a nested body field, a query and a CSV cell, and writes nothing', async () => {
      const before = await memberCount();
      const members = `/api/v1/tenants/${lero.id}/members`;
      expect(fieldsOf(problemOf(await json('POST', members, '{"displayName":"Jo\\u0000"}'), 400))).toEqual([
        'displayName',
      ]);
      const activity = {
        title: 'Walk',
        category: 'walking',
        visibility: 'public',
        location: { name: 'Park\u0000gates' },
        schedule: { startsAt: '2027-01-05T10:00', durationMinutes: 60 },
      };
      expect(
        fieldsOf(
          problemOf(
            await json('POST', `/api/v1/tenants/${lero.id}/activities`, JSON.stringify(activity)),
            400,
          ),
        ),
      ).toEqual(['location.name']);
      expect(
        fieldsOf(
          problemOf(await json('PATCH', `/api/v1/tenants/${lero.id}`, '{"name":"Phoenix\\u0000"}'), 400),
        ),
      ).toEqual(['name']);
      const search = await rawRequest(h.api.baseUrl, 'GET', `${members}?search=a%00b`, {
        authorization: `Bearer ${lero.adminToken}`,
      });
      expect(fieldsOf(problemOf(search, 400))).toEqual(['search']);
      const csv = await rawRequest(
        h.api.baseUrl,
        'POST',
        `${members}/import`,
        { 'content-type': 'text/csv', authorization: `Bearer ${lero.adminToken}` },
        'displayName\nJo\nSam\u0000\n',
      );
      expect(problemOf(csv, 400).errors).toEqual([
        { row: 3, field: '', message: expect.stringContaining('NUL character') },
      ]);
      expect(await memberCount()).toBe(before);
    });
  });

  describe('a lone UTF-16 surrogate', () => {
    it('is a 400 naming the field, in an email and in text', async () => {
      const problem = problemOf(
        await json(
          'POST',
          `/api/v1/tenants/${lero.id}/members`,
          '{"displayName":"Jo\\ud800","email":"jo\\udfff@example.org"}',
        ),
        400,
      );
      expect(fieldsOf(problem).sort()).toEqual(['displayName', 'email']);
      expect(problem.errors?.[0].message).toContain('valid Unicode');
      expect(
        problemOf(await json('POST', '/api/v1/auth/login', '{"email":"a\\ud800@b.org","password":"x"}'), 400),
      ).toMatchObject({ code: 'VALIDATION' });
    });
  });

  describe('null for an optional field in a change', () => {
    it('clears what can be cleared and is a 400 naming the field where it cannot be', async () => {
      const member = await admin.post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, {
        displayName: 'Jo',
        communityRoles: ['volunteer'],
        email: 'jo@example.org',
      });
      const path = `/api/v1/tenants/${lero.id}/members/${member.body.id}`;
      expect(fieldsOf(problemOf(await json('PATCH', path, '{"consents":{"contact":null}}'), 400))).toEqual([
        'consents.contact',
      ]);
      const cleared = await admin.patch<Json>(path, { communityRoles: null, email: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ communityRoles: [], email: null });
      const lero_ = `/api/v1/tenants/${lero.id}`;
      expect(fieldsOf(problemOf(await json('PATCH', lero_, '{"name":null}'), 400))).toContain('name');
      expect(fieldsOf(problemOf(await json('PATCH', lero_, '{"reportingVisibility":null}'), 400))).toEqual([
        'reportingVisibility',
      ]);
      const noContact = await admin.patch<Json>(lero_, { contactEmail: null });
      expect(noContact.status).toBe(200);
      expect(noContact.body.contactEmail).toBeNull();
    });

    it('reads rrule: null as a one-off', async () => {
      const res = await admin.post<Json & { schedule: Json }>(`/api/v1/tenants/${lero.id}/activities`, {
        title: 'Drop-in',
        category: 'wellbeing',
        visibility: 'members',
        schedule: { startsAt: '2027-01-05T10:00', durationMinutes: 60, rrule: null },
      });
      expect(res.status).toBe(201);
      expect(res.body.schedule.rrule).toBeNull();
    });
  });

  describe('JSON bodies', () => {
    it('refuses a duplicate key, naming it', async () => {
      const problem = problemOf(
        await json('POST', `/api/v1/tenants/${lero.id}/members`, '{"displayName":"Jo","displayName":"Sam"}'),
        400,
      );
      expect(problem.errors).toEqual([
        { field: 'displayName', message: expect.stringContaining('appears twice') },
      ]);
    });

    it.each([
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/regions',
      '/api/v1/tenants',
      '/api/v1/invitations/accept',
    ])('refuses an object 20,000 deep on %s with a 400 before parsing it', async (path) => {
      expect(
        problemOf(await json('POST', path, deep(20_000), platformAdmin), 400).errors?.[0].message,
      ).toContain('nests too deeply');
    });

    it('refuses a body over 1 MiB (413), plain text (415), broken JSON and a JSON null (400)', async () => {
      const members = `/api/v1/tenants/${lero.id}/members`;
      problemOf(await json('POST', members, JSON.stringify({ displayName: 'x'.repeat(1024 * 1024) })), 413);
      problemOf(
        await rawRequest(
          h.api.baseUrl,
          'POST',
          members,
          { 'content-type': 'text/plain', authorization: `Bearer ${lero.adminToken}` },
          'Jo',
        ),
        415,
      );
      expect(problemOf(await json('POST', members, '{"displayName":'), 400).detail).toMatch(/not valid JSON/);
      expect(problemOf(await json('PATCH', `/api/v1/tenants/${lero.id}`, 'null'), 400).detail).toMatch(
        /must be a JSON object/,
      );
    });
  });

  describe('dates out of range', () => {
    it('refuses a session in 9999 and a report for the year 0, naming the fields', async () => {
      const activity = await json(
        'POST',
        `/api/v1/tenants/${lero.id}/activities`,
        JSON.stringify({
          title: 'Far away',
          category: 'other',
          visibility: 'members',
          schedule: { startsAt: '9999-12-31T23:59:59', durationMinutes: 60 },
        }),
      );
      expect(fieldsOf(problemOf(activity, 400))).toEqual(['schedule.startsAt']);
      const report = await rawRequest(
        h.api.baseUrl,
        'GET',
        `/api/v1/tenants/${lero.id}/reports/impact?period=year&from=0000-01&to=0000-12`,
        { authorization: `Bearer ${lero.adminToken}` },
      );
      expect(fieldsOf(problemOf(report, 400))).toEqual(['from', 'to']);
      const sessions = await rawRequest(
        h.api.baseUrl,
        'GET',
        `/api/v1/tenants/${lero.id}/sessions?from=0000-01-01&to=9999-12-31`,
        { authorization: `Bearer ${lero.adminToken}` },
      );
      expect(fieldsOf(problemOf(sessions, 400))).toEqual(['from', 'to']);
      const regional = await rawRequest(
        h.api.baseUrl,
        'GET',
        `/api/v1/reports/impact?regionId=${regionId}&period=year&from=0000-01&to=0000-12`,
        { authorization: `Bearer ${platformAdmin}` },
      );
      expect(fieldsOf(problemOf(regional, 400))).toEqual(['from', 'to']);
    });
  });

  describe('Fastify’s own errors', () => {
    it('answer problem+json with the request id: a broken %-encoding, a parameter too long, headers too large', async () => {
      const badUrl = problemOf(await rawRequest(h.api.baseUrl, 'GET', `/api/v1/tenants/%zz/members`), 400);
      expect(badUrl).toMatchObject({ code: 'VALIDATION', detail: expect.stringContaining('%-encoding') });
      problemOf(await rawRequest(h.api.baseUrl, 'GET', `/api/v1/tenants/${'a'.repeat(300)}`), 414);
      const headers = problemOf(
        await rawRequest(h.api.baseUrl, 'GET', '/api/v1/me', { 'x-padding': 'p'.repeat(20_000) }),
        431,
      );
      expect(headers.title).toBe('Headers too large');
      problemOf(await rawRequest(h.api.baseUrl, 'GET', '/api/v1/no-such-thing'), 404);
    });
  });
});

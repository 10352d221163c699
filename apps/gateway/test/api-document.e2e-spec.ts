import SwaggerParser from '@apidevtools/swagger-parser';
import { apiDocumentProblems, httpRoutesOf, isRegistered, type ApiDocument } from '@hearth/testing';
import { API_TAGS, WHO_MAY_CALL } from '../src/http/api-doc';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type ParserInput = Exclude<Parameters<typeof SwaggerParser.validate>[0], string>;

/**
 * The gateway's OpenAPI document as a client's developer gets it from a running gateway (over real NATS and
 * PostgreSQL): valid to an independent validator, and describing exactly the routes the gateway serves, each
 * with a summary, a description that says who may call it, and a tag. Decisions: ADR 0033.
 */
describe('the API document at /docs/openapi.json (distributed gateway)', () => {
  let h: DistributedHearth;
  let document: ApiDocument & { components: { schemas: Record<string, unknown> } };

  beforeAll(async () => {
    h = await startDistributedHearth();
    const res = await h.api.get<typeof document>('/docs/openapi.json');
    expect(res.status).toBe(200);
    document = res.body;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is valid OpenAPI to swagger-parser, every $ref resolved', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as ParserInput)).resolves.toBeTruthy();
    await expect(SwaggerParser.dereference(structuredClone(document) as ParserInput)).resolves.toBeTruthy();
  });

  it('describes every route the gateway serves and nothing else, each with a summary, who may call it and a tag', () => {
    const routes = httpRoutesOf(h.gateway);
    expect(routes.length).toBeGreaterThan(60);
    // Read from Nest's metadata, checked against the Fastify server: what is listed is what is served.
    expect(routes.filter((r) => !isRegistered(h.gateway, r)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The gateway serves only the API: nothing of it is hidden from the document.
    expect(routes.filter((r) => r.hidden).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(apiDocumentProblems(document, routes, { whoMayCall: WHO_MAY_CALL })).toEqual([]);
  });

  it('declares every id in a path a UUID, as the gateway refuses anything else', () => {
    const ids = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        (op.parameters ?? [])
          .filter((p) => p.in === 'path' && p.name.endsWith('Id'))
          .map((p) => ({ at: `${method.toUpperCase()} ${path} ${p.name}`, schema: p.schema })),
      ),
    );
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id) => id.schema?.format !== 'uuid').map((id) => id.at)).toEqual([]);
  });

  it('declares its tags in reading order, each with what it groups', () => {
    expect(document.tags).toEqual(API_TAGS.map(({ name, description }) => ({ name, description })));
  });

  it('holds in its components only the contract classes its operations use, no environment schema', () => {
    const schemas = Object.keys(document.components.schemas);
    expect(schemas).toEqual(expect.arrayContaining(['CreateMemberDto', 'LoginDto', 'ScheduleDto']));
    expect(schemas.filter((name) => /Env$/.test(name))).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('#/components/schemas/Object');
  });
});

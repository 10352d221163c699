import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { loadConfig } from '@hearth/platform';
import {
  apiDocumentProblems,
  createTestDatabase,
  httpRoutesOf,
  isRegistered,
  type ApiDocument,
  type HttpRoute,
  type TestDatabase,
} from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { WHO_MAY_CALL } from '../../gateway/src';
import { webOperations } from './fuzz/web-routes.util';

type ParserInput = Exclude<Parameters<typeof SwaggerParser.validate>[0], string>;

const name = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/**
 * Standalone serves the API and the web app's pages from one server: its OpenAPI document (ADR 0033) describes
 * the API, every route of it, and none of the pages, which the input fuzzer takes from the web app's own route
 * table instead.
 */
describe('the API document of standalone, beside the web app’s pages', () => {
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth;
  let document: ApiDocument;
  let routes: HttpRoute[];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-api-document-'));
    hearth = await startStandalone(
      loadConfig(StandaloneEnv, {
        DATABASE_URL: db.ownerUrl,
        HEARTH_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        HEARTH_ADMIN_EMAIL: 'api-document-admin@example.org',
        HEARTH_ADMIN_PASSWORD: 'api-document-admin-password',
      }),
      () => undefined,
      Object.fromEntries(SERVICE_SCHEMAS.map((s) => [s.schema, db.urlFor(s.schema)])),
    );
    const res = await fetch(`${hearth.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as ApiDocument;
    routes = httpRoutesOf(hearth.app);
  }, 120_000);

  afterAll(async () => {
    await hearth?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is valid OpenAPI to swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as ParserInput)).resolves.toBeTruthy();
  });

  it('describes every API route standalone serves, each with a summary, who may call it and a tag, and nothing else', () => {
    expect(routes.filter((r) => !isRegistered(hearth.app, r)).map(name)).toEqual([]);
    expect(apiDocumentProblems(document, routes, { whoMayCall: WHO_MAY_CALL })).toEqual([]);
  });

  it('leaves out exactly the web app’s pages, which the fuzzer takes from the web app’s own route table', () => {
    const pages = routes.filter((r) => r.module === 'WebModule');
    expect(pages.length).toBeGreaterThan(30);
    // Hidden from the document: the pages, and nothing but the pages.
    expect(
      routes
        .filter((r) => r.hidden)
        .map(name)
        .sort(),
    ).toEqual(pages.map(name).sort());
    const documented = Object.keys(document.paths);
    expect(pages.filter((p) => documented.includes(p.path)).map(name)).toEqual([]);
    // The API's own paths: /api/v1, health, metrics, and the passport keys where verifiers look for them (ADR 0056).
    expect(
      documented.filter((p) => !/^\/(api\/v1\/|health\/|metrics$|\.well-known\/jwks\.json$)/.test(p)),
    ).toEqual([]);
    // Every page this server serves is one the fuzzer sends hostile input to (or, taking none, has no need to).
    const fuzzed = webOperations().map((op) => `${op.method} ${op.template}`);
    expect(pages.map(name).sort()).toEqual([...new Set(fuzzed)].sort());
  });
});

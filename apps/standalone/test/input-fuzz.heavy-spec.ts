// Time budget: under 420 s on a 2-core machine with its fixed seed and 50 invalid requests an operation (577
// operations, 38,083 requests in 233 s on 2026-12-05 on a quiet machine; 469 in 127 s the day before: the
// session's new routes and pages took it past its old 180 s). `npm run fuzz -- --runs=N [--seed=S] [--only=REGEX]` runs it
// longer (FUZZ_RUNS, FUZZ_SEED, FUZZ_ONLY; FUZZ_TRACE=1 prints every request). Decisions: ADR 0017.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { loadConfig } from '@hearth/platform';
import {
  ApiClient,
  createTestDatabase,
  FAST_PASSWORD_HASHING,
  Given,
  PageClient,
  type TestDatabase,
} from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { DbFingerprint, changedTables, type Fingerprint } from './fuzz/db-fingerprint.util';
import { FuzzFixture } from './fuzz/fuzz-fixture';
import { formFieldsOn, formPostingTo } from './fuzz/form-fields.util';
import { operationName, takesInput, type FuzzOperation, type FuzzRequest } from './fuzz/fuzz-operation';
import {
  closeAgent,
  describe as describeRequest,
  inPool,
  problemWith,
  send,
  type Finding,
} from './fuzz/fuzz-sender.util';
import { count, finding, newTally, report, type Tally } from './fuzz/fuzz-report.util';
import { requestsFor } from './fuzz/operation-requests.util';
import { apiOperations, type OpenApiDocument } from './fuzz/openapi-operations.util';
import { webOperations } from './fuzz/web-routes.util';

type ApiDocument = Exclude<Parameters<typeof SwaggerParser.validate>[0], string>;

const RUNS = Math.max(50, Number(process.env.FUZZ_RUNS ?? 50));
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const BUDGET_MS = Math.max(420_000, RUNS * 6_000);
const WIDTH = 4;
/** While working on one route: `FUZZ_ONLY='POST /api/v1/tenants/\{tenantId\}/activities'` (a regular expression). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
const TRACE = process.env.FUZZ_TRACE === '1';

describe('every operation of the API document and every page, under hostile input', () => {
  let db: TestDatabase;
  let dataDir: string;
  let hearth: RunningHearth;
  let fixture: FuzzFixture;
  let fingerprint: DbFingerprint;
  let fixtureMs = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-fuzz-'));
    const env = loadConfig(StandaloneEnv, {
      DATABASE_URL: db.ownerUrl,
      HEARTH_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'fatal',
      HEARTH_ADMIN_EMAIL: 'fuzz-admin@example.org',
      HEARTH_ADMIN_PASSWORD: 'fuzz-admin-password',
      // Tokens that outlive the run, and sign-in, feed and public-response limits that do not stop a fuzzer from one address.
      ACCESS_TOKEN_TTL: '900',
      AUTH_RATE_LIMIT: '100000',
      PUBLIC_RATE_LIMIT: '1000000',
      PUBLIC_RESPONSE_RATE_LIMIT: '1000000',
    });
    hearth = await startStandalone(
      env,
      () => undefined,
      Object.fromEntries(SERVICE_SCHEMAS.map((s) => [s.schema, db.urlFor(s.schema)])),
      { passwordHashCost: FAST_PASSWORD_HASHING },
    );
    const api = new ApiClient(hearth.url);
    fixture = new FuzzFixture(
      api,
      new Given(api, { email: 'fuzz-admin@example.org', password: 'fuzz-admin-password' }),
    );
    await fixture.setUp();
    fingerprint = await DbFingerprint.open(
      db.ownerUrl,
      SERVICE_SCHEMAS.map((s) => s.schema),
    );
  }, 120_000);

  afterAll(async () => {
    closeAgent();
    await fingerprint?.close();
    await hearth?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-erasures.ledger`, { force: true }); // made beside it by the first erasure
  });

  it(
    'answers every request with success or a clear 4xx — problem+json from the API, HTML from a page — and writes nothing it refused',
    async () => {
      const started = Date.now();
      const cpuAtStart = process.cpuUsage();
      const raw = (await (await fetch(`${hearth.url}/docs/openapi.json`)).json()) as ApiDocument;
      // The fuzzer is generated from the document: it must be valid OpenAPI first.
      await SwaggerParser.validate(structuredClone(raw));
      const document = (await SwaggerParser.dereference(structuredClone(raw))) as unknown as OpenApiDocument;
      const api = apiOperations(document);
      const pages = webOperations();
      const fuzzed = [...api, ...pages]
        .filter(takesInput)
        .filter((op) => !ONLY || ONLY.test(operationName(op)));
      const findings: Finding[] = [];
      const tallies: Tally[] = [];

      for (const [index, op] of fuzzed.entries()) {
        const tally = await fuzzOperation(op, SEED + index * 7919, findings, pages);
        tallies.push(tally);
      }
      const ready = await fetch(`${hearth.url}/health/ready`);

      report(document, api, pages, fuzzed, tallies, findings, Date.now() - started, {
        seed: SEED,
        runs: RUNS,
      });
      const cpu = process.cpuUsage(cpuAtStart);
      process.stdout.write(
        `Fingerprints ${fingerprint.spentMs} ms, fixture upkeep ${fixtureMs} ms (${fixture.rebuilt} LEROs made again); ` +
          `CPU of this process (Hearth and the fuzzer) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s.\n`,
      );
      expect(ready.status).toBe(200);
      expect(tallies.filter((t) => t.invalid < 50).map((t) => t.operation)).toEqual([]);
      expect(findings.map((f) => `${f.operation} [${f.label}] ${f.problem}`)).toEqual([]);
    },
    BUDGET_MS,
  );

  async function fuzzOperation(
    op: FuzzOperation,
    seed: number,
    findings: Finding[],
    pages: FuzzOperation[],
  ): Promise<Tally> {
    const name = operationName(op);
    const form = op.body?.type === 'form' ? await formOf(op, pages) : undefined;
    const requests = requestsFor(op, {
      seed,
      invalid: RUNS,
      valid: 4,
      // Hostile text on every field is many requests; a share of it per operation (the long run sends more).
      acceptable: Math.round(4 * (RUNS / 50)),
      known: (n) => fixture.known(n),
      now: Date.now(),
      form,
    });
    const tally = newTally(name, requests.valid.length, requests.invalid.length);
    const run = async (batch: FuzzRequest[], width: number) =>
      inPool(batch, width, async (req) => {
        const sentAt = Date.now();
        const answer = await send(hearth.url, prepared(op, req));
        count(tally, answer.status);
        const problem = problemWith(op, req, answer);
        if (TRACE)
          process.stdout.write(
            `${answer.status} ${Date.now() - sentAt} ms ${req.label} ⇒ ${describeRequest(req)} → ${answer.body.slice(0, 160)}\n`,
          );
        if (problem) {
          tally.findings += 1;
          findings.push(finding(name, req, answer, problem));
        }
        return answer;
      });

    // Refused requests first, against an untouched fixture and a database at rest: nothing may change.
    const started = Date.now();
    const before = await fingerprint.settle();
    const refused = requests.invalid.filter((r) => r.expect === 'refused');
    await run(refused, WIDTH);
    await checkUnchanged(name, 'refused requests', before, await fingerprint.read(), findings, tally);
    const acceptable = await run(
      requests.invalid.filter((r) => r.expect === 'any'),
      WIDTH,
    );
    // Pages read (and audit) before they refuse a form, so only the API's refusals are held to "nothing written".
    if (op.audience === 'api' && acceptable.every((a) => a.status >= 400))
      await checkUnchanged(name, 'refused hostile values', before, await fingerprint.read(), findings, tally);
    const validAnswers = await run(requests.valid, 2);
    const wrote = [...acceptable, ...validAnswers].some((a) => a.status > 0 && a.status < 400);
    const ensured = Date.now();
    if (wrote && op.method !== 'GET') await fixture.ensure();
    fixtureMs += Date.now() - ensured;
    tally.ms = Date.now() - started;
    if ((await fetch(`${hearth.url}/health/live`)).status !== 200)
      findings.push({
        operation: name,
        label: 'health',
        request: '',
        problem: 'not live after',
        status: 0,
        detail: '',
      });
    return tally;
  }

  /** The request with its credentials: the API's bearer token, or the web session's cookie and CSRF token. */
  function prepared(op: FuzzOperation, req: FuzzRequest): FuzzRequest {
    // Accept first, as browsers send it (a request whose later headers overflow still says what it wants).
    const { 'x-fuzz-csrf': csrf, ...given } = req.headers;
    const headers: Record<string, string> = {
      accept: op.audience === 'api' ? 'application/json' : 'text/html',
      ...given,
    };
    if (op.audience === 'api') {
      const token = fixture.token(op, req.as);
      if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
      return { ...req, headers };
    }
    if (req.as === 'owner' && fixture.web.cookieHeader) headers.cookie = fixture.web.cookieHeader;
    const form = headers['content-type'] === 'application/x-www-form-urlencoded' && req.body !== undefined;
    const body =
      form && csrf !== 'omit'
        ? `${req.body}${req.body ? '&' : ''}_csrf=${encodeURIComponent(fixture.web.csrf)}`
        : req.body;
    return { ...req, headers, body };
  }

  /**
   * The fields of the form a page posts to this address and what the page fills them with, as the page renders
   * them (signed out when the page sends a signed-in person elsewhere), and the page's own query parameters, which
   * forms carry along as hidden fields.
   */
  async function formOf(op: FuzzOperation, pages: FuzzOperation[]): Promise<Map<string, string>> {
    const path = op.template.replace(/\{([^}]+)\}/g, (_, n: string) =>
      encodeURIComponent(fixture.known(n) ?? 'x'),
    );
    const own = await fixture.web.get(path);
    let fields = formFieldsOn(own.html);
    // No page at the form's own address (a door view's buttons post to …/check-in): the page above it.
    for (
      let up = path.replace(/\/[^/]+$/, '');
      fields.size === 0 && up && up !== path;
      up = up.replace(/\/[^/]+$/, '')
    )
      fields = formPostingTo((await fixture.web.get(up)).html, path) ?? fields;
    if (fields.size === 0) fields = formFieldsOn((await new PageClient(hearth.url).get(path)).html);
    // The CSRF token of this session (signing in gave it a new one), from a page every signed-in person has.
    if (!own.html.includes('name="_csrf"')) await fixture.web.get('/account');
    for (const q of pages.find((p) => p.method === 'GET' && p.template === op.template)?.query ?? [])
      if (!fields.has(q.name)) fields.set(q.name, '');
    return fields;
  }

  async function checkUnchanged(
    name: string,
    what: string,
    before: Fingerprint,
    after: Fingerprint,
    findings: Finding[],
    tally: Tally,
  ): Promise<void> {
    const changed = changedTables(before, after);
    if (changed.length === 0) return;
    tally.findings += 1;
    findings.push({
      operation: name,
      label: what,
      request: '',
      problem: `partial write: ${changed.join(', ')}`,
      status: 0,
      detail: '',
    });
  }
});

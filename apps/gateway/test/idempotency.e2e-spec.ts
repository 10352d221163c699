import { Client } from 'pg';
import { PruningJob, pruningJobToken } from '@hearth/messaging';
import { eventually, type ApiResponse, testTenantId } from '@hearth/testing';
import { IdempotencyKeys } from '../../events/src';
import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
interface Counts {
  sessionId: string;
  attended: number;
  walkIns: number;
  total: number;
}

const MINUTE = 60_000;
/** Keys live this long in this file (24 h in production), so their expiry is seen in seconds. */
const TTL_MS = 5000;
const accountOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;

/**
 * Walk-in changes with an `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header, ADR 0020), through the
 * gateway over NATS to the events service and its database.
 */
describe('idempotent walk-ins', () => {
  let h: DistributedHearth;
  let owner: Client;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let volunteer: string;
  let coordinator: string;
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}`;
  const walkIns = (
    sessionId: string,
    count: number,
    key?: string,
    token = volunteer,
    tenantId = lero.id,
  ): Promise<ApiResponse<Counts & Json>> =>
    h.api
      .as(token)
      .request<Counts & Json>(
        'POST',
        `${base(tenantId)}/sessions/${sessionId}/walk-ins`,
        { count },
        key === undefined ? {} : { 'idempotency-key': key },
      );
  const stored = async (sessionId: string) =>
    Number(
      (
        await owner.query<{ n: number }>('select walk_ins as n from events.sessions where id = $1', [
          sessionId,
        ])
      ).rows[0].n,
    );
  const recorded = async (sessionId: string) =>
    Number(
      (
        await owner.query<{ n: string }>(
          `select count(*) as n from events.outbox
            where subject = 'evt.events.walk-ins.recorded' and payload->>'sessionId' = $1`,
          [sessionId],
        )
      ).rows[0].n,
    );
  const problem = (res: ApiResponse<Json>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    return res.body;
  };

  /** A one-off session of `tenant` starting now: its register is open. */
  async function session(tenant = lero, token = coordinator): Promise<string> {
    const start = new Date(Date.now() + MINUTE);
    const made = await h.api.as(token).post<{ id: string }>(`${base(tenant.id)}/activities`, {
      title: `Drop-in ${++n}`,
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
    });
    if (made.status !== 201) throw new Error(`activity: ${made.status} ${JSON.stringify(made.body)}`);
    const from = encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString());
    const page = await h.api
      .as(token)
      .get<{ items: { id: string }[] }>(
        `${base(tenant.id)}/sessions?activityId=${made.body.id}&from=${from}`,
      );
    return page.body.items[0].id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth({ events: { idempotencyKeyTtlMs: TTL_MS } });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    lero = await h.given.lero(region.id, admin);
    other = await h.given.lero(region.id, admin);
    coordinator = (await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken)).token;
    volunteer = (await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken)).token;
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('answers a retry with the same key with the first result again, and counts once', async () => {
    const s = await session();
    const key = crypto.randomUUID();
    const first = await walkIns(s, 3, `"${key}"`);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ sessionId: s, attended: 0, walkIns: 3, total: 3 });
    // Someone else counts one more in the meantime: the retry still answers what the first request did.
    expect((await walkIns(s, 1)).body.walkIns).toBe(4);
    const retry = await walkIns(s, 3, `"${key}"`);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    // The key sent bare is the same key.
    expect((await walkIns(s, 3, key)).body).toEqual(first.body);
    expect(await stored(s)).toBe(4);
    expect(await recorded(s)).toBe(2);
    // The key itself is not stored: a one-way hash of the LERO, the caller and the key.
    const keys = await owner.query('select * from events.idempotency_keys where tenant_id = $1', [lero.id]);
    expect(JSON.stringify(keys.rows)).not.toContain(key);
  });

  it('counts every request without a key, as before', async () => {
    const s = await session();
    await walkIns(s, 1);
    await walkIns(s, 1);
    expect(await stored(s)).toBe(2);
  });

  it('counts once when requests with the same key arrive together (the others answer alike or 409)', async () => {
    const s = await session();
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => walkIns(s, 2, key)));
    const done = answers.filter((a) => a.status === 201);
    expect(done.length).toBeGreaterThan(0);
    for (const a of done) expect(a.body).toEqual({ sessionId: s, attended: 0, walkIns: 2, total: 2 });
    for (const a of answers.filter((x) => x.status !== 201))
      expect(problem(a, 409)).toMatchObject({ reason: 'IdempotencyKeyInFlight' });
    expect(await stored(s)).toBe(2);
    expect(await recorded(s)).toBe(1);
  });

  it('answers 409 while a request with the key is still in flight, and takes the key once it ended unfinished', async () => {
    const s = await session();
    const key = crypto.randomUUID();
    const keys = new IdempotencyKeys({ databaseUrl: '', participantKeySecret: '' });
    const claimed = keys.identify(testTenantId(lero.id), accountOf(volunteer), key, {});
    // A first request holding the key, not yet committed (its own transaction, as the service's would be).
    const first = new Client({ connectionString: h.db.ownerUrl });
    await first.connect();
    try {
      await first.query('begin');
      await first.query(
        `insert into events.idempotency_keys (tenant_id, key_hash, fingerprint) values ($1, $2, $3)`,
        [lero.id, claimed.keyHash, claimed.fingerprint],
      );
      const started = Date.now();
      const res = await walkIns(s, 1, key);
      expect(problem(res, 409)).toMatchObject({
        code: 'CONFLICT',
        reason: 'IdempotencyKeyInFlight',
        requestId: expect.any(String),
      });
      // It waited a little for the first to finish before saying so.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      await first.query('rollback');
    } finally {
      await first.end();
    }
    // The first never finished (rolled back): the key was not remembered, so the retry is made.
    expect((await walkIns(s, 1, key)).body.walkIns).toBe(1);
    expect(await stored(s)).toBe(1);
  });

  it('refuses the key with another body (another count or session) with 422, changing nothing', async () => {
    const [s, t] = [await session(), await session()];
    const key = crypto.randomUUID();
    expect((await walkIns(s, 1, key)).status).toBe(201);
    for (const res of [await walkIns(s, 2, key), await walkIns(t, 1, key), await walkIns(s, -1, key)])
      expect(problem(res, 422)).toMatchObject({
        status: 422,
        code: 'UNPROCESSABLE',
        reason: 'IdempotencyKeyReused',
        detail: expect.stringContaining('Idempotency-Key'),
      });
    expect([await stored(s), await stored(t)]).toEqual([1, 0]);
    expect([await recorded(s), await recorded(t)]).toEqual([1, 0]);
  });

  it.each([
    ['empty', ''],
    ['empty quoted', '""'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['an unclosed string', '"abc'],
    ['with a space, unquoted', 'a b'],
    ['two keys', '"abc", "def"'],
    ['something after the string', '"abc";x=1'],
  ])('refuses a malformed key (%s) with 400 naming the header, changing nothing', async (_, key) => {
    const s = await session();
    expect(problem(await walkIns(s, 1, key), 400)).toMatchObject({
      code: 'VALIDATION',
      errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
    });
    expect(await stored(s)).toBe(0);
  });

  it('keeps keys apart by caller and by LERO: the same value from another caller or LERO is another key', async () => {
    const s = await session();
    const key = 'shared-key-value';
    expect((await walkIns(s, 1, key, volunteer)).body.walkIns).toBe(1);
    expect((await walkIns(s, 1, key, coordinator)).body.walkIns).toBe(2);
    const theirs = await session(other, other.adminToken);
    const there = await walkIns(theirs, 1, key, other.adminToken, other.id);
    expect(there.status).toBe(201);
    expect(there.body.walkIns).toBe(1);
    expect([await stored(s), await stored(theirs)]).toEqual([2, 1]);
    // Another LERO's session addressed here with a key is missing, as without a key, and the key stays unused.
    const fresh = crypto.randomUUID();
    expect((await walkIns(theirs, 1, fresh, volunteer, lero.id)).status).toBe(404);
    expect((await walkIns(s, 1, fresh, volunteer)).body.walkIns).toBe(3);
  });

  it('remembers nothing of a refused request: the same request is judged again', async () => {
    const s = await session();
    const key = crypto.randomUUID();
    expect(problem(await walkIns(s, -2, key), 409)).toMatchObject({ reason: 'WalkInsBelowZero' });
    await walkIns(s, 2);
    expect((await walkIns(s, -2, key)).body.walkIns).toBe(0);
    expect((await walkIns(s, -2, key)).body.walkIns).toBe(0);
    expect(await stored(s)).toBe(0);
  });

  it('forgets a key after its lifetime (the request is made again) and the pruning job removes it', async () => {
    const s = await session();
    const key = crypto.randomUUID();
    expect((await walkIns(s, 1, key)).body.walkIns).toBe(1);
    expect((await walkIns(s, 1, key)).body.walkIns).toBe(1);
    // Once the key's lifetime is over, the same request counts once more, and from then on is remembered again.
    await eventually(async () => expect((await walkIns(s, 1, key)).body.walkIns).toBe(2), {
      timeoutMs: TTL_MS * 3,
      intervalMs: 250,
    });
    expect((await walkIns(s, 1, key)).body.walkIns).toBe(2);
    expect(await stored(s)).toBe(2);

    await eventually(
      async () => {
        const removed = await h.events.get<PruningJob>(pruningJobToken('events')).runOnce();
        expect(removed['idempotency keys']).toBeGreaterThan(0);
      },
      { timeoutMs: TTL_MS * 3, intervalMs: 500 },
    );
    const left = await owner.query<{ age: number }>(
      `select extract(epoch from now() - created_at) * 1000 as age from events.idempotency_keys`,
    );
    for (const row of left.rows) expect(Number(row.age)).toBeLessThan(TTL_MS + 1000);
  });

  it('documents the header and its answers in the OpenAPI document', async () => {
    const doc = await h.api.get<{
      paths: Record<string, Record<string, { parameters?: Json[]; responses?: Record<string, unknown> }>>;
    }>('/docs/openapi.json');
    const op = doc.body.paths['/api/v1/tenants/{tenantId}/sessions/{sessionId}/walk-ins'].post;
    expect(op.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
    expect(Object.keys(op.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '409', '422']));
  });
});

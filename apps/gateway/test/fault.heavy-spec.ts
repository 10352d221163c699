import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  eventually,
  startTestPostgres,
  type TestPostgres,
  acknowledged,
  answerCounts,
  lostWrites,
  projectionFigures,
  setUpWriteStreamLero,
  startWriteStream,
  undeliveredEvents,
  type WriteStream,
  type WriteStreamLero,
} from '@hearth/testing';
import { serviceRoleName } from '@hearth/persistence';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

/*
 * Time budget: about 90 s on two cores (a Hearth, a NATS and a PostgreSQL of its own ~10 s; the write stream
 * ~60 s; catching up and the checks ~10 s); within the heavy project's two minutes.
 *
 * Nothing lost, nothing counted twice, through every fault at once. A stream of more than 2,000 writes through
 * the API (check-ins, walk-ins, RSVPs, new members), and meanwhile: reporting's role loses INSERT on a table
 * its consumers write (they fail and retry), a member is erased, NATS is killed and comes back, PostgreSQL
 * restarts, reporting gets its INSERT back, NATS is killed again. Nothing restarts a service: each must live
 * through it all, answer 503 (never 500) while it cannot serve, and catch up by itself. Afterwards every
 * acknowledged write is in its service, every event reached each of its consumers, reporting's figures equal
 * a recomputation from the events and membership schemas, and the erasure reached every service.
 */
const WRITES = 2_200;
const WRITE_EVERY_MS = 25;
const MEMBERS = 40;
const SESSIONS = 8;

describe('nothing lost through every fault at once', () => {
  let pg: TestPostgres;
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let stream: WriteStreamLero;
  let erased: string;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  const exits: unknown[] = [];
  let exitSpy: jest.SpyInstance;

  const base = () => `/api/v1/tenants/${lero.id}`;
  const api = () => h.api.as(lero.adminToken);
  const apps = (): [string, NestFastifyApplication][] => [
    ['tenants', h.tenants],
    ['membership', h.membership],
    ['events', h.events],
    ['reporting', h.reporting],
    ['gateway', h.gateway],
  ];
  const ready = async (app: NestFastifyApplication) =>
    (await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' })).statusCode;

  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: h.db.ownerUrl });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const one = async (sql: string, params: unknown[] = []) =>
    Number((await rows<{ n: string | number | null }>(sql, params))[0]?.n ?? 0);

  async function created<T>(call: () => Promise<{ status: number; body: T }>): Promise<T> {
    const res = await call();
    if (res.status !== 201) throw new Error(`Setup call answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    exitSpy = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exits.push(code);
    }) as never);
    pg = await startTestPostgres();
    h = await startDistributedHearth({
      databaseServerUrl: pg.url,
      logLevel: 'fatal',
      // Backoff short enough that consumers come back within the test (the policy is configuration).
      retry: { firstDelayMs: 100, maxDelayMs: 2_000, horizonMs: 7 * 86_400_000 },
    });
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    lero = await h.given.lero(region.id, admin);
    stream = await setUpWriteStreamLero(api(), lero.id, { sessions: SESSIONS, members: MEMBERS });
    const { sessionIds, memberIds } = stream;
    // The member to be erased has been to a group and said they would come to another.
    erased = memberIds[0];
    await created(() => api().post(`${base()}/sessions/${sessionIds[0]}/attendance`, { memberId: erased }));
    await created(() => api().post(`${base()}/sessions/${sessionIds[1]}/rsvps`, { memberId: erased }));
  });

  afterAll(async () => {
    process.removeListener('uncaughtException', onUncaught);
    exitSpy?.mockRestore();
    await h?.close();
    await pg?.close();
  });

  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  const owner = <T>(sql: string, params: unknown[] = []) => rows<T>(sql, params);

  /** The faults, one after another, while the writes go on; returns when the last write has been sent. */
  async function faults(writing: WriteStream): Promise<void> {
    const reportingRole = serviceRoleName('reporting');
    await sleep(3_000);
    // A consumer fails for a while: reporting may no longer add to its daily counts.
    await rows(`revoke insert on reporting.daily_counts from ${reportingRole}`);
    await sleep(1_000);
    // The erasure is asked for while reporting cannot take it; it must get there all the same.
    await eventually(
      async () => {
        const erasure = await api().request('DELETE', `${base()}/members/${erased}`);
        expect([200, 204]).toContain(erasure.status);
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await sleep(1_000);

    await h.nats.restart({ downMs: 3_000 }); // NATS killed, down three seconds, back (same store)
    await sleep(5_000);
    await rows(`grant insert on reporting.daily_counts to ${reportingRole}`);
    await sleep(2_000);
    await pg.restart({ mode: 'fast' });
    await sleep(8_000);
    await h.nats.restart({ downMs: 3_000 });
    await writing.done;
  }

  it('keeps every acknowledged write, projects every event once, and erases everywhere', async () => {
    const writing = startWriteStream(stream, { writes: WRITES, everyMs: WRITE_EVERY_MS });
    try {
      await faults(writing);
    } finally {
      writing.stop();
      await writing.done;
    }
    const { writes } = writing;

    expect(writes).toHaveLength(WRITES);

    // While something was down, requests were told to try again, never that they hit a bug.
    const statuses = answerCounts(writes);
    const unexpected = writes.filter(
      (w) =>
        !(w.res.status >= 200 && w.res.status < 300) &&
        w.res.status !== 503 &&
        // The erased member is not found once the erasure has reached events (as if never there).
        !(w.res.status === 404 && w.memberId === erased),
    );
    expect({
      unexpected: unexpected.map((w) => `${w.kind} ${w.res.status} ${JSON.stringify(w.res.body)}`),
    }).toEqual({
      unexpected: [],
    });
    expect(Object.keys(statuses).some((k) => k.endsWith(' 503'))).toBe(true); // the faults were felt
    console.log(`Fault test: ${writes.length} writes; answers ${JSON.stringify(statuses)}`);
    expect(acknowledged(writes, 'check-in').length + acknowledged(writes, 'walk-in').length).toBeGreaterThan(
      1_000,
    );
    // No process fell over or tried to exit, and every one is ready again by itself.
    expect(uncaught).toEqual([]);
    expect(exits).toEqual([]);
    for (const [name, app] of apps())
      await eventually(async () => expect([name, await ready(app)]).toEqual([name, 200]), {
        timeoutMs: 30_000,
      });

    // Every acknowledged write is in its service (a write whose answer was lost may have committed too).
    expect(await lostWrites(owner, lero.id, writes, { exceptMember: erased })).toEqual({
      walkIns: 0,
      checkIns: [],
      rsvps: [],
      members: [],
    });

    // Every event reached every consumer of it: nothing left behind in an outbox or a retry.
    await eventually(async () => expect(await undeliveredEvents(owner)).toEqual([]), {
      timeoutMs: 45_000,
      intervalMs: 250,
    });
    expect(await one(`select count(*) as n from reporting.dead_letter`)).toBe(0);

    // Reporting's exact figures equal a recomputation from the events and membership schemas: each event
    // counted once, none twice (distinct participants per month and category from the attendance events).
    const figures = await projectionFigures(owner, lero.id);
    expect(figures.reported).toEqual(figures.recomputed);
    expect(figures.recomputed.uniqueParticipants).toBeGreaterThan(MEMBERS / 2);

    // The erasure reached every service.
    const tenant = [lero.id];
    const [member] = await rows<{ status: string; display_name: string | null }>(
      `select status, display_name from membership.members where id = $1`,
      [erased],
    );
    expect(member).toEqual({ status: 'erased', display_name: null });
    for (const table of ['attendance', 'rsvps', 'member_status'])
      expect([
        table,
        await one(`select count(*) as n from events.${table} where member_id = $1`, [erased]),
      ]).toEqual([table, 0]);
    expect(await one(`select count(*) as n from events.erased_members where tenant_id = $1`, tenant)).toBe(1);
    expect(await one(`select count(*) as n from tenants.erased_members where tenant_id = $1`, tenant)).toBe(
      1,
    );
    expect(
      await one(
        `select count(*) as n from reporting.erased_keys where tenant_id = $1 and kind = 'member' and replaced_by is not null`,
        tenant,
      ),
    ).toBe(1);
    // Their unique-participant keys were re-keyed too (they had been to a group).
    expect(
      await one(
        `select count(*) as n from reporting.erased_keys where tenant_id = $1 and kind = 'participant' and replaced_by is not null`,
        tenant,
      ),
    ).toBe(1);
    // Nothing of the person by id anywhere: every text column of every table of every schema.
    const holders = await rows<{ table_schema: string; table_name: string }>(
      `select distinct table_schema, table_name from information_schema.columns
        where table_schema in ('tenants', 'membership', 'events', 'reporting')`,
    );
    const found: string[] = [];
    for (const t of holders) {
      const n = await one(
        `select count(*) as n from "${t.table_schema}"."${t.table_name}" x where x::text like $1`,
        [`%${erased}%`],
      );
      if (n > 0) found.push(`${t.table_schema}.${t.table_name}`);
    }
    // Membership keeps the erased record's row (id, LERO, dates) as a tombstone and its audit log says it was
    // erased; the outboxes keep the events that named the id (membership's, and events' RSVPs) until they are
    // pruned (ADR 0019). Nothing else may hold it.
    expect(found.sort()).toEqual([
      'events.outbox',
      'membership.audit_entries',
      'membership.members',
      'membership.outbox',
    ]);
  }, 110_000);
});

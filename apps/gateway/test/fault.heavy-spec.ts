import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventually, startTestPostgres, type ApiResponse, type TestPostgres } from '@hearth/testing';
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

type Kind = 'check-in' | 'walk-in' | 'rsvp' | 'member';
interface Write {
  kind: Kind;
  memberId?: string;
  sessionId?: string;
  res: ApiResponse<Record<string, unknown>>;
}

describe('nothing lost through every fault at once', () => {
  let pg: TestPostgres;
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  const sessionIds: string[] = [];
  const memberIds: string[] = [];
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

  /** Retries a setup call until it succeeds (nothing is failing yet, but the first calls meet cold caches). */
  async function created<T>(call: () => Promise<ApiResponse<T>>): Promise<T> {
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
    // Sessions starting in half an hour: their registers are open (an hour before) and RSVPs still taken.
    const start = new Date(Date.now() + 30 * 60_000);
    const wallClock = start
      .toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false })
      .replace(' ', 'T')
      .slice(0, 16);
    const from = encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString());
    const categories = ['peer-support', 'walking', 'music', 'arts-crafts'];
    for (let i = 0; i < SESSIONS; i++) {
      const activity = await created(() =>
        api().post<{ id: string }>(`${base()}/activities`, {
          title: `Group ${i}`,
          category: categories[i % categories.length],
          visibility: 'members',
          schedule: { startsAt: wallClock, durationMinutes: 90 },
        }),
      );
      const sessions = await api().get<{ items: { id: string }[] }>(
        `${base()}/sessions?activityId=${activity.id}&from=${from}`,
      );
      sessionIds.push(sessions.body.items[0].id);
    }
    for (let i = 0; i < MEMBERS; i++) {
      const member = await created(() =>
        api().post<{ id: string }>(`${base()}/members`, { displayName: `Member ${i}` }),
      );
      memberIds.push(member.id);
    }
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

  /** Fires one write every WRITE_EVERY_MS until WRITES have been sent; resolves when every answer is in. */
  function writeStream() {
    const writes: Write[] = [];
    const inFlight = new Set<Promise<void>>();
    let n = 0;
    let random = 20261203;
    const next = (k: number) => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((random / 2 ** 31) * k); // the high bits: an LCG's low bits repeat quickly
    };
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const stop = () => {
      clearInterval(timer);
      void Promise.allSettled(inFlight).then(() => finish());
    };
    const timer = setInterval(() => {
      if (n >= WRITES) return stop();
      n++;
      const roll = next(100);
      const kind: Kind = roll < 35 ? 'check-in' : roll < 65 ? 'walk-in' : roll < 85 ? 'rsvp' : 'member';
      const sessionId = sessionIds[next(SESSIONS)];
      const memberId = memberIds[next(MEMBERS)];
      const call =
        kind === 'check-in'
          ? api().post(`${base()}/sessions/${sessionId}/attendance`, { memberId })
          : kind === 'rsvp'
            ? api().post(`${base()}/sessions/${sessionId}/rsvps`, { memberId })
            : kind === 'walk-in'
              ? api().post(`${base()}/sessions/${sessionId}/walk-ins`, { count: 1 })
              : api().post(`${base()}/members`, { displayName: `Person ${n}` });
      const p = call.then(
        (res) =>
          void writes.push({
            kind,
            res: res as Write['res'],
            ...(kind === 'walk-in' || kind === 'member' ? {} : { memberId }),
            ...(kind === 'member' ? {} : { sessionId }),
          }),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }, WRITE_EVERY_MS);
    return { writes, done, stop };
  }

  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  const acknowledged = (writes: Write[], kind: Kind) =>
    writes.filter((w) => w.kind === kind && w.res.status >= 200 && w.res.status < 300);

  /** The faults, one after another, while the writes go on; returns when the last write has been sent. */
  async function faults(stream: ReturnType<typeof writeStream>): Promise<void> {
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
    await stream.done;
  }

  it('keeps every acknowledged write, projects every event once, and erases everywhere', async () => {
    const stream = writeStream();
    try {
      await faults(stream);
    } finally {
      stream.stop();
      await stream.done;
    }
    const { writes } = stream;

    expect(writes).toHaveLength(WRITES);

    // While something was down, requests were told to try again, never that they hit a bug.
    const statuses = new Map<string, number>();
    for (const w of writes)
      statuses.set(`${w.kind} ${w.res.status}`, (statuses.get(`${w.kind} ${w.res.status}`) ?? 0) + 1);
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
    expect([...statuses.keys()].some((k) => k.endsWith(' 503'))).toBe(true); // the faults were felt
    console.log(
      `Fault test: ${writes.length} writes; answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
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
    const tenant = [lero.id];
    expect(
      await one(`select sum(walk_ins) as n from events.sessions where tenant_id = $1`, tenant),
    ).toBeGreaterThanOrEqual(acknowledged(writes, 'walk-in').length);
    const attendance = new Set(
      (
        await rows<{ k: string }>(
          `select session_id || '/' || member_id as k from events.attendance where member_id is not null`,
        )
      ).map((r) => r.k),
    );
    const missingCheckIns = acknowledged(writes, 'check-in').filter(
      (w) => w.memberId !== erased && !attendance.has(`${w.sessionId}/${w.memberId}`),
    );
    expect(missingCheckIns).toEqual([]);
    const rsvps = new Set(
      (
        await rows<{ k: string }>(
          `select session_id || '/' || member_id as k from events.rsvps where member_id is not null`,
        )
      ).map((r) => r.k),
    );
    expect(
      acknowledged(writes, 'rsvp').filter(
        (w) => w.memberId !== erased && !rsvps.has(`${w.sessionId}/${w.memberId}`),
      ),
    ).toEqual([]);
    const members = new Set(
      (await rows<{ id: string }>('select id from membership.members')).map((m) => m.id),
    );
    expect(acknowledged(writes, 'member').filter((w) => !members.has(w.res.body.id as string))).toEqual([]);

    // Every event reached every consumer of it: nothing left behind in an outbox or a retry.
    await eventually(
      async () => {
        const missing = await rows<{ id: string; subject: string; consumer: string }>(`
          select o.id, o.subject, 'reporting-events' as consumer from events.outbox o
            where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-events' and i.event_id = o.id)
          union all
          select o.id, o.subject, 'reporting-membership' from membership.outbox o
            where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-membership' and i.event_id = o.id)
          union all
          select o.id, o.subject, 'events-members' from membership.outbox o
            where o.subject like 'evt.membership.member.%'
              and not exists (select 1 from events.inbox i where i.consumer = 'events-members' and i.event_id = o.id)
          union all
          select o.id, o.subject, 'tenants-member-erasure' from membership.outbox o
            where o.subject = 'evt.membership.member.erased'
              and not exists (select 1 from tenants.inbox i where i.consumer = 'tenants-member-erasure' and i.event_id = o.id)`);
        expect(missing).toEqual([]);
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );
    expect(await one(`select count(*) as n from reporting.dead_letter`)).toBe(0);

    // Reporting's exact figures equal a recomputation from the events and membership schemas: each event
    // counted once, none twice.
    const reported = async (metric: string) =>
      one(
        `select coalesce(sum(value), 0) as n from reporting.daily_counts where tenant_id = $1 and metric = $2`,
        [lero.id, metric],
      );
    const walkIns = await one(
      `select coalesce(sum(walk_ins), 0) as n from events.sessions where tenant_id = $1`,
      tenant,
    );
    const checkIns = await one(`select count(*) as n from events.attendance where tenant_id = $1`, tenant);
    expect({
      walkIns: await reported('walkIns'),
      attendances: await reported('attendances'),
      newMembers: await reported('newMembers'),
    }).toEqual({
      walkIns,
      attendances: walkIns + checkIns,
      newMembers: await one(`select count(*) as n from membership.members where tenant_id = $1`, tenant),
    });
    // Distinct participants per month and category: from the attendance events, net of removals.
    const participants = await one(
      `select count(*) as n from (
         select payload->>'participantKey', payload->>'category', left(payload->>'sessionDate', 7)
           from events.outbox
           where tenant_id = $1 and subject in ('evt.events.attendance.recorded', 'evt.events.attendance.removed')
           group by 1, 2, 3
           having sum(case when subject = 'evt.events.attendance.recorded' then 1 else -1 end) > 0) t`,
      tenant,
    );
    expect(participants).toBeGreaterThan(MEMBERS / 2);
    expect(
      await one(
        `select count(*) as n from reporting.monthly_keys
          where tenant_id = $1 and metric = 'uniqueParticipants' and refs > 0`,
        tenant,
      ),
    ).toBe(participants);
    expect(await one(`select count(*) as n from reporting.member_spans where tenant_id = $1`, tenant)).toBe(
      await one(`select count(*) as n from membership.members where tenant_id = $1`, tenant),
    );

    // The erasure reached every service.
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

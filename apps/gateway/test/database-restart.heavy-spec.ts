import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  eventually,
  startTestPostgres,
  type ApiResponse,
  type PostgresStopMode,
  type TestPostgres,
} from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

/*
 * Time budget: about 40 s on two cores (a Hearth and a PostgreSQL of its own ~10 s, each restart under load and
 * its recovery ~10 s); well under the heavy project's two minutes.
 *
 * PostgreSQL restarts (`pg_ctl restart -m fast`, and `-m immediate`, a crash) while ~40 writes a second arrive:
 * check-ins' raw path (walk-ins), the ORM path (new members) and every outbox relay. No service may fall over
 * (an 'error' on a checked-out connection used to end the process), a request that met the outage gets a
 * retryable 503, never a 500, every service is ready again by itself, and no committed event is lost.
 */
describe('services that survive their database restarting under load', () => {
  let pg: TestPostgres;
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let sessionId: string;
  let n = 0;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  const base = () => `/api/v1/tenants/${lero.id}`;
  const apps = (): [string, NestFastifyApplication][] => [
    ['tenants', h.tenants],
    ['membership', h.membership],
    ['events', h.events],
    ['reporting', h.reporting],
    ['gateway', h.gateway],
  ];
  const ready = async (app: NestFastifyApplication) =>
    (await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' })).statusCode;

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    pg = await startTestPostgres();
    h = await startDistributedHearth({ databaseServerUrl: pg.url, logLevel: 'error' });
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    lero = await h.given.lero(region.id, admin);
    // A session on now: its register takes walk-ins.
    const start = new Date(Date.now() + 60_000);
    const wallClock = start
      .toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false })
      .replace(' ', 'T')
      .slice(0, 16);
    const activity = await h.api.as(lero.adminToken).post<{ id: string }>(`${base()}/activities`, {
      title: 'Drop-in',
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: wallClock, durationMinutes: 120 },
    });
    const from = encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString());
    const sessions = await h.api
      .as(lero.adminToken)
      .get<{ items: { id: string }[] }>(`${base()}/sessions?activityId=${activity.body.id}&from=${from}`);
    sessionId = sessions.body.items[0].id;
  });

  afterAll(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await h?.close();
    await pg?.close();
  });

  /** Fires a write every 25 ms (40 a second, alternating walk-ins and new members) until stopped. */
  function writeLoad() {
    const results: { kind: 'walk-in' | 'member'; res: ApiResponse<{ id?: string }> }[] = [];
    const inFlight = new Set<Promise<void>>();
    const timer = setInterval(() => {
      const kind = ++n % 2 === 0 ? 'walk-in' : 'member';
      const call =
        kind === 'walk-in'
          ? h.api.as(lero.adminToken).post(`${base()}/sessions/${sessionId}/walk-ins`, { count: 1 })
          : h.api
              .as(lero.adminToken)
              .post<{ id: string }>(`${base()}/members`, { displayName: `Person ${n}` });
      const p = call.then((res) => void results.push({ kind, res }));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }, 25);
    return {
      results,
      succeeded: (kind: string) => results.filter((r) => r.kind === kind && r.res.status === 201).length,
      async stop() {
        clearInterval(timer);
        await Promise.all(inFlight);
      },
    };
  }

  async function rows<T>(sql: string): Promise<T[]> {
    const c = new Client({ connectionString: h.db.ownerUrl });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  }

  it.each<PostgresStopMode>(['fast', 'immediate'])(
    'keeps every service running through a %s restart under load: 503 meanwhile, ready again, no event lost',
    async (mode) => {
      const walkIns = async () =>
        (
          await rows<{ walk_ins: number }>(`select walk_ins from events.sessions where id = '${sessionId}'`)
        )[0].walk_ins;
      const walkInsBefore = await walkIns();
      const load = writeLoad();
      await eventually(
        () => expect(load.results.filter((r) => r.res.status === 201).length).toBeGreaterThan(20),
        {
          timeoutMs: 15_000,
        },
      );
      await pg.restart({ mode });
      const before = { walkIns: load.succeeded('walk-in'), members: load.succeeded('member') };
      // Writes succeed again, of both kinds, without any process restarting.
      await eventually(
        () => {
          expect(load.succeeded('walk-in')).toBeGreaterThan(before.walkIns + 10);
          expect(load.succeeded('member')).toBeGreaterThan(before.members + 10);
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      await load.stop();

      // A request that met the restart was told to try again (503), never that it hit a bug (500).
      const statuses = [...new Set(load.results.map((r) => r.res.status))].sort();
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(uncaught).toEqual([]);
      for (const [name, app] of apps())
        await eventually(async () => expect([name, await ready(app)]).toEqual([name, 200]), {
          timeoutMs: 30_000,
        });

      // Everything answered 201 is there, and every event committed with it reached its consumers.
      // (A write whose answer was lost in the cut may have committed: at least, never fewer.)
      expect((await walkIns()) - walkInsBefore).toBeGreaterThanOrEqual(load.succeeded('walk-in'));
      const created = load.results
        .filter((r) => r.kind === 'member' && r.res.status === 201)
        .map((r) => r.res.body.id);
      const members = new Set(
        (await rows<{ id: string }>('select id from membership.members')).map((m) => m.id),
      );
      expect(created.filter((id) => !members.has(id!))).toEqual([]);
      await eventually(
        async () => {
          const missing = await rows<{ id: string; subject: string }>(`
            select o.id, o.subject from events.outbox o
              where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-events' and i.event_id = o.id)
            union all
            select o.id, o.subject from membership.outbox o
              where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-membership' and i.event_id = o.id)
                 or (o.subject like 'evt.membership.member.%'
                     and not exists (select 1 from events.inbox i where i.consumer = 'events-members' and i.event_id = o.id))`);
          expect(missing).toEqual([]);
        },
        { timeoutMs: 45_000, intervalMs: 250 },
      );
    },
  );
});

import { Client } from 'pg';
import type { BenchConfig, BenchRow } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { runLoad } from '../lib/load';
import { figure, round } from '../lib/stats';
import type { SeededLero } from '../lib/seed';

/**
 * `projection-lag`: walk-ins recorded through the API as fast as the events service writes them (each a
 * domain event through its outbox → JetStream → the reporting projection). Reports events/s end to end and
 * the lag from the event's transaction (outbox `occurred_at`) to the projection's commit (reporting inbox
 * `handled_at`). Goal: p99 ≤ 1 s at 1,000 events/s.
 */
export async function projectionLag(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
  leros: SeededLero[],
): Promise<BenchRow[]> {
  const lero = leros[leros.length - 1];
  const api = hearth.api.as(lero.adminToken);
  const startsAt = new Date(Date.now() - 3600_000).toISOString().slice(0, 16);
  const sessions: string[] = [];
  for (let i = 0; i < 10; i++) {
    const activity = await api.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
      title: `Lag ${i}`,
      category: 'walking',
      visibility: 'members',
      schedule: { startsAt: `${startsAt}:00`, durationMinutes: 120, timezone: 'UTC' },
    });
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const listed = await api.get<{ items: { id: string }[] }>(
      `/api/v1/tenants/${lero.id}/sessions?activityId=${activity.body.id}&from=${from}`,
    );
    if (!listed.body.items?.[0])
      throw new Error(`no session: ${listed.status} ${JSON.stringify(listed.body)}`);
    sessions.push(listed.body.items[0].id);
  }
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const { rows: before } = await owner.query<{ now: Date }>('select now()');
    const load = await runLoad({
      url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}`,
      headers: { authorization: `Bearer ${lero.adminToken}` },
      connections: 10,
      // Full runs: long enough for the 10,000 events at this machine's write rate (~280/s).
      seconds: config.quick ? 3 : 38,
      items: sessions.map((s) => ({
        method: 'POST' as const,
        path: `/sessions/${s}/walk-ins`,
        body: '{"count":1}',
      })),
    });
    const lag = await measureLag(owner, before[0].now);
    const row = lagRow('projection-lag', lag, load.rps);
    row.note = `${lag.handled}/${lag.written} events projected; events/s end to end; write rate ${round(load.rps)}/s; goal p99 ≤ 1000 ms at 1,000 events/s`;
    // The projection side alone: as many events as the full run writes, committed at once into the events
    // outbox (as the service would write them), relayed and projected as fast as they go.
    const burst = config.quick ? 2_000 : 10_000;
    const { rows: start } = await owner.query<{ now: Date }>('select now()');
    await owner.query(
      `insert into events.outbox (id, subject, tenant_id, payload, occurred_at)
       select gen_random_uuid(), 'evt.events.walk-ins.recorded', $1::uuid,
         jsonb_build_object('tenantId', $1::text, 'sessionId', $2::text, 'activityId', $3::text,
           'category', 'walking', 'sessionDate', to_char(now(), 'YYYY-MM-DD'), 'startsAt', now(),
           'change', 1, 'attended', 0, 'walkIns', g, 'total', g),
         clock_timestamp()
       from generate_series(1, $4) g`,
      [lero.id, sessions[0], sessions[0], burst],
    );
    const burstLag = await measureLag(owner, start[0].now);
    const burstRow = lagRow('projection-burst', burstLag, null);
    burstRow.note = `${burstLag.handled}/${burstLag.written} events committed at once to the outbox, relayed and projected; events/s end to end`;
    return [row, burstRow];
  } finally {
    await owner.end();
  }
}

interface Lag {
  written: number;
  handled: number;
  lags: number[];
  eventsPerSecond: number;
}

/** Waits (≤ 2 min) until reporting has handled every walk-in event written since `since`; their lags. */
async function measureLag(owner: Client, since: Date): Promise<Lag> {
  const events = async () =>
    (
      await owner.query<{ occurred_at: Date; handled_at: Date | null }>(
        `select o.occurred_at, i.handled_at from events.outbox o
           left join reporting.inbox i on i.event_id = o.id and i.consumer = 'reporting-events'
          where o.subject = 'evt.events.walk-ins.recorded' and o.occurred_at >= $1`,
        [since],
      )
    ).rows;
  // Autovacuum is off on the bench's server: without fresh statistics the planner expects a handful of rows and
  // joins the two tables in a nested loop — 0.4 s per poll at 3,000 events, tens of seconds at the full run's
  // 33,000, a core of PostgreSQL taken from the projection it measures.
  await owner.query('analyze events.outbox');
  await owner.query('analyze reporting.inbox');
  const deadline = Date.now() + 120_000;
  let rows = await events();
  while (rows.some((r) => !r.handled_at) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    rows = await events();
  }
  const handled = rows.filter((r) => r.handled_at);
  const lags = handled.map((r) => r.handled_at!.getTime() - r.occurred_at.getTime());
  const first = Math.min(...handled.map((r) => r.occurred_at.getTime()));
  const last = Math.max(...handled.map((r) => r.handled_at!.getTime()));
  return {
    written: rows.length,
    handled: handled.length,
    lags,
    eventsPerSecond: handled.length / Math.max(0.001, (last - first) / 1000),
  };
}

function lagRow(name: string, lag: Lag, writeRate: number | null): BenchRow {
  const sorted = [...lag.lags].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    name,
    rps: round(lag.eventsPerSecond),
    p50Ms: round(p(0.5)),
    p99Ms: round(p(0.99)),
    ratio: null,
    spread: {
      rps: figure([writeRate ?? lag.eventsPerSecond]),
      p99Ms: figure(lag.lags.length ? lag.lags : [0]),
      ratio: figure([0]),
    },
  };
}

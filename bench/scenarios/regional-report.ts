import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { BenchConfig, BenchRow } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { runLoad } from '../lib/load';
import { startRawServer } from '../lib/raw-server';
import { round } from '../lib/stats';

/**
 * `regional-report`: a region of 200 LEROs × 24 months with ~1,000,000 attendances already projected (the
 * aggregates are written straight into the reporting schema, as the projection would have left them; the
 * same attendances as raw rows in a bench table). Once the release sweep has released the year (it runs every
 * 2 s in the bench), times `GET /api/v1/reports/impact` for a year by LERO
 * against a GROUP BY over the raw rows in the same database. Here `ratio` = raw time ÷ Hearth time.
 * Goal: ≤ 50 ms and ratio ≥ 100.
 */
export async function regionalReport(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<BenchRow[]> {
  const leros = config.quick ? 40 : 200;
  const perDay = 7; // 200 LEROs × 730 days × 7 ≈ 1,022,000 attendances
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const regionId = await seedRegion(owner, leros, perDay);
    await owner.query('create schema if not exists bench');
    await owner.query('drop table if exists bench.attendance');
    await owner.query(
      'create table bench.attendance (tenant_id uuid not null, recorded_at timestamptz not null)',
    );
    await owner.query(
      `insert into bench.attendance (tenant_id, recorded_at)
       select l.id, d + (k || ' minutes')::interval
         from reporting.leros l, generate_series('2024-01-01'::date, '2025-12-31'::date, '1 day') d, generate_series(1, $2) k
        where l.region_id = $1`,
      [regionId, perDay],
    );
    await owner.query('analyze bench.attendance');
    const { rows: count } = await owner.query<{ n: string }>('select count(*) as n from bench.attendance');
    const releaseMs = await awaitRelease(owner, regionId);
    const raw = await startRawServer(db.ownerUrl, [
      {
        path: '/raw/report',
        sql: `select json_agg(t) as rows from (select tenant_id, count(*) as attendances from bench.attendance
                where recorded_at >= '2025-01-01' and recorded_at < '2026-01-01' group by tenant_id) t`,
      },
    ]);
    try {
      const admin = await hearth.given.platformAdmin();
      const url = yearReportUrl(hearth.api.baseUrl, regionId);
      const first = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
      if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
      const firstMs = performance.now() - first;
      const seconds = config.quick ? 1.5 : 5;
      const hearthLoad = await runLoad({
        url,
        headers: { authorization: `Bearer ${admin}` },
        connections: 1,
        seconds,
      });
      const rawLoad = await runLoad({ url: `${raw.url}/raw/report`, connections: 1, seconds });
      return [
        {
          name: 'regional-report',
          connections: 1,
          rps: round(hearthLoad.rps),
          p50Ms: round(hearthLoad.p50Ms),
          p99Ms: round(hearthLoad.p99Ms),
          ratio: round(rawLoad.p50Ms / Math.max(hearthLoad.p50Ms, 0.5), 1),
          baseline: {
            name: 'raw GROUP BY over attendance rows',
            rps: round(rawLoad.rps),
            p50Ms: rawLoad.p50Ms,
            p99Ms: rawLoad.p99Ms,
          },
          note: `${leros} LEROs × 24 months, ${Number(count[0].n).toLocaleString('en-GB')} attendances; released by the sweep in ${round(releaseMs / 1000, 1)} s; first read ${round(firstMs)} ms; goal ≤ 50 ms, ratio ≥ 100`,
        },
      ];
    } finally {
      await raw.close();
    }
  } finally {
    await owner.end();
  }
}

/** The region's released 2025, by LERO: what a commissioner reads. */
export function yearReportUrl(baseUrl: string, regionId: string): string {
  return `${baseUrl}/api/v1/reports/impact?regionId=${regionId}&period=year&from=2025-01&to=2025-12&by=lero`;
}

/**
 * A region of `leros` LEROs with 24 months (2024–2025) of `perDay` attendances a day, all and by one category,
 * written straight into the reporting schema as the projection would have left them; returns the region's id.
 */
export async function seedRegion(owner: Client, leros: number, perDay: number): Promise<string> {
  const regionId = uuidv7();
  await owner.query(`insert into reporting.regions (id, name) values ($1, 'Bench region')`, [regionId]);
  await owner.query(
    `insert into reporting.leros (id, region_id, name, visibility, status, onboarded_at, updated_at)
     select gen_random_uuid(), $1, 'LERO ' || g, 'per-lero', 'active', '2024-01-01', now() from generate_series(1, $2) g`,
    [regionId, leros],
  );
  await owner.query(
    `insert into reporting.daily_counts (tenant_id, day, metric, dimension, value)
     select l.id, d::date, 'attendances', dim, $2
       from reporting.leros l, generate_series('2024-01-01'::date, '2025-12-31'::date, '1 day') d,
            unnest(array['', 'category=walking']) dim
      where l.region_id = $1`,
    [regionId, perDay],
  );
  await owner.query('analyze reporting.daily_counts');
  return regionId;
}

/**
 * Commissioners read released periods only, and only the release sweep releases them: waits (≤ 180 s) for the
 * region's 2025, and returns how long that took in ms.
 */
export async function awaitRelease(owner: Client, regionId: string): Promise<number> {
  const releasing = performance.now();
  for (const deadline = Date.now() + 180_000; ;) {
    const { rows } = await owner.query(
      `select 1 from reporting.released_reports where region_id = $1 and period = '2025'`,
      [regionId],
    );
    if (rows.length > 0) return performance.now() - releasing;
    if (Date.now() > deadline) throw new Error('the release sweep did not release 2025 within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

import { Client } from 'pg';
import type { BenchConfig, BenchRow } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { runLoad } from '../lib/load';
import { round } from '../lib/stats';

/**
 * `regional-report-provisional` and `lero-report-provisional` (issue 22 part 4): the periods of the current year
 * by month, most of them provisional. A LERO onboarded through the API gets this year's aggregates written straight
 * into the reporting schema (7 attendances a day in two dimensions, and 50 members' spans), as the projection
 * would have left them. Times the region's report (provisional months are pending: commissioners see released
 * figures only) and the LERO's own exact report, which has figures for every month, the provisional ones
 * included. Goal: ≤ 50 ms p99 for every period.
 */
export async function provisionalReports(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<BenchRow[]> {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const lero = await hearth.given.lero(region.id, admin);
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    for (const deadline = Date.now() + 30_000; ;) {
      const { rows } = await owner.query(`select 1 from reporting.leros where id = $1`, [lero.id]);
      if (rows.length > 0) break;
      if (Date.now() > deadline) throw new Error('reporting did not hear of the LERO within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await owner.query(
      `insert into reporting.daily_counts (tenant_id, day, metric, dimension, value)
       select $1, d::date, 'attendances', dim, 7
         from generate_series(make_date($2, 1, 1), current_date, '1 day') d, unnest(array['', 'category=walking']) dim`,
      [lero.id, year],
    );
    await owner.query(
      `insert into reporting.member_spans (id, tenant_id, member_key, started_on, ended_on)
       select gen_random_uuid(), $1, 'bench-member-' || g, make_date($2, 1, 1) + g, null from generate_series(1, 50) g`,
      [lero.id, year],
    );
  } finally {
    await owner.end();
  }
  const query = `period=month&from=${year}-01&to=${month}`;
  const reads = [
    {
      name: 'regional-report-provisional',
      url: `${hearth.api.baseUrl}/api/v1/reports/impact?regionId=${region.id}&${query}&by=lero`,
      token: admin,
      note: 'a region’s months of this year by LERO: released ones as frozen, provisional ones pending',
    },
    {
      name: 'lero-report-provisional',
      url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}/reports/impact?${query}`,
      token: lero.adminToken,
      note: 'a LERO’s own exact figures for each month of this year, provisional ones included',
    },
  ];
  const rows: BenchRow[] = [];
  for (const read of reads) {
    const headers = { authorization: `Bearer ${read.token}` };
    const first = performance.now();
    const res = await fetch(read.url, { headers });
    if (res.status !== 200) throw new Error(`${read.name}: ${res.status} ${await res.text()}`);
    const firstMs = performance.now() - first;
    const load = await runLoad({ url: read.url, headers, connections: 1, seconds: config.quick ? 1.5 : 5 });
    if (load.errors + load.non2xx > 0) throw new Error(`${read.name}: ${load.errors + load.non2xx} failed`);
    rows.push({
      name: read.name,
      connections: 1,
      rps: round(load.rps),
      p50Ms: round(load.p50Ms),
      p99Ms: round(load.p99Ms),
      ratio: null,
      note: `${read.note}; first read ${round(firstMs)} ms; goal p99 ≤ 50 ms`,
    });
  }
  return rows;
}

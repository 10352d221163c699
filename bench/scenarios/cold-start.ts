import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { freePort, startApp, waitFor } from '../lib/processes';
import { figure, round } from '../lib/stats';

/**
 * `cold-start`: standalone mode from a stopped process with an initialised data directory (embedded
 * PostgreSQL, migrations already applied) to a 200 from /health/ready. Goal: ≤ 5 s.
 */
export async function coldStart(config: BenchConfig): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const env = (port: number) => ({
    HEARTH_DATA_DIR: dataDir,
    PORT: String(port),
    HEARTH_ADMIN_EMAIL: 'cold@example.org',
    HEARTH_ADMIN_PASSWORD: 'cold-start-password',
    DATABASE_URL: '',
    NATS_URL: '',
  });
  try {
    // First start initialises the data directory; it is not measured.
    let port = await freePort();
    let app = startApp('standalone', env(port));
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 60_000);
    await app.stop();
    const times: number[] = [];
    for (let i = 0; i < config.rounds; i++) {
      port = await freePort();
      const started = performance.now();
      app = startApp('standalone', env(port));
      await waitFor(`http://127.0.0.1:${port}/health/ready`, 60_000, 10);
      times.push(performance.now() - started);
      await app.stop();
    }
    const t = figure(times);
    return [
      {
        name: 'cold-start',
        rps: 0,
        p50Ms: round(t.median),
        p99Ms: round(t.max),
        ratio: null,
        spread: { rps: figure([0]), p99Ms: t, ratio: figure([0]) },
        note: `process start to /health/ready, median of ${config.rounds}; goal ≤ 5000 ms`,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

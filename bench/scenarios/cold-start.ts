import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { freePort, startApp, waitFor } from '../lib/processes';
import { figure, round } from '../lib/stats';

const env = (dataDir: string, port: number) => ({
  HEARTH_DATA_DIR: dataDir,
  PORT: String(port),
  HEARTH_ADMIN_EMAIL: 'cold@example.org',
  HEARTH_ADMIN_PASSWORD: 'cold-start-password',
  DATABASE_URL: '',
  NATS_URL: '',
});

/**
 * The data directory `cold-start` starts from: standalone started once (embedded PostgreSQL initialised,
 * migrations applied) and stopped. Not measured, so the run prepares it while it seeds data for the others.
 */
export async function prepareColdStart(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const port = await freePort();
  const app = startApp('standalone', env(dataDir, port));
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 120_000);
  } finally {
    await app.stop();
  }
  return dataDir;
}

/**
 * `cold-start`: standalone mode from a stopped process with an initialised data directory (embedded
 * PostgreSQL, migrations already applied) to a 200 from /health/ready. Goal (issue 22): ≤ 2 s.
 */
export async function coldStart(config: BenchConfig, prepared: Promise<string>): Promise<BenchRow[]> {
  const dataDir = await prepared;
  try {
    const times: number[] = [];
    for (let i = 0; i < config.rounds; i++) {
      const port = await freePort();
      const started = performance.now();
      const app = startApp('standalone', env(dataDir, port));
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
        note: `process start to /health/ready, median of ${config.rounds}; goal ≤ 2000 ms`,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

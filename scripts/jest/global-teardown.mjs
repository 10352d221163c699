// After every test file: drop the test databases this run made on the shared PostgreSQL (libs/testing
// createTestDatabase leaves them, named hearth_test_<run>_…). Each DROP DATABASE waits for a checkpoint; dropped
// here, many at once, they share a few checkpoints instead of costing every test file one (and its writes'
// flush) — see docs/adr/0068.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const { Client } = pg;

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown() {
  const run = process.env.HEARTH_TEST_RUN;
  if (!run || !/^[0-9a-f]+$/.test(run)) return;
  // The run's embedded PostgreSQL cluster that standalone's tests copy (apps/standalone seedEmbeddedCluster).
  await rm(join(tmpdir(), `hearth-seed-${run}`), { recursive: true, force: true });
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const list = new Client({ connectionString: url });
  try {
    await list.connect();
  } catch {
    return; // no shared PostgreSQL (a container of testcontainers went with its worker)
  }
  let names;
  try {
    const { rows } = await list.query('select datname from pg_database where datname like $1', [
      `hearth\\_test\\_${run}\\_%`,
    ]);
    names = rows.map((r) => r.datname);
  } finally {
    await list.end();
  }
  const started = Date.now();
  const queue = [...names];
  const drop = async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      for (let name = queue.shift(); name; name = queue.shift()) {
        // A run's template of migrated schemas (libs/testing createSchemaDatabase) is one no longer.
        if (name.includes('_tpl_')) await c.query(`alter database "${name}" with is_template false`);
        await c.query(`drop database if exists "${name}" with (force)`);
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, names.length) }, drop));
  if (names.length && process.env.HEARTH_TEST_DROP_LOG)
    console.log(`Dropped ${names.length} test databases in ${Date.now() - started} ms`);
}

// First: every module loaded after it is compiled once and kept.
import './compile-cache';
// Then: every module loaded after it resolves its imports from the last start's answers (ADR 0097).
import { resolutions } from './resolutions';
import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EarlyDatabase } from './embedded-database';

const say = (line: string) => process.stdout.write(`[hearth] ${line}\n`);

/**
 * The embedded PostgreSQL (no DATABASE_URL) starts before the rest of Hearth is loaded, which takes most of a
 * second, and boots in its own process meanwhile (ADR 0093). The environment is read as the configuration will read
 * it; `startStandalone` checks that the validated one agrees, and stops this server when it does not.
 */
async function startEarly(): Promise<EarlyDatabase | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const level = process.env.LOG_LEVEL;
  const debug = (m: string) => {
    if (level === 'debug' || level === 'trace') say(m);
  };
  const dataDir = resolve(process.env.HEARTH_DATA_DIR || './.hearth');
  let spawned!: () => void;
  const running = new Promise<void>((r) => (spawned = r));
  const database = startEmbeddedPostgres(dataDir, debug, spawned);
  database.catch(() => undefined); // awaited, and its failure reported, by startStandalone
  // Loading blocks this thread: go on once the server's process runs, or its start has failed.
  await Promise.race([
    running,
    database.then(
      () => undefined,
      () => undefined,
    ),
  ]);
  return { dataDir, database };
}

async function main(): Promise<void> {
  const early = await startEarly();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runStandalone } = require('./start') as typeof import('./start');
  await runStandalone(early);
  // Started: what this start resolved that the cache lacked is kept for the next one; later loads resolve as ever.
  resolutions?.save();
  resolutions?.deregister();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Hearth could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from './embedded-database';

/**
 * For tests under jest (`run`: the run's name, libs/testing `testRun()`): gives a fresh data directory the embedded PostgreSQL
 * cluster and superuser password of one made once per run, instead of an initdb per test file (3–4 s on two busy
 * cores; a copy takes 0.1 s). The copy is what a first start leaves (a stopped cluster with an empty `hearth`
 * database and `secrets.json`), so standalone then starts it as it would its own. Outside a jest run: nothing, and
 * standalone makes its cluster itself. ADR 0068.
 */
export async function seedEmbeddedCluster(dataDir: string, run: string | undefined): Promise<void> {
  if (run === undefined || !/^[0-9a-f]+$/.test(run)) return;
  const seed = join(tmpdir(), `hearth-seed-${run}`);
  if (!existsSync(join(seed, 'made'))) {
    // Made beside it and renamed into place whole: two workers may both make one; the first rename wins.
    const making = `${seed}.${process.pid}`;
    await rm(making, { recursive: true, force: true });
    await mkdir(making);
    const db = await startEmbeddedPostgres(making, () => undefined);
    await db.stop();
    await writeFile(join(making, 'made'), '');
    await rename(making, seed).catch(() => rm(making, { recursive: true, force: true }));
  }
  // `cp -a` keeps the files' owner (as root, the system user "postgres" that PostgreSQL runs as) and modes.
  await promisify(execFile)('cp', ['-a', join(seed, 'postgres'), join(seed, 'secrets.json'), dataDir]);
}

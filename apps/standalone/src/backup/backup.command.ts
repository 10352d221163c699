import { existsSync } from 'node:fs';
import { chmod, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import { Client } from 'pg';
import { loadConfig } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../../migrate/src';
import { StandaloneEnv } from '../config/env.schema';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../embedded-database';
import { ErasureLedger, erasureLedgerPath } from '../erasure-ledger';
import { sealingStream, type ScryptCost } from './archive-cipher';
import { FrameWriter } from './archive-frames';
import { isSecretFileName, tableKey, type Manifest } from './archive-manifest';
import { assertSeesEveryRow, copyTableOut, describeDatabase } from './database-copy';
import { backupPassphrase, type HiddenPrompt } from './passphrase';

export const BACKUP_USAGE = `Usage: npm run backup -- <file>

Writes a backup of a standalone Hearth's data directory (HEARTH_DATA_DIR, default ./.hearth) to <file>: every
table of every service, read in one consistent snapshot (Hearth may keep running), and the secrets kept in the
directory (signing keys, the keys that make pseudonyms, the session key). The file is encrypted with a passphrase
(BACKUP_PASSPHRASE, or asked on the terminal; at least 12 characters) and readable by its owner only (0600).
Keep the passphrase apart from the file: without it the backup cannot be restored. See docs/backup-and-restore.md.`;

export interface CommandIo {
  out(line: string): void;
  /** Asks for the passphrase on a terminal; absent when there is none. */
  prompt?: HiddenPrompt;
  /** The key derivation's cost (tests use a cheaper one). */
  scrypt?: ScryptCost;
}

/** `npm run backup -- <file>`; returns the exit code (0 written, 1 failed, 2 usage). */
export async function runBackup(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  if (argv.includes('--help') || argv.length !== 1 || argv[0].startsWith('-')) {
    io.out(argv.includes('--help') ? BACKUP_USAGE : `Name the file to write.\n\n${BACKUP_USAGE}`);
    return argv.includes('--help') ? 0 : 2;
  }
  const config = loadConfig(StandaloneEnv, env);
  if (config.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is set: this Hearth keeps its data in your PostgreSQL, which npm run backup does not read. ' +
        'Back it up with pg_dump (docs/backup-and-restore.md), and the secrets in HEARTH_DATA_DIR with it.',
    );
  }
  const dataDir = resolve(config.HEARTH_DATA_DIR);
  const target = resolve(env.INIT_CWD ?? process.cwd(), argv[0]);
  const inside = relative(dataDir, target);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new Error(
      `${target} is inside the data directory: keep backups elsewhere (they would be lost with it).`,
    );
  }
  if (existsSync(target)) throw new Error(`${target} exists already: name a new file.`);
  if (!existsSync(join(dataDir, 'postgres'))) throw new Error(`There is no Hearth data in ${dataDir}.`);
  const ledger = new ErasureLedger(erasureLedgerPath(dataDir, config.HEARTH_ERASURE_LEDGER));

  const passphrase = await backupPassphrase('backup', env, io.prompt);
  const started = Date.now();
  const running = await runningEmbeddedPostgres(dataDir);
  const embedded = running ? undefined : await startEmbeddedPostgres(dataDir, () => undefined);
  const partial = `${target}.${process.pid}.partial`;
  try {
    const summary = await writeArchive(
      running ?? embedded!.ownerUrl,
      dataDir,
      ledger,
      partial,
      await sealingStream(passphrase, io.scrypt),
    );
    await rename(partial, target);
    await chmod(target, 0o600);
    const { size } = await stat(target);
    io.out(
      `Backed up ${dataDir}${running ? ' (Hearth running)' : ''} to ${target}: ${summary.tables} tables, ` +
        `${summary.rows} rows, ${summary.files.length} secrets (${summary.files.join(', ')}); ` +
        `${(size / 1024).toFixed(0)} KiB, mode 0600, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    io.out(
      `Keep it, and its passphrase, apart from this machine. The erasure ledger is ${ledger.file}: keep it ` +
        'outside the backups, as it is (a restore erases again the people it names).',
    );
    for (const name of [
      'JWT_PRIVATE_KEY',
      'JWT_PRIVATE_KEY_FILE',
      'TOTP_ENCRYPTION_KEY',
      'TOTP_ENCRYPTION_KEY_FILE',
      'PASSPORT_PRIVATE_KEY',
      'PASSPORT_PRIVATE_KEY_FILE',
    ]) {
      if (env[name])
        io.out(`${name} is set: that key is not in the data directory, so not in the backup. Keep it too.`);
    }
    return 0;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await embedded?.stop();
  }
}

/** The archive, from one REPEATABLE READ snapshot; the file is fsynced before this returns. */
async function writeArchive(
  ownerUrl: string,
  dataDir: string,
  ledger: ErasureLedger,
  file: string,
  seal: NodeJS.ReadWriteStream,
): Promise<{ tables: number; rows: number; files: string[] }> {
  const plain = new PassThrough();
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const written = pipeline(plain, createGzip(), seal, out);
  written.catch(() => undefined); // awaited below; a failure meanwhile also ends the writes
  const frames = new FrameWriter(plain);
  const client = new Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await assertSeesEveryRow(client);
    await client.query('begin transaction isolation level repeatable read, read only');
    const db = await describeDatabase(
      client,
      SERVICE_SCHEMAS.map((s) => s.schema),
    );
    if (db.schemas.length === 0)
      throw new Error(`Hearth has never started on ${dataDir}: nothing to back up.`);
    const files = (await readdir(dataDir, { withFileTypes: true }))
      .filter((e) => e.isFile() && isSecretFileName(e.name))
      .map((e) => e.name)
      .sort();
    const manifest: Manifest = {
      kind: 'manifest',
      format: 'hearth-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      ...db,
      files,
      ledger: { file: ledger.file, entries: (await ledger.exists()) ? (await ledger.read()).length : null },
    };
    await frames.record(manifest);
    for (const name of files) {
      await frames.record({ kind: 'file', name });
      await frames.data(await readFile(join(dataDir, name)));
      await frames.end();
    }
    const rows: Record<string, number> = {};
    for (const table of db.tables) {
      await frames.record({ kind: 'table', ...table });
      rows[tableKey(table)] = await copyTableOut(client, table, (chunk) => frames.data(chunk));
      await frames.end();
    }
    await client.query('commit');
    await frames.record({ kind: 'end', rows });
    plain.end();
    await written;
    const handle = await open(file, 'r');
    await handle.sync().finally(() => handle.close());
    return { tables: db.tables.length, rows: Object.values(rows).reduce((a, b) => a + b, 0), files };
  } catch (err) {
    plain.destroy();
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { migrateAll } from '@hearth/persistence';
import { loadConfig } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../../migrate/src';
import { StandaloneEnv } from '../config/env.schema';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded-database';
import { ErasureLedger, erasureLedgerPath } from '../erasure-ledger';
import { standaloneServiceUrls } from '../service-roles.util';
import { HEADER_LENGTH, openingStream, parseHeader } from './archive-cipher';
import { readFrames, type Frame } from './archive-frames';
import {
  isSecretFileName,
  migrationTargets,
  tableKey,
  type ArchiveRecord,
  type Manifest,
} from './archive-manifest';
import { copyTableIn, emptyForLoad, restoreSequences } from './database-copy';
import { backupPassphrase } from './passphrase';
import { startRestored } from './restored-start';
import type { CommandIo } from './backup.command';

export const RESTORE_USAGE = `Usage: npm run restore -- <file> [--no-erasure-ledger]

Restores a backup made by npm run backup into an EMPTY data directory (HEARTH_DATA_DIR, default ./.hearth): its
secrets, then every table, then starts Hearth on it once, which brings the database up to this version and erases
again everyone the erasure ledger (HEARTH_ERASURE_LEDGER, default beside the data directory) names. The passphrase
comes from BACKUP_PASSPHRASE, or is asked on the terminal.

--no-erasure-ledger   restore although there is no ledger (no one was ever erased, or it is lost: then erase
                      again yourself everyone erased since the backup was made).
See docs/backup-and-restore.md.`;

/** `npm run restore -- <file>`; returns the exit code (0 restored, 1 failed, 2 usage). */
export async function runRestore(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const withoutLedger = argv.includes('--no-erasure-ledger');
  const args = argv.filter((a) => a !== '--no-erasure-ledger');
  if (argv.includes('--help') || args.length !== 1 || args[0].startsWith('-')) {
    io.out(argv.includes('--help') ? RESTORE_USAGE : `Name the backup file to restore.\n\n${RESTORE_USAGE}`);
    return argv.includes('--help') ? 0 : 2;
  }
  const config = loadConfig(StandaloneEnv, env);
  if (config.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is set: npm run restore restores into the embedded database of a data directory only. ' +
        'Restore your own PostgreSQL with pg_restore (docs/backup-and-restore.md).',
    );
  }
  const file = resolve(env.INIT_CWD ?? process.cwd(), args[0]);
  const dataDir = resolve(config.HEARTH_DATA_DIR);
  const existed = await entriesOf(dataDir);
  if (existed && existed.length) {
    throw new Error(
      `${dataDir} is not empty (${existed.slice(0, 3).join(', ')}${existed.length > 3 ? ', …' : ''}): a backup is ` +
        'restored only into an empty data directory, so that nothing is overwritten or mixed. Move it aside ' +
        '(mv .hearth .hearth.old), or set HEARTH_DATA_DIR to a new directory.',
    );
  }
  const ledger = new ErasureLedger(erasureLedgerPath(dataDir, config.HEARTH_ERASURE_LEDGER));

  const handle = await open(file, 'r');
  const head = Buffer.alloc(HEADER_LENGTH);
  const { bytesRead } = await handle.read(head, 0, HEADER_LENGTH, 0).finally(() => handle.close());
  const header = parseHeader(head.subarray(0, bytesRead));
  const opening = await openingStream(header, await backupPassphrase('restore', env, io.prompt));

  const gunzip = createGunzip();
  const piped = pipeline(createReadStream(file, { start: HEADER_LENGTH }), opening, gunzip);
  piped.catch(() => undefined); // its error also ends the frames below
  const frames = readFrames(gunzip);
  const manifest = await nextRecord(frames);
  if (manifest?.kind !== 'manifest' || manifest.format !== 'hearth-backup' || manifest.version !== 1) {
    gunzip.destroy();
    throw new Error('This backup does not start with a manifest Hearth can read.');
  }
  let targets: Record<string, string>;
  try {
    targets = migrationTargets(manifest, SERVICE_SCHEMAS);
    await checkLedger(ledger, manifest, withoutLedger);
  } catch (err) {
    gunzip.destroy();
    throw err;
  }

  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  try {
    await mkdir(dataDir, { recursive: true });
    embedded = await startEmbeddedPostgres(dataDir, () => undefined);
    const schemas = SERVICE_SCHEMAS.map((s) => s.schema);
    const urls = await standaloneServiceUrls(embedded.ownerUrl, dataDir, schemas);
    await migrateAll(SERVICE_SCHEMAS, embedded.ownerUrl, (schema) => urls[schema], { upTo: targets });
    const rows = await load(embedded.ownerUrl, dataDir, manifest, frames);
    await piped;
    await embedded.stop();
    embedded = undefined;

    const hadLedger = await ledger.exists();
    const restored = await startRestored(config, env, dataDir);
    io.out(
      `Restored ${file} (made ${manifest.createdAt}) into ${dataDir}: ${manifest.tables.length} tables, ${rows} rows, ` +
        `${manifest.files.length} secrets, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    io.out(
      restored.erasedAgain
        ? `Erased again ${restored.erasedAgain} member(s) erased after the backup was made (${ledger.file}).`
        : !hadLedger
          ? 'No erasure ledger: no one was erased again. Erase again anyone erased since the backup was made.'
          : `No one in the erasure ledger (${ledger.file}) was still in the backup.`,
    );
    if (!restored.settled) {
      io.out(
        'Some events had not reached every service yet: they will as Hearth starts (they are kept until then).',
      );
    }
    io.out('Start Hearth as usual (npm start).');
    return 0;
  } catch (err) {
    gunzip.destroy();
    await embedded?.stop().catch(() => undefined);
    await undo(dataDir, existed !== undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nNothing was restored.`, {
      cause: err,
    });
  }
}

/** The entries of a directory, or undefined when it does not exist. */
async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function undo(dataDir: string, keepDir: boolean): Promise<void> {
  if (!keepDir) return rm(dataDir, { recursive: true, force: true });
  for (const name of (await entriesOf(dataDir)) ?? [])
    await rm(join(dataDir, name), { recursive: true, force: true });
}

/** Without the ledger, erasures made after the backup would silently come back: refused unless told. */
async function checkLedger(ledger: ErasureLedger, manifest: Manifest, withoutLedger: boolean): Promise<void> {
  if (withoutLedger || (await ledger.exists())) {
    await ledger.read(); // a damaged ledger is refused before anything is changed
    return;
  }
  const then =
    manifest.ledger.entries === null
      ? 'The Hearth the backup comes from had no ledger when it was made.'
      : `When the backup was made, the ledger was ${manifest.ledger.file} (${manifest.ledger.entries} entries).`;
  throw new Error(
    `There is no erasure ledger at ${ledger.file}. ${then} Set HEARTH_ERASURE_LEDGER to the ledger of the Hearth ` +
      'this backup comes from, so that people erased after the backup are erased again; or, if no one was ever ' +
      'erased there, restore with --no-erasure-ledger.',
  );
}

async function nextRecord(frames: AsyncGenerator<Frame>): Promise<ArchiveRecord | undefined> {
  const { value, done } = await frames.next();
  if (done) return undefined;
  if (value.kind !== 'record') throw new Error('The archive inside the backup is out of order.');
  return JSON.parse(value.payload.toString('utf8')) as ArchiveRecord;
}

/** Writes the secrets and loads every table in one transaction; returns the rows loaded. */
async function load(
  ownerUrl: string,
  dataDir: string,
  manifest: Manifest,
  frames: AsyncGenerator<Frame>,
): Promise<number> {
  const client = new Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('begin');
    const here = await emptyForLoad(
      client,
      manifest.schemas.map((s) => s.schema),
    );
    const loaded: Record<string, number> = {};
    for (;;) {
      const record = await nextRecord(frames);
      if (!record) throw new Error('The backup ends before its last record: it is incomplete.');
      if (record.kind === 'end') {
        const wrong = Object.entries(record.rows).filter(([t, n]) => loaded[t] !== n);
        if (wrong.length) throw new Error(`Rows of ${wrong.map(([t]) => t).join(', ')} are missing.`);
        break;
      }
      if (record.kind === 'file') {
        if (!isSecretFileName(record.name))
          throw new Error(`The backup holds an unexpected file "${record.name}".`);
        const bytes: Buffer[] = [];
        await eachData(frames, async (b) => void bytes.push(b));
        await writeFile(join(dataDir, record.name), Buffer.concat(bytes), { mode: 0o600, flag: 'wx' });
      } else if (record.kind === 'table') {
        const copy = copyTableIn(client, record, here.get(tableKey(record)));
        await eachData(frames, (b) => copy.write(b));
        loaded[tableKey(record)] = await copy.end();
      } else {
        throw new Error(`The archive inside the backup has an unexpected ${record.kind} record.`);
      }
    }
    await restoreSequences(client, manifest.sequences);
    await client.query('commit');
    return Object.values(loaded).reduce((a, b) => a + b, 0);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Hands each data frame to `take`, up to the end frame. */
async function eachData(frames: AsyncGenerator<Frame>, take: (b: Buffer) => Promise<void>): Promise<void> {
  for (;;) {
    const { value, done } = await frames.next();
    if (done) throw new Error('The backup ends in the middle of a file or table: it is incomplete.');
    if (value.kind === 'end') return;
    if (value.kind !== 'data') throw new Error('The archive inside the backup is out of order.');
    await take(value.payload);
  }
}

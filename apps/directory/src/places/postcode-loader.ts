import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { emptyReadCounts, PostcodeRows, type ReadCounts } from './postcode-file';

/** What a load did, for its report (and the tests). */
export interface PostcodeLoadReport {
  file: string;
  /** It carried on a load of the same file that had stopped part of the way. */
  resumed: boolean;
  read: ReadCounts;
  added: number;
  moved: number;
  unchanged: number;
  /** Terminated postcodes taken out of the list. */
  removed: number;
  /** Postcodes in the list afterwards. */
  total: number;
  seconds: number;
}

export interface PostcodeLoadOptions {
  /** Rows applied per transaction (each commits its progress): 50,000 unless given. */
  batchSize?: number;
  /** A line of progress. */
  out?: (line: string) => void;
  /** Called after each batch has committed, with the last row it applied (tests stop a load here). */
  afterBatch?: (appliedTo: number) => void | Promise<void>;
}

type Applied = Pick<PostcodeLoadReport, 'added' | 'moved' | 'unchanged' | 'removed'>;
interface Progress extends Applied {
  read: ReadCounts;
}

const LOCK = `hashtext('hearth-directory-postcode-load')`;
const fresh = (read: ReadCounts): Progress => ({ read, added: 0, moved: 0, unchanged: 0, removed: 0 });
const n = (value: number) => value.toLocaleString('en-GB');

/** The same file, unchanged: its size, modification time and first mebibyte. */
async function fingerprintOf(file: string): Promise<string> {
  const { size, mtimeMs } = await stat(file);
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    await handle.read(head, 0, head.length, 0);
    return `${size}:${Math.trunc(mtimeMs)}:${createHash('sha256').update(head).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/** Refuses a connection that cannot write the list (the directory's own role): say which one to use. */
async function assertWriter(client: Client): Promise<void> {
  const { rows } = await client.query<{ table: string | null; writer: boolean }>(
    `select to_regclass('directory.postcodes')::text as table,
            coalesce((select pg_has_role(current_user, c.relowner, 'USAGE') or r.rolsuper or r.rolbypassrls
                        from pg_class c, pg_roles r
                       where c.oid = to_regclass('directory.postcodes') and r.rolname = current_user), false) as writer`,
  );
  if (!rows[0].table) {
    throw new Error(
      'This database has no directory.postcodes table: run npm run migrate (or start Hearth once) first.',
    );
  }
  if (!rows[0].writer) {
    throw new Error(
      'This role cannot write the postcode list: connect as the owner of the directory schema ' +
        '(MIGRATION_DATABASE_URL), not as the directory service’s role.',
    );
  }
}

/** The file's rows into the staging table, with the load's record, in one transaction: all of them or none. */
async function stage(client: Client, file: string, fingerprint: string): Promise<ReadCounts> {
  const rows = new PostcodeRows(basename(file));
  await client.query('begin');
  try {
    await client.query('truncate directory.postcode_staging');
    await pipeline(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      rows,
      client.query(
        copyFrom(
          'copy directory.postcode_staging (seq, postcode, latitude, longitude, terminated) from stdin',
        ),
      ),
    );
    await client.query(
      `insert into directory.postcode_loads (id, file, fingerprint, staged_rows, applied_to, counts)
       values (1, $1, $2, $3, 0, $4)
       on conflict (id) do update set file = $1, fingerprint = $2, staged_rows = $3, applied_to = 0, counts = $4,
         started_at = now(), finished_at = null`,
      [basename(file), fingerprint, rows.counts.placed + rows.counts.terminated, fresh(rows.counts)],
    );
    await client.query('commit');
    return rows.counts;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

/**
 * One batch of staged rows (`seq` in (from, to]), applied and its progress recorded in one transaction: live
 * postcodes added or moved (unchanged ones not rewritten), terminated ones taken out.
 */
async function applyBatch(client: Client, from: number, to: number, progress: Progress): Promise<void> {
  await client.query('begin');
  try {
    const { rows } = await client.query<{ live: number; added: number; moved: number; removed: number }>(
      `with batch as (
         select distinct on (postcode) postcode, latitude, longitude, terminated from directory.postcode_staging
          where seq > $1 and seq <= $2 order by postcode, seq desc),
       upserted as (
         insert into directory.postcodes as p (postcode, latitude, longitude)
         select postcode, latitude, longitude from batch where not terminated
         on conflict (postcode) do update set latitude = excluded.latitude, longitude = excluded.longitude,
           updated_at = now()
         where (p.latitude, p.longitude) is distinct from (excluded.latitude, excluded.longitude)
         returning (xmax = 0) as added),
       removed as (
         delete from directory.postcodes p using batch b where b.terminated and p.postcode = b.postcode returning 1)
       select (select count(*) from batch where not terminated)::int as live,
              (select count(*) from upserted where added)::int as added,
              (select count(*) from upserted where not added)::int as moved,
              (select count(*) from removed)::int as removed`,
      [from, to],
    );
    const [r] = rows;
    progress.added += r.added;
    progress.moved += r.moved;
    progress.unchanged += r.live - r.added - r.moved;
    progress.removed += r.removed;
    await client.query(`update directory.postcode_loads set applied_to = $1, counts = $2 where id = 1`, [
      to,
      progress,
    ]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

/**
 * Loads UK postcode centroids from an ONS Postcode Directory CSV into `directory.postcodes` (ADR 0038): the
 * file streamed through COPY into a staging table, then applied in batches that each commit their progress. A
 * load that stops (interrupted, the machine restarted) carries on from its last batch when run again on the
 * same file; run on a new release, it adds, moves and removes what changed. One load at a time per database.
 */
export async function loadPostcodes(
  client: Client,
  file: string,
  options: PostcodeLoadOptions = {},
): Promise<PostcodeLoadReport> {
  const started = performance.now();
  const out = options.out ?? (() => undefined);
  const batchSize = options.batchSize ?? 50_000;
  await assertWriter(client);
  const { rows: locked } = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK}) as ok`);
  if (!locked[0].ok)
    throw new Error('Another postcode load is running on this database: let it finish first.');
  try {
    const fingerprint = await fingerprintOf(file);
    const { rows: loads } = await client.query<{
      fingerprint: string;
      staged_rows: string;
      applied_to: string;
      counts: Progress;
      finished_at: Date | null;
      staged: string;
    }>(
      `select l.*, (select coalesce(max(seq), 0) from directory.postcode_staging) as staged
         from directory.postcode_loads l where id = 1`,
    );
    const last = loads[0];
    const resumed =
      !!last &&
      last.fingerprint === fingerprint &&
      last.finished_at === null &&
      Number(last.staged) === Number(last.staged_rows);
    let progress: Progress;
    let appliedTo = 0;
    let staged: number;
    if (resumed) {
      progress = last.counts;
      appliedTo = Number(last.applied_to);
      staged = Number(last.staged_rows);
      out(
        `Carrying on the load of ${basename(file)} that stopped after ${n(appliedTo)} of ${n(staged)} rows`,
      );
    } else {
      out(`Reading ${basename(file)}…`);
      const read = await stage(client, file, fingerprint);
      progress = fresh(read);
      staged = read.placed + read.terminated;
      out(
        `Read ${n(read.rows)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${n(read.placed)} with a place, ${n(read.terminated)} terminated, ${n(read.withoutPlace)} without a ` +
          `place, ${n(read.notPostcode)} not a postcode`,
      );
    }
    let reported = performance.now();
    while (appliedTo < staged) {
      const to = Math.min(appliedTo + batchSize, staged);
      await applyBatch(client, appliedTo, to, progress);
      appliedTo = to;
      if (performance.now() - reported > 5_000) {
        out(`Applied ${n(appliedTo)} of ${n(staged)} rows`);
        reported = performance.now();
      }
      await options.afterBatch?.(appliedTo);
    }
    await client.query(`update directory.postcode_loads set finished_at = now() where id = 1`);
    await client.query('truncate directory.postcode_staging');
    await client.query('analyze directory.postcodes');
    const { rows: total } = await client.query<{ n: number }>(
      'select count(*)::int as n from directory.postcodes',
    );
    return {
      file: basename(file),
      resumed,
      read: progress.read,
      added: progress.added,
      moved: progress.moved,
      unchanged: progress.unchanged,
      removed: progress.removed,
      total: total[0].n,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.query(`select pg_advisory_unlock(${LOCK})`).catch(() => undefined);
  }
}

/** The report's lines, as the command prints them. */
export function describePostcodeLoad(r: PostcodeLoadReport): string[] {
  const read = r.read ?? emptyReadCounts();
  return [
    `Loaded ${r.file}${r.resumed ? ' (carried on where it stopped)' : ''} in ${r.seconds.toFixed(1)} s` +
      (read.rows ? ` (${n(Math.round(read.rows / Math.max(r.seconds, 0.001)))} rows/s)` : '') +
      '.',
    `Rows: ${n(read.rows)} read; ${n(read.placed)} live with a place, ${n(read.terminated)} terminated, ` +
      `${n(read.withoutPlace)} live without a place (skipped), ${n(read.notPostcode)} not a postcode (skipped).`,
    `Postcodes: ${n(r.added)} added, ${n(r.moved)} moved, ${n(r.unchanged)} unchanged, ${n(r.removed)} ` +
      `terminated taken out; ${n(r.total)} in Hearth’s postcode list.`,
  ];
}

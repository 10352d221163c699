import type { Client } from 'pg';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** PostgreSQL's `insufficient_privilege` and `lock_not_available`. */
const INSUFFICIENT_PRIVILEGE = '42501';
const LOCK_NOT_AVAILABLE = '55P03';

export interface MaintenanceOptions {
  /** How long each table's rewrite waits for its lock; past it the table is left for the next run. */
  lockTimeoutMs?: number;
}

export interface MaintenanceReport {
  /** Tables rewritten, as `schema.table`. */
  vacuumed: string[];
  /** Tables that could not be (not owned by this role, locked too long, an error), with why. */
  failed: { table: string; error: string }[];
  /** Whether the WAL was switched and a checkpoint made (false: not permitted; the server's own will do it). */
  checkpoint: boolean;
  /** Ok when every table was rewritten (a checkpoint that is not permitted is said, not a failure). */
  ok: boolean;
}

const code = (err: unknown) => (err as { code?: unknown }).code;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * After an erasure the erased values stay in the table's dead row versions (and their index entries) until a
 * vacuum removes them, and in the WAL until its segments are recycled. This rewrites every table of `schemas`
 * (`VACUUM (FULL, ANALYZE)`: a plain vacuum can leave a removed row's bytes in a page it empties), then closes the
 * current WAL segment and makes a checkpoint, after which the server may recycle the segments that held them.
 * Runs as the role that owns the tables (service roles own nothing and cannot vacuum); `out` says what it did.
 */
export async function maintainDatabase(
  client: Client,
  schemas: string[],
  out: (line: string) => void,
  options: MaintenanceOptions = {},
): Promise<MaintenanceReport> {
  const { rows: tables } = await client.query<{ name: string; owned: boolean }>(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
        pg_has_role(current_user, c.relowner, 'USAGE') or r.rolsuper as owned
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
        join pg_roles r on r.rolname = current_user
      where n.nspname = any($1) and c.relkind in ('r', 'm')
      order by n.nspname, c.relname`,
    [schemas],
  );
  const report: MaintenanceReport = { vacuumed: [], failed: [], checkpoint: false, ok: false };
  await client.query(`set lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 10_000))}`);
  for (const table of tables) {
    if (!table.owned) {
      const error = `role ${quoteIdent(await currentUser(client))} does not own it (run as the owner, as migrate does)`;
      report.failed.push({ table: table.name, error });
      out(`Not vacuumed: ${table.name}: ${error}`);
      continue;
    }
    const started = Date.now();
    try {
      const before = await totalSize(client, table.name);
      await client.query(`vacuum (full, analyze) ${table.name}`);
      const after = await totalSize(client, table.name);
      report.vacuumed.push(table.name);
      out(`Vacuumed ${table.name} (full): ${before} → ${after} bytes in ${Date.now() - started} ms`);
    } catch (err) {
      const error =
        code(err) === LOCK_NOT_AVAILABLE
          ? 'busy (its lock was not free in time); it is done at the next run'
          : message(err);
      report.failed.push({ table: table.name, error });
      out(`Not vacuumed: ${table.name}: ${error}`);
    }
  }
  await client.query('reset lock_timeout');
  report.checkpoint = await checkpoint(client, out);
  report.ok = report.failed.length === 0;
  out(
    `Maintenance ${report.ok ? 'done' : 'incomplete'}: ${report.vacuumed.length} table(s) vacuumed` +
      `${report.failed.length ? `, ${report.failed.length} not` : ''}; ` +
      `${report.checkpoint ? 'checkpoint made' : 'no checkpoint (not permitted)'}.`,
  );
  return report;
}

async function currentUser(client: Client): Promise<string> {
  return (await client.query<{ u: string }>('select current_user as u')).rows[0].u;
}

async function totalSize(client: Client, table: string): Promise<number> {
  const { rows } = await client.query<{ size: string }>(
    'select pg_total_relation_size($1::regclass) as size',
    [table],
  );
  return Number(rows[0].size);
}

/**
 * Closes the WAL segment being written and makes a checkpoint, so the segments that held erased values are no
 * longer needed for recovery and the server can recycle them. Needs superuser (or `pg_checkpoint` on
 * PostgreSQL 15+ and EXECUTE on `pg_switch_wal`); without them it says so and leaves it to the server's own
 * checkpoints (`checkpoint_timeout`).
 */
async function checkpoint(client: Client, out: (line: string) => void): Promise<boolean> {
  try {
    const { rows } = await client.query<{ lsn: string }>('select pg_switch_wal()::text as lsn');
    out(`Switched the WAL to a new segment (at ${rows[0].lsn}).`);
  } catch (err) {
    if (code(err) !== INSUFFICIENT_PRIVILEGE) throw err;
    out(
      'Not permitted to switch the WAL segment (pg_switch_wal needs superuser or GRANT EXECUTE): the current ' +
        'segment is closed when it fills or at archive_timeout.',
    );
  }
  try {
    await client.query('checkpoint');
    out('Checkpoint made: WAL segments before it can be recycled (see docs/retention.md).');
    return true;
  } catch (err) {
    if (code(err) !== INSUFFICIENT_PRIVILEGE) throw err;
    out(
      'Not permitted to make a checkpoint (needs superuser, or the pg_checkpoint role on PostgreSQL 15+): ' +
        'the server’s next scheduled checkpoint (checkpoint_timeout) lets the WAL be recycled instead.',
    );
    return false;
  }
}

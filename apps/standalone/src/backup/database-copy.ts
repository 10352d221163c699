import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Manifest, TableEntry } from './archive-manifest';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (t: { schema: string; table: string }) => `${ident(t.schema)}.${ident(t.table)}`;
const columnList = (columns: string[]) => columns.map(ident).join(', ');

/** Nothing is read or written as a role that row-level security hides rows from: a backup would be empty. */
export async function assertSeesEveryRow(client: Client): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>(
    'select rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user',
  );
  if (!rows[0]?.ok) {
    throw new Error(
      'The database role must be a superuser (or BYPASSRLS): row-level security would hide rows.',
    );
  }
}

/** The schemas' stored tables (partitions are read through their parent) and their stored columns. */
async function tablesOf(client: Client, schemas: string[]): Promise<TableEntry[]> {
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(
    `select n.nspname as schema, c.relname as table,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p') and not c.relispartition
      order by n.nspname, c.relname`,
    [schemas],
  );
  return rows;
}

/**
 * What a backup holds of the database, read inside the caller's snapshot: each schema's migrations, its tables and
 * its sequences. Only schemas that exist (migrated at least once) are listed.
 */
export async function describeDatabase(
  client: Client,
  schemas: string[],
): Promise<Pick<Manifest, 'postgres' | 'schemas' | 'tables' | 'sequences'>> {
  const present = (
    await client.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables
        where table_schema = any($1) and table_name = 'mikro_orm_migrations'`,
      [schemas],
    )
  ).rows.map((r) => r.schema);
  const inOrder = schemas.filter((s) => present.includes(s));
  const withMigrations = [];
  for (const schema of inOrder) {
    const { rows } = await client.query<{ name: string }>(
      `select name from ${ident(schema)}.mikro_orm_migrations order by id`,
    );
    withMigrations.push({ schema, migrations: rows.map((r) => r.name) });
  }
  // Sequences are outside transactions: a value read now is at least what any row of the snapshot used.
  const sequences = await client.query<{ schema: string; name: string; value: string | null }>(
    `select schemaname as schema, sequencename as name, last_value::text as value
       from pg_sequences where schemaname = any($1) order by 1, 2`,
    [inOrder],
  );
  const version = await client.query<{ v: string }>('show server_version');
  return {
    postgres: version.rows[0].v,
    schemas: withMigrations,
    tables: await tablesOf(client, inOrder),
    sequences: sequences.rows,
  };
}

/** Streams a table's rows (COPY text format) to `write`; returns how many there were. */
export async function copyTableOut(
  client: Client,
  table: TableEntry,
  write: (chunk: Buffer) => Promise<void>,
): Promise<number> {
  const stream = client.query(
    copyTo(`copy (select ${columnList(table.columns)} from ${qualified(table)}) to stdout`),
  );
  for await (const chunk of stream) await write(chunk as Buffer);
  return stream.rowCount;
}

/**
 * Empties every table of the schemas inside the restore's transaction, with triggers and foreign keys off for it
 * (`session_replication_role = replica`, the superuser's), so rows can go in in any order. Migrations may have
 * written rows of their own (the bookkeeping among them): the backup's replace them all.
 */
export async function emptyForLoad(client: Client, schemas: string[]): Promise<Map<string, TableEntry>> {
  await client.query('set local session_replication_role = replica');
  const tables = await tablesOf(client, schemas);
  if (tables.length) await client.query(`truncate table ${tables.map(qualified).join(', ')}`);
  return new Map(tables.map((t) => [`${t.schema}.${t.table}`, t]));
}

/**
 * A writable COPY into a table that exists here with every column the backup has (the schema was migrated to the
 * backup's point, so they match; a mismatch means the migrations changed and is refused).
 */
export function copyTableIn(client: Client, backup: TableEntry, here: TableEntry | undefined) {
  const name = `${backup.schema}.${backup.table}`;
  if (!here) throw new Error(`The backup has the table ${name}, which this Hearth's migrations do not make.`);
  const missing = backup.columns.filter((c) => !here.columns.includes(c));
  if (missing.length) {
    throw new Error(`The backup's table ${name} has the columns ${missing.join(', ')}, which are not here.`);
  }
  const stream = client.query(
    copyFrom(`copy ${qualified(backup)} (${columnList(backup.columns)}) from stdin`),
  );
  return {
    async write(chunk: Buffer): Promise<void> {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async end(): Promise<number> {
      const done = once(stream, 'finish');
      stream.end();
      await done;
      return stream.rowCount;
    },
  };
}

/** Sets each sequence as it was (a sequence never used is left at its start). */
export async function restoreSequences(client: Client, sequences: Manifest['sequences']): Promise<void> {
  for (const s of sequences) {
    if (s.value === null) continue;
    await client.query('select setval($1::regclass, $2::bigint, true)', [
      `${ident(s.schema)}.${ident(s.name)}`,
      s.value,
    ]);
  }
}

import type { Client } from 'pg';
import { migratedMark, migrationNames } from './migrate';
import type { ServiceSchema } from './service-database';

/** Whether a service's schema has the migrations this build of the service needs (ADR 0084). */
export interface MigrationStatus {
  /** The last migration this build knows. */
  expected: string;
  /** The last migration migrate ran on the schema, as its comment says; null before the first run. */
  found: string | null;
  /** `found` is `expected`, or a later migration this build does not know (a newer release migrated). */
  ready: boolean;
}

/**
 * Reads the schema's comment (which migrate writes after it migrated and granted), so the service's own role can
 * tell: it may not read `mikro_orm_migrations`. Migration names never change once shipped, so a name this build
 * does not know is a later one.
 */
export async function migrationStatus(client: Client, def: ServiceSchema): Promise<MigrationStatus> {
  const names = migrationNames(def);
  const expected = names[names.length - 1];
  const { rows } = await client.query<{ comment: string | null }>(
    `select obj_description(oid, 'pg_namespace') as comment from pg_namespace where nspname = $1`,
    [def.schema],
  );
  const mark = migratedMark('');
  const comment = rows[0]?.comment ?? null;
  const found = comment?.startsWith(mark) ? comment.slice(mark.length) : null;
  const ready = found !== null && (found === expected || !names.includes(found));
  return { expected, found, ready };
}

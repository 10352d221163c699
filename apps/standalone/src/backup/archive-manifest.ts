import { migrationNames, type ServiceSchema } from '@hearth/persistence';

/** The first record of an archive: what it holds, so a restore can check it fits before it changes anything. */
export interface Manifest {
  kind: 'manifest';
  format: 'hearth-backup';
  version: 1;
  createdAt: string;
  /** The PostgreSQL that was read (`server_version`). */
  postgres: string;
  /** Each service schema and its migrations applied, in order: the restore makes the schema as it was. */
  schemas: { schema: string; migrations: string[] }[];
  tables: TableEntry[];
  /** Sequences' values (null: never used), set after the rows are in. */
  sequences: { schema: string; name: string; value: string | null }[];
  /** The data directory's secrets, by file name. */
  files: string[];
  /** The erasure ledger as the backup saw it (where it was, how many entries), to say where to find it. */
  ledger: { file: string; entries: number | null };
}

export interface TableEntry {
  schema: string;
  table: string;
  /** Stored columns, in order (generated ones are made again, not copied). */
  columns: string[];
}

/** Announces a secret file of the data directory; its bytes follow as data frames. */
export interface FileRecord {
  kind: 'file';
  name: string;
}

/** Announces a table; its rows follow as data frames in COPY's text format. */
export interface TableRecord extends TableEntry {
  kind: 'table';
}

/** The last record: how many rows each table had, checked against what the restore loaded. */
export interface EndRecord {
  kind: 'end';
  rows: Record<string, number>;
}

export type ArchiveRecord = Manifest | FileRecord | TableRecord | EndRecord;

export const tableKey = (t: { schema: string; table: string }) => `${t.schema}.${t.table}`;

/**
 * Files of the data directory that belong to its database cluster, not to Hearth's secrets: a restore makes a new
 * cluster, with new passwords. Everything else at the top of the directory (keys, secrets) is in the backup.
 */
export const CLUSTER_FILES = new Set(['postgres', 'postgres.init', 'secrets.json', 'service-roles.json']);

/** A name a restore may write in the data directory: a plain file name at its top, not the cluster's. */
export const isSecretFileName = (name: string) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name) && !CLUSTER_FILES.has(name);

/**
 * Checks the manifest against this Hearth's services: every schema is known, and its migrations are the first
 * ones this Hearth has, in the same order (a newer Hearth's backup is refused). Returns, per schema, the last
 * migration to run before the rows go in.
 */
export function migrationTargets(manifest: Manifest, services: ServiceSchema[]): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const { schema, migrations } of manifest.schemas) {
    const service = services.find((s) => s.schema === schema);
    if (!service) {
      throw new Error(
        `The backup holds the schema "${schema}", which this Hearth does not have: restore it with the Hearth ` +
          'that made it, or a newer one.',
      );
    }
    const known = migrationNames(service);
    const mismatch = migrations.findIndex((name, i) => known[i] !== name);
    if (mismatch >= 0) {
      throw new Error(
        `The backup's ${schema} schema had the migration "${migrations[mismatch]}", which this Hearth does not ` +
          `have${known.includes(migrations[mismatch]) ? ' at that place' : ''}: it was made by a newer Hearth. ` +
          'Restore it with that version (or a newer one).',
      );
    }
    if (migrations.length) targets[schema] = migrations[migrations.length - 1];
  }
  return targets;
}

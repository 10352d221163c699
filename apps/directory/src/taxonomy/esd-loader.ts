import { basename } from 'node:path';
import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  ESD_SERVICE_TYPE,
  HEARTH_ESD_SERVICE_TYPES,
} from '../../migrations/migration-20261224-directory-esd';
import {
  emptyEsdReadReport,
  ESD_VOCABULARIES,
  readEsdFile,
  type EsdReadReport,
  type EsdRow,
  type EsdVocabulary,
} from './esd-file';

export interface EsdLoadOptions {
  /** The region whose own taxonomy the list becomes. */
  regionId: string;
  vocabulary: EsdVocabulary;
  /** Terms written per statement: 1,000 unless given. */
  batchSize?: number;
  out?: (line: string) => void;
}

/** What a load did, for its report (and the tests). */
export interface EsdLoadReport {
  file: string;
  vocabulary: EsdVocabulary;
  taxonomyId: string;
  /** The region had no such list: this load made it. */
  created: boolean;
  read: EsdReadReport;
  added: number;
  changed: number;
  unchanged: number;
  /** Terms whose broader term changed (set, moved or taken away). */
  reparented: number;
  /** Rows naming a broader term that is not in the file (loaded without one). */
  unknownParents: number;
  /** Terms of the region's list that this file no longer has: kept, since listings may use them. */
  notInFile: number;
  /** Hearth's terms mapped to the new list's terms, as Hearth ships them (only when the list is new). */
  mapped: number;
  total: number;
  seconds: number;
}

const n = (value: number) => value.toLocaleString('en-GB');
/** A term's CURIE (`esdServiceType:651`): its `code`, and its `source_id` (unique in the region, as for imports). */
const curie = (o: EsdLoadOptions, identifier: string) => `${o.vocabulary}:${identifier}`;

/** Refuses a database that has not been migrated this far. */
async function assertReady(client: Client): Promise<void> {
  const { rows } = await client.query<{ ready: boolean }>(
    `select to_regclass('directory.taxonomy_term_mappings') is not null as ready`,
  );
  if (!rows[0].ready)
    throw new Error(
      'This database has no directory taxonomy tables yet: run npm run migrate (or start Hearth once) first.',
    );
}

/** The region's list of this vocabulary, made (empty) when it has none. */
async function taxonomyOf(client: Client, o: EsdLoadOptions): Promise<{ id: string; created: boolean }> {
  const { rows } = await client.query<{ id: string }>(
    `select id from directory.taxonomies where region_id = $1 and source = 'esd' and source_id = $2`,
    [o.regionId, o.vocabulary],
  );
  if (rows[0]) return { id: rows[0].id, created: false };
  const list = ESD_VOCABULARIES[o.vocabulary];
  const id = uuidv7();
  await client.query(
    `insert into directory.taxonomies (id, region_id, name, description, uri, source, source_id)
     values ($1, $2, $3, $4, $5, 'esd', $6)`,
    [id, o.regionId, list.name, list.description, list.uri, o.vocabulary],
  );
  return { id, created: true };
}

/** One batch of terms added, or changed where the file says otherwise (an unchanged term is not written). */
async function upsert(client: Client, o: EsdLoadOptions, taxonomyId: string, batch: EsdRow[]) {
  const list = ESD_VOCABULARIES[o.vocabulary];
  const { rows } = await client.query<{ added: boolean }>(
    `insert into directory.taxonomy_terms as t
       (id, region_id, taxonomy_id, code, name, description, term_uri, source, source_id)
     select u.id, $6, $7, u.code, u.name, u.description, u.uri, 'esd', u.code
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
         as u (id, code, name, description, uri)
     on conflict (region_id, source, source_id) where source_id is not null and region_id is not null do update
       set code = excluded.code, name = excluded.name, description = excluded.description,
         term_uri = excluded.term_uri
       where (t.code, t.name, t.description, t.term_uri)
         is distinct from (excluded.code, excluded.name, excluded.description, excluded.term_uri)
     returning (xmax = 0) as added`,
    [
      batch.map(() => uuidv7()),
      batch.map((r) => curie(o, r.identifier)),
      batch.map((r) => r.label),
      batch.map((r) => r.description),
      batch.map((r) => list.termUri(r.identifier)),
      o.regionId,
      taxonomyId,
    ],
  );
  const added = rows.filter((r) => r.added).length;
  return { added, changed: rows.length - added, unchanged: batch.length - rows.length };
}

/** Each term's broader term as the file has it (none when it names none, or one not in the list). */
async function reparent(
  client: Client,
  o: EsdLoadOptions,
  taxonomyId: string,
  batch: [string, string | null][],
) {
  const { rows } = await client.query<{ unknown: number; moved: number }>(
    `with wanted as (
       select u.source_id, u.parent, p.id as parent_id
         from unnest($1::text[], $2::text[]) as u (source_id, parent)
         left join directory.taxonomy_terms p
           on p.taxonomy_id = $3 and p.source = 'esd' and p.source_id = u.parent),
     moved as (
       update directory.taxonomy_terms t set parent_id = w.parent_id from wanted w
        where t.taxonomy_id = $3 and t.source = 'esd' and t.source_id = w.source_id
          and t.parent_id is distinct from w.parent_id
       returning 1)
     select (select count(*) from wanted where parent is not null and parent_id is null)::int as unknown,
            (select count(*) from moved)::int as moved`,
    [batch.map(([id]) => curie(o, id)), batch.map(([, parent]) => parent && curie(o, parent)), taxonomyId],
  );
  return rows[0];
}

/** Hearth's terms mapped to the new list's terms of the types Hearth ships for them (ADR 0043). */
async function mapHearthTerms(client: Client, o: EsdLoadOptions, taxonomyId: string): Promise<number> {
  if (o.vocabulary !== ESD_SERVICE_TYPE) return 0;
  const pairs = HEARTH_ESD_SERVICE_TYPES.flatMap(({ term, types }) => types.map(([id]) => [term, id]));
  const { rowCount } = await client.query(
    `insert into directory.taxonomy_term_mappings (id, region_id, taxonomy_term_id, mapped_term_id)
     select u.id, $4, u.term, t.id
       from unnest($1::uuid[], $2::uuid[], $3::text[]) as u (id, term, source_id)
       join directory.taxonomy_terms t on t.taxonomy_id = $5 and t.source = 'esd' and t.source_id = u.source_id
     on conflict do nothing`,
    [
      pairs.map(() => uuidv7()),
      pairs.map(([term]) => term),
      pairs.map(([, id]) => curie(o, id)),
      o.regionId,
      taxonomyId,
    ],
  );
  return rowCount ?? 0;
}

/**
 * Loads an LGA esd list (its CSV, streamed) into a region's own taxonomy (ADR 0043), in one transaction under
 * the region's row-level security: the list is made on the first load; each term is added, or changed where the
 * file says otherwise, and left unwritten when it is the same (loading the same file again changes no row);
 * terms the file no longer has are kept (listings and signposts may use them). On the first load of the
 * Services List, Hearth's own terms are mapped to its terms as Hearth ships them. All of it or nothing.
 */
export async function loadEsdTaxonomy(
  client: Client,
  file: string,
  options: EsdLoadOptions,
): Promise<EsdLoadReport> {
  const started = performance.now();
  const out = options.out ?? (() => undefined);
  const batchSize = options.batchSize ?? 1000;
  await assertReady(client);
  await client.query('begin');
  try {
    await client.query(`select set_config('app.region_id', $1, true)`, [options.regionId]);
    await client.query(`select pg_advisory_xact_lock(hashtext('hearth-esd-load'), hashtext($1))`, [
      `${options.regionId}:${options.vocabulary}`,
    ]);
    const taxonomy = await taxonomyOf(client, options);
    const read = emptyEsdReadReport();
    const counts = { added: 0, changed: 0, unchanged: 0 };
    const parents: [string, string | null][] = [];
    let batch: EsdRow[] = [];
    const flush = async () => {
      const done = await upsert(client, options, taxonomy.id, batch);
      counts.added += done.added;
      counts.changed += done.changed;
      counts.unchanged += done.unchanged;
      batch = [];
    };
    for await (const row of readEsdFile(file, read)) {
      batch.push(row);
      parents.push([row.identifier, row.parent]);
      if (batch.length >= batchSize) {
        await flush();
        out(`Read ${n(read.rows)} rows`);
      }
    }
    if (batch.length) await flush();
    if (parents.length === 0) throw new Error(`${basename(file)} has no terms: nothing was loaded.`);
    let reparented = 0;
    let unknownParents = 0;
    for (let i = 0; i < parents.length; i += batchSize) {
      const done = await reparent(client, options, taxonomy.id, parents.slice(i, i + batchSize));
      reparented += done.moved;
      unknownParents += done.unknown;
    }
    await client.query(
      `update directory.taxonomies set version = $2 where id = $1 and version is distinct from $2`,
      [taxonomy.id, read.latestModified],
    );
    const mapped = taxonomy.created ? await mapHearthTerms(client, options, taxonomy.id) : 0;
    const { rows } = await client.query<{ total: number }>(
      `select count(*)::int as total from directory.taxonomy_terms where taxonomy_id = $1`,
      [taxonomy.id],
    );
    await client.query('commit');
    return {
      file: basename(file),
      vocabulary: options.vocabulary,
      taxonomyId: taxonomy.id,
      created: taxonomy.created,
      read,
      ...counts,
      reparented,
      unknownParents,
      notInFile: rows[0].total - parents.length,
      mapped,
      total: rows[0].total,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

/** The report's lines, as the command prints them. */
export function describeEsdLoad(r: EsdLoadReport): string[] {
  const skipped = r.read.skipped;
  return [
    `Loaded ${r.file} as the region's ${r.vocabulary} list (taxonomy ${r.taxonomyId}${r.created ? ', new' : ''}) in ${r.seconds.toFixed(1)} s.`,
    `Rows: ${n(r.read.rows)} read; ${n(skipped.length)} skipped, ${n(r.read.duplicates)} repeating an identifier (the first kept).`,
    ...skipped.slice(0, 10).map((s) => `  line ${s.line}: ${s.reason}`),
    ...(skipped.length > 10 ? [`  … and ${n(skipped.length - 10)} more`] : []),
    `Terms: ${n(r.added)} added, ${n(r.changed)} changed, ${n(r.unchanged)} unchanged, ${n(r.reparented)} moved under another; ` +
      `${n(r.total)} in the list (${n(r.notInFile)} not in this file, kept).`,
    ...(r.unknownParents
      ? [`${n(r.unknownParents)} rows name a broader term the file does not have (loaded at the top).`]
      : []),
    ...(r.mapped ? [`Hearth's terms mapped to ${n(r.mapped)} of its terms, as Hearth ships them.`] : []),
  ];
}

import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../paging';
import type { ExportCell } from '../lero-export';

/*
 * A region's directory in and out (ADR 0041): imports harvest another Open Referral UK 3.0 feed into the region's
 * listings; exports answer the whole directory as HSDS JSON or HSDS tabular CSV files, a page at a time.
 */

/** Where an import writes: straight into listings, or into the curators' queue of suggestions. */
export const IMPORT_MODES = ['listings', 'suggestions'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export class StartImportDto {
  /** The feed's base address (where its `/services` is), http(s), public. */
  @IsString()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be the http(s) address of an Open Referral UK feed' },
  )
  @MaxLength(2000)
  url!: string;

  @IsOptional()
  @IsIn(IMPORT_MODES, { message: 'must be listings or suggestions' })
  mode?: ImportMode;

  /**
   * Walk the whole feed even when an earlier import of it succeeded (`modified_after` is used otherwise), and make
   * the listings it no longer has inactive.
   */
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  full?: boolean;
}

export class StartImportRequest extends StartImportDto {
  @IsUUID('all')
  regionId!: string;
}

export class ListImportsRequest extends PageQuery {
  @IsUUID('all')
  regionId!: string;
}

export class ImportRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  importId!: string;
}

/** Something of the feed an import could not take (a service without a name, an answer that was not JSON). */
export interface ImportProblem {
  /** The feed's id of the record, when the problem is one record's. */
  sourceId?: string;
  message: string;
}

/** An import, while it runs and after: what it has done so far. */
export interface ImportView {
  id: string;
  regionId: string;
  /** The feed's base address: the listings it made keep it as their `source`. */
  source: string;
  mode: ImportMode;
  /** The whole feed was walked (not only what changed since the last import). */
  full: boolean;
  /** Asked with `modified_after` this time (the feed's services changed since then), or null. */
  modifiedAfter: string | null;
  status: ImportStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: {
    pages: number;
    seen: number;
    created: number;
    updated: number;
    unchanged: number;
    /**
     * A full walk only. Listings: the feed's listings it no longer has, made inactive. Suggestions: the feed's
     * pending suggestions it no longer has, withdrawn, and its listings it no longer has, suggested inactive.
     */
    removed: number;
    skipped: number;
  };
  /** The first problems met (at most 50 are kept; `counts.skipped` counts them all). */
  problems: ImportProblem[];
  /** Why it failed, when it did. */
  error: string | null;
  /** Mode `suggestions`: how many of the suggestions it last wrote still wait for a curator. */
  pendingSuggestions: number;
}

/** The parts of a region's HSDS JSON download, each asked a page at a time. */
export const HSDS_JSON_PARTS = ['services', 'organizations', 'taxonomies', 'taxonomy_terms'] as const;
export type HsdsJsonPart = (typeof HSDS_JSON_PARTS)[number];

/** The HSDS tables of the tabular (CSV) download, in the order they are written. */
export const HSDS_TABLES = [
  'organizations',
  'services',
  'locations',
  'addresses',
  'accessibility',
  'service_at_locations',
  'schedules',
  'contacts',
  'phones',
  'service_areas',
  'cost_options',
  'languages',
  'attributes',
  'taxonomies',
  'taxonomy_terms',
] as const;
export type HsdsTable = (typeof HSDS_TABLES)[number];

/** A page of a region's export: a JSON part (`kind: json`) or the rows of a table (`kind: table`). */
export class ExportPageRequest {
  @IsUUID('all')
  regionId!: string;

  @IsIn(['json', 'table'])
  kind!: 'json' | 'table';

  @IsIn([...HSDS_JSON_PARTS, ...HSDS_TABLES])
  part!: HsdsJsonPart | HsdsTable;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface HsdsJsonPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

export interface HsdsTablePage {
  columns: string[];
  rows: ExportCell[][];
  nextCursor: string | null;
}

/** A service has this long to answer a page of an export (a page of whole services is a dozen queries). */
export const DIRECTORY_EXPORT_PAGE_TIMEOUT_MS = 15_000;

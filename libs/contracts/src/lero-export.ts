import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TenantRequest } from './paging';

/*
 * A LERO's whole archive (`GET /api/v1/tenants/{id}/export.zip`, ADR 0034): the gateway asks each service that
 * holds the LERO's data for its parts page by page and writes them into one zip as it goes. A page is a table's
 * rows in the order of its columns (the part's column list, in the service's contracts), so the gateway writes
 * CSV without knowing what a member or a session is, and keeps at most a page of each part in memory.
 */

/** One cell of an exported table: text, a number, a yes/no, or empty. */
export type ExportCell = string | number | boolean | null;

/** One page of a part of the archive; `nextCursor` asks for the next one (null: the last). */
export interface LeroExportPage {
  rows: ExportCell[][];
  nextCursor: string | null;
}

/**
 * What a service puts in one page at most, as JSON: well inside NATS's 1 MiB payload whatever the rows hold
 * (a member's notes run to 2,000 characters of up to 3 bytes each), and enough rows to keep the round trips few.
 */
export const LERO_EXPORT_PAGE_BYTES = 256 * 1024;
/** Rows read from the database for one page (fewer are sent when they pass the byte bound). */
export const LERO_EXPORT_PAGE_ROWS = 1000;
/** A service has this long to answer a page: a page is one indexed query, so this is generous. */
export const LERO_EXPORT_PAGE_TIMEOUT_MS = 15_000;

/** A page of one part: the LERO and, after the first page, the previous page's `nextCursor`. */
export class LeroExportPageRequest extends TenantRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

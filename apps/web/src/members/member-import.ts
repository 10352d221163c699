import type { ApiError } from '../api/api-error';
import { isUploadedFile } from '../http/multipart';

/** The API's limit on an import's body (768 KiB: it crosses NATS). */
export const IMPORT_MAX_BYTES = 768 * 1024;

/** The uploaded CSV, without a spreadsheet's byte-order mark. */
export function importCsvFrom(body: unknown): { filename: string; text: string; bytes: number } | undefined {
  const file = body && typeof body === 'object' ? (body as Record<string, unknown>).csv : undefined;
  if (!isUploadedFile(file) || (!file.filename && file.size === 0)) return undefined;
  return { filename: file.filename, text: file.text.replace(/^\uFEFF/, ''), bytes: file.size };
}

export interface ImportErrorRow {
  row: string;
  /** "email must be an email address", naming the column as the file's header does. */
  problem: string;
}

/** The API's row-by-row errors (`{row, field, message}`, the header is row 1), in row order. */
export function importErrorRows(err: ApiError): ImportErrorRow[] {
  return err.errors
    .filter((e) => e.row !== undefined || e.field)
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    .map((e) => ({
      row: e.row === undefined ? 'Whole file' : String(e.row),
      problem: `${e.field || (e.row === 1 ? 'The header' : 'The row')} ${e.message}`,
    }));
}

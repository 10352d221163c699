import { PayloadTooLargeException } from '@nestjs/common';
import type { CellValue } from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import {
  AppError,
  IMPORT_MAX_CELL_CHARS,
  IMPORT_MAX_COLUMNS,
  IMPORT_MAX_ROWS,
  type FieldError,
} from '@hearth/contracts';
import { excelJs } from '../http/document-libraries.util';

/** An XLSX is a zip: 5,000 rows unpack to about 2 MB; more than this is refused before anything reads it. */
export const XLSX_MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
/** The rows sent on to the membership service stay inside NATS's 1 MiB message with the envelope. */
export const SHEET_MAX_JSON_BYTES = 900 * 1024;
/** Inflated a little at a time, so that a zip bomb is stopped at the limit rather than unpacked whole. */
const CHUNK = 4096;

const unreadable = (message: string) =>
  new AppError('VALIDATION', `The file could not be read: it ${message}.`, {
    errors: [{ field: '', message }],
  });

const rowError = (error: FieldError & { row: number }) =>
  new AppError('VALIDATION', `The file could not be read: row ${error.row} ${error.message}.`, {
    errors: [error],
  });

class TooLarge extends Error {}

/** Unpacks the zip without keeping it, counting what it unpacks to: a small file that unpacks huge is refused. */
function checkZip(data: Uint8Array): void {
  let unpacked = 0;
  let files = 0;
  const unzip = new Unzip((file) => {
    files++;
    file.ondata = (err, chunk) => {
      if (err) throw err;
      unpacked += chunk.length;
      if (unpacked > XLSX_MAX_UNPACKED_BYTES) throw new TooLarge();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < data.length; i += CHUNK)
      unzip.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  } catch (err) {
    if (err instanceof TooLarge)
      throw new PayloadTooLargeException(
        `The file unpacks to more than ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB: split it into smaller files.`,
      );
    throw unreadable('is not a valid .xlsx file (save it again as an Excel workbook, or as CSV UTF-8)');
  }
  if (files === 0)
    throw unreadable('is not an .xlsx file (save it again as an Excel workbook, or as CSV UTF-8)');
}

/** A date as a person typed it: the day alone when it has no time. */
const dateText = (d: Date) => {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
};

/** A cell as the text a person sees in it: a formula's result, a link's text, a rich text's letters. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue);
  return '';
}

/**
 * The first sheet of an XLSX file as rows of text, the header row first. Rows keep their spreadsheet numbers
 * (empty rows stay, as empty rows); what a person would not see (styles, other sheets) is ignored.
 */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  checkZip(data);
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw unreadable('is not a valid .xlsx file (save it again as an Excel workbook, or as CSV UTF-8)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('has no sheet');
  const rows: string[][] = [];
  let failure: AppError | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (failure) return;
    if (number > IMPORT_MAX_ROWS + 1) {
      failure = rowError({
        row: IMPORT_MAX_ROWS + 2,
        field: '',
        message: `is one too many: at most ${IMPORT_MAX_ROWS} members can be imported at once`,
      });
      return;
    }
    const values = Array.isArray(row.values) ? row.values : [];
    // `values` is sparse (a hole for each empty cell): Array.from visits the holes too.
    const cells = Array.from(values.slice(1), (v) => cellText(v as CellValue).trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > IMPORT_MAX_COLUMNS) {
      failure = rowError({ row: number, field: '', message: `has more than ${IMPORT_MAX_COLUMNS} columns` });
      return;
    }
    const long = cells.findIndex((c) => c.length > IMPORT_MAX_CELL_CHARS);
    if (long >= 0) {
      failure = rowError({
        row: number,
        field: '',
        message: `has a cell longer than ${IMPORT_MAX_CELL_CHARS} characters (column ${long + 1})`,
      });
      return;
    }
    while (rows.length < number - 1) rows.push([]);
    rows.push(cells);
  });
  if (failure) throw failure;
  if (Buffer.byteLength(JSON.stringify(rows)) > SHEET_MAX_JSON_BYTES)
    throw new PayloadTooLargeException(
      'The sheet holds too much text for one import: split it into smaller files.',
    );
  return rows;
}

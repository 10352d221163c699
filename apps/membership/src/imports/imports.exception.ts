import { AppError } from '@hearth/contracts';
import type { RowError } from './member-sheet-columns.util';

/** Errors listed in one answer; a file with more bad rows says how many in its message. */
export const MAX_ERRORS_SHOWN = 100;

/** Where an error is, in words: `row 4, column E-mail (C4), "not-an-email"`. */
export function whereAndWhat(e: RowError): string {
  const column = e.column !== undefined ? `, column ${e.column || '(no header)'} (${e.cell})` : '';
  const value = e.value ? ` "${e.value}"` : e.field && e.column === undefined ? ` ${e.field}` : '';
  return `row ${e.row}${column}:${value || ' the row'} ${e.message}`;
}

/** A file with at least one bad row: nothing was imported; the first MAX_ERRORS_SHOWN errors are listed. */
export function importRejected(errors: RowError[]): AppError {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const shown = sorted.slice(0, MAX_ERRORS_SHOWN);
  const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
  return new AppError(
    'VALIDATION',
    `${rowsWithErrors === 1 ? 'A row has' : `${rowsWithErrors} rows have`} errors, so nothing was imported` +
      `${errors.length > shown.length ? ` (the first ${shown.length} errors are listed)` : ''}. ` +
      `First: ${whereAndWhat(sorted[0])}.`,
    { reason: 'ImportRejected', errors: shown },
  );
}

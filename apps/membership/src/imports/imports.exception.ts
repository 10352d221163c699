import { AppError } from '@hearth/contracts';
import type { RowError } from './member-csv.util';

/** Errors listed in one answer; a file with more bad rows says how many in its message. */
export const MAX_ERRORS_SHOWN = 100;

/** A file with at least one bad row: nothing was imported; the first MAX_ERRORS_SHOWN errors are listed. */
export function importRejected(errors: RowError[]): AppError {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
  return new AppError(
    'VALIDATION',
    `${rowsWithErrors === 1 ? 'A row has' : `${rowsWithErrors} rows have`} errors, so nothing was imported` +
      `${errors.length > shown.length ? ` (the first ${shown.length} errors are listed)` : ''}. ` +
      `First: row ${errors[0].row}, ${errors[0].field || 'the row'} ${errors[0].message}.`,
    { reason: 'ImportRejected', errors: shown },
  );
}

import type { PipeTransform } from '@nestjs/common';
import { AppError, IMPORT_MAX_FILE_BYTES, XLSX_MEDIA_TYPE, textProblem } from '@hearth/contracts';

/** Up to 5,000 rows of a spreadsheet, and still inside NATS's default 1 MiB message once read and enveloped. */
export const SHEET_BODY_LIMIT = IMPORT_MAX_FILE_BYTES;

/** An uploaded spreadsheet: a CSV's text, or an XLSX file's bytes. */
export type SheetBody = { csv: string } | { xlsx: Buffer };

/**
 * A `text/csv` body arrives as a string, an XLSX body as bytes (see `configureHttpApp`); anything else is refused
 * naming the body, and so is a CSV with a NUL in it (the input policy), naming the row as the import's own errors
 * do.
 */
export class SheetBodyPipe implements PipeTransform<unknown, SheetBody> {
  transform(value: unknown): SheetBody {
    if (Buffer.isBuffer(value)) return { xlsx: value };
    if (typeof value !== 'string') {
      throw new AppError('VALIDATION', `Invalid body: send the file as text/csv or as ${XLSX_MEDIA_TYPE}.`, {
        errors: [{ field: '', message: 'must be a text/csv or an .xlsx body' }],
      });
    }
    const problem = textProblem(value);
    if (problem) {
      const at = Math.max(value.indexOf('\u0000'), 0);
      const row = value.slice(0, at).split('\n').length;
      throw new AppError('VALIDATION', `Invalid file: row ${row} ${problem} (save it as CSV UTF-8).`, {
        errors: [{ row, field: '', message: `${problem}; save the file as CSV UTF-8` }],
      });
    }
    return { csv: value };
  }
}

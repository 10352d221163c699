import type { PipeTransform } from '@nestjs/common';
import { AppError, textProblem } from '@hearth/contracts';

/** Up to 5,000 rows of a spreadsheet export, and still inside NATS's default 1 MiB message once enveloped. */
export const CSV_BODY_LIMIT = 768 * 1024;

/**
 * A `text/csv` body arrives as a string (see `configureHttpApp`); anything else is refused naming the body, and
 * so is a file with a NUL in it (the input policy), naming the row as the import's own errors do.
 */
export class CsvBodyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string') {
      throw new AppError('VALIDATION', 'Invalid body: send the file as text/csv.', {
        errors: [{ field: '', message: 'must be a text/csv body' }],
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
    return value;
  }
}

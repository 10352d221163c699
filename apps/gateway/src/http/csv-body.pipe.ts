import type { PipeTransform } from '@nestjs/common';
import { AppError } from '@hearth/contracts';

/** Up to 5,000 rows of a spreadsheet export, and still inside NATS's default 1 MiB message once enveloped. */
export const CSV_BODY_LIMIT = 768 * 1024;

/** A `text/csv` body arrives as a string (see `configureHttpApp`); anything else is refused naming the body. */
export class CsvBodyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string') {
      throw new AppError('VALIDATION', 'Invalid body: send the file as text/csv.', {
        errors: [{ field: '', message: 'must be a text/csv body' }],
      });
    }
    return value;
  }
}

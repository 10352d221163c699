import { AppError } from '@hearth/contracts';

/** How long to come back after an incomplete export: a service restarting, or its database back. */
export const RETRY_AFTER_SECONDS = 30;

/** Some service holding member ids gave no part: the export is whole or not given (ADR 0018). */
export const exportIncomplete = (missing: string[]) =>
  new AppError(
    'UNAVAILABLE',
    `This person’s data could not be gathered in full (no part from ${missing.join(', ')}), so none was given. Try again in a minute.`,
    { reason: 'ExportIncomplete', missing, retryAfterSeconds: RETRY_AFTER_SECONDS },
  );

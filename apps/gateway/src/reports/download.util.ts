import type { FastifyReply } from 'fastify';

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  zip: 'application/zip',
} as const;

/**
 * Headers of a file to save, not show: its type, an attachment's name (ASCII, made of the report's own labels),
 * and never cached: a report is the caller's to read, and figures change until released.
 */
export function asDownload(reply: FastifyReply, fileName: string, type: keyof typeof CONTENT_TYPES): void {
  void reply
    .header('content-type', CONTENT_TYPES[type])
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store');
}

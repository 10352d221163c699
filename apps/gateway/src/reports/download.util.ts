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

/**
 * A report's JSON answer sent as the text reporting wrote (ADR 0094): Fastify sends a string as it is when the
 * type is JSON, so the report is not parsed and written again here.
 */
export function asJsonText(reply: FastifyReply, text: string): string {
  void reply.header('content-type', 'application/json; charset=utf-8');
  return text;
}

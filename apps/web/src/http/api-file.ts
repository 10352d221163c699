import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FastifyReply } from 'fastify';
import type { ApiFile } from '../api/hearth-api';

/**
 * Hands a file from the API on to the browser as it comes (a spreadsheet, a PDF, a LERO's archive): the API's
 * type and file name, never cached, never sniffed. Nothing is held but what is on its way.
 */
export async function sendApiFile(reply: FastifyReply, file: ApiFile): Promise<void> {
  await reply
    .status(200)
    .header('content-type', file.contentType)
    .header('content-disposition', file.disposition)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>));
}

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** What the client asked for, as far as a request Node could not parse shows it. */
export interface ClientErrorRequest {
  path: string;
  accept: string;
}

/** The body of an answer to a request Node refused before any framework saw it (headers too large …). */
export type ClientErrorAnswer = (
  status: number,
  request: ClientErrorRequest,
) => { contentType: string; body: string };

/**
 * Fastify answers some errors itself, in its own JSON, before the app's exception filters see them: a broken
 * %-encoding in the address (400), a path parameter over the length limit (414), and, on the socket, headers
 * too large (431), a timeout (408) or a request it cannot parse (400). These options send the first two through
 * the app's filters (problem+json or a page, with the request id) and let the app word the others.
 */
export function frameworkErrorOptions(answer: ClientErrorAnswer) {
  return {
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      // The app's error handler (Nest's, once it has started): the same filters as every other error.
      void req.server.errorHandler(error, req, reply);
    },
    clientErrorHandler: (err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const status =
        err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      // What Node had read of the request (a Buffer, whatever Fastify's types say), for its path and Accept.
      const head = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.subarray(0, 8192).toString('latin1') : '';
      const request = {
        path: /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '/',
        accept: /\r\naccept:([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? '',
      };
      const { contentType, body } = answer(status, request);
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${contentType}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
            `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(err);
    },
  };
}

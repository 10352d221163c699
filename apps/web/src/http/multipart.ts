import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** A file posted in a `multipart/form-data` form: its bytes, and the same read as UTF-8 text (a CSV). */
export interface UploadedFile {
  filename: string;
  size: number;
  text: string;
  data: Buffer;
}

/**
 * Large enough for the API's largest import (768 KiB) plus the form around it, also when the import's preview
 * sends the file back base64-encoded (a third larger); the page checks the file.
 */
export const MULTIPART_BODY_LIMIT = 1536 * 1024;

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  !!value && typeof value === 'object' && typeof (value as UploadedFile).text === 'string';

async function uploaded(file: File): Promise<UploadedFile> {
  const data = Buffer.from(await file.arrayBuffer());
  return { filename: file.name, size: file.size, text: data.toString('utf8'), data };
}

/**
 * File uploads without JavaScript need `multipart/form-data`. The body is read whole (it is small) and
 * parsed by the runtime's own `FormData` parser (undici's, as `fetch` uses): text fields become strings, a
 * file becomes `{filename, size, text}`. `_csrf` is then where `@fastify/csrf-protection` looks for it.
 */
export function addMultipartParser(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('multipart/form-data')) return;
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MULTIPART_BODY_LIMIT },
    (req, body, done) => {
      const contentType = String(req.headers['content-type'] ?? '');
      new Response(body as Buffer<ArrayBuffer>, { headers: { 'content-type': contentType } })
        .formData()
        .then(async (form) => {
          const fields: Record<string, string | UploadedFile> = Object.create(null) as Record<
            string,
            string | UploadedFile
          >;
          for (const [name, value] of form.entries()) {
            if (name === '__proto__' || name in fields) continue;
            fields[name] = typeof value === 'string' ? value : await uploaded(value);
          }
          done(null, fields);
        })
        // A body that is not the multipart it says it is: a 400 page, not a 500.
        .catch(() => done(new BadRequestException('The form could not be read.'), undefined));
    },
  );
}

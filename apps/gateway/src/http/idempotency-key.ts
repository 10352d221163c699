import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError, MAX_IDEMPOTENCY_KEY_LENGTH } from '@hearth/contracts';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** A key sent bare (as most clients do): visible ASCII without the characters of a structured field's syntax. */
const BARE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

const invalid = (message: string) =>
  new AppError('VALIDATION', `Invalid ${IDEMPOTENCY_KEY_HEADER} header: ${message}.`, {
    errors: [{ field: IDEMPOTENCY_KEY_HEADER, message }],
  });

/** The characters of a structured-field string (RFC 8941 §3.3.3), `\"` and `\\` unescaped; else an error. */
function sfString(value: string): string {
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[++i];
      if (next !== '"' && next !== '\\') throw invalid('a backslash may only escape " or \\');
      out += next;
    } else if (c === '"') {
      if (i !== value.length - 1) throw invalid('nothing may follow the closing quote');
      return out;
    } else if (c < '\x20' || c > '\x7e') throw invalid('must be printable ASCII');
    else out += c;
  }
  throw invalid('the quoted string is not closed');
}

/**
 * The key of an `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): a structured-field
 * string (`"8e03978e-…"`), or the same characters sent bare (`8e03978e-…`), both giving the same key; at most
 * 255 characters. Undefined without the header; a 400 naming it when it is malformed or sent twice.
 */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw invalid('send it once');
  const value = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  const key = value.startsWith('"') ? sfString(value) : value;
  if (key.length === 0) throw invalid('must not be empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw invalid(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  if (!value.startsWith('"') && !BARE.test(key))
    throw invalid('must be a quoted string, or visible ASCII without spaces, quotes, commas or semicolons');
  return key;
}

/** The request's `Idempotency-Key` (see `parseIdempotencyKey`). */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIdempotencyKey(context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key']),
);

/** The header in the API document, with the answers it adds. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): a unique value per request (a UUID), ' +
        'as a quoted string or bare, at most 255 printable ASCII characters. The same key from the same caller ' +
        'for the same LERO within 24 hours answers the first result again and changes nothing.',
      schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH + 2 },
    }),
    ApiResponse({ status: 400, description: 'A malformed `Idempotency-Key` (or body).' }),
    ApiResponse({
      status: 409,
      description:
        'Refused as things stand (e.g. the register is closed), or a request with this `Idempotency-Key` is ' +
        'still being processed (`IdempotencyKeyInFlight`): try again in a moment.',
    }),
    ApiResponse({
      status: 422,
      description: 'This `Idempotency-Key` was used for another request (`IdempotencyKeyReused`).',
    }),
  );

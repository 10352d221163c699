import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0: 131,072 entries (16 KiB, the spec's minimum for group privacy), the first index
 * the left-most bit of the first byte; published GZIP-compressed and base64url-encoded (no padding), as
 * `encodedList`, with the multibase prefix `u`.
 */
export const STATUS_LIST_SIZE = 131_072;
/** A decoded list may be at most this large (16 MiB of bits), whatever a remote publisher sends. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export function encodeStatusList(setIndexes: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = Buffer.alloc(Math.ceil(size / 8));
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`index ${index}`);
    bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The list's bits; throws on anything that is not a GZIP'd base64url (multibase `u`) bitstring. */
export function decodeStatusList(encoded: string): Buffer {
  const body = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new Error('not base64url');
  return gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: MAX_DECODED_BYTES });
}

export function statusBitSet(bits: Buffer, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8)
    throw new RangeError(`index ${index}`);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

import { AppError } from '@hearth/contracts';
import type { ExpiryKey } from './training-records.repository';

const KEY = /^(\d{4}-\d{2}-\d{2})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The expiry lists page by (expiresOn, record id): the cursor carries both, opaque to callers. */
export const encodeExpiryCursor = (k: ExpiryKey) =>
  Buffer.from(`${k.expiresOn}/${k.recordId}`).toString('base64url');

export function decodeExpiryCursor(cursor: string): ExpiryKey {
  const m = KEY.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || Number.isNaN(Date.parse(m[1]))) {
    throw new AppError('VALIDATION', 'Invalid cursor: use the nextCursor of a previous page.', {
      errors: [{ field: 'cursor', message: 'is not a cursor from a previous page' }],
    });
  }
  return { expiresOn: m[1], recordId: m[2] };
}

/** Fetch `limit + 1` rows in (expiresOn, id) order, then: the page and the cursor of the next (null at the end). */
export function expiryPage<T extends { expiresOn: string; recordId: string }, V>(
  rows: T[],
  limit: number,
  view: (row: T) => V,
): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(view), nextCursor: rows.length > limit ? encodeExpiryCursor(last) : null };
}

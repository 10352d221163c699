import { AppError } from '@hearth/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset pagination over UUIDv7 ids (time-ordered): the cursor is the last id seen, opaque to callers. */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) {
    throw new AppError('VALIDATION', 'Invalid cursor: use the nextCursor of a previous page.', {
      errors: [{ field: 'cursor', message: 'is not a cursor from a previous page' }],
    });
  }
  return id;
}

/** Fetch `limit + 1` rows, then call this: the page and the cursor of the next one (null at the end). */
export function pageOf<T extends { id: string }, V>(
  rows: T[],
  limit: number,
  view: (row: T) => V,
): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(view),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

/**
 * Keyset paging bounded by size as well as count (a LERO's archive, whose pages cross NATS): the rows, as
 * `cells` makes them, that fit in `maxBytes` of JSON (always at least one), and the cursor after the last of
 * them. Fetch `limit + 1` rows in id order.
 */
export function boundedPage<T extends { id: string }, C>(
  rows: T[],
  limit: number,
  maxBytes: number,
  cells: (row: T) => C,
): { rows: C[]; nextCursor: string | null } {
  const out: C[] = [];
  let bytes = 2;
  for (const row of rows.slice(0, limit)) {
    const made = cells(row);
    const size = Buffer.byteLength(JSON.stringify(made)) + 1;
    if (out.length > 0 && bytes + size > maxBytes)
      return { rows: out, nextCursor: encodeCursor(rows[out.length - 1].id) };
    out.push(made);
    bytes += size;
  }
  return { rows: out, nextCursor: rows.length > limit ? encodeCursor(rows[limit - 1].id) : null };
}

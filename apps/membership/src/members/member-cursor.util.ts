import { AppError, type MemberSort } from '@hearth/contracts';
import { encodeCursor } from '@hearth/persistence';

/** Where a page of the list sorted by name ends: the name's sort key (the database's `lower`) and the id. */
export interface NamePosition {
  nameKey: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalidCursor = () =>
  new AppError('VALIDATION', 'Invalid cursor: use the nextCursor of a previous page in the same order.', {
    errors: [{ field: 'cursor', message: 'is not a cursor from a previous page in this order' }],
  });

/** The cursor after `row`: its id in join order (as before), its name key and id by name. */
export function encodeListCursor(
  sort: MemberSort | undefined,
  row: { id: string; nameKey?: string },
): string {
  if (sort !== 'name') return encodeCursor(row.id);
  return Buffer.from(JSON.stringify(['name', row.nameKey ?? '', row.id])).toString('base64url');
}

export function decodeNameCursor(cursor: string): NamePosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    value[0] !== 'name' ||
    typeof value[1] !== 'string' ||
    typeof value[2] !== 'string' ||
    !UUID.test(value[2])
  )
    throw invalidCursor();
  return { nameKey: value[1], id: value[2] };
}

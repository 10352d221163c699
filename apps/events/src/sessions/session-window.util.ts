import { invalidField } from './sessions.exception';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;

function instant(field: string, value: string): Date {
  if (!DATE_ONLY.test(value) && !WITH_OFFSET.test(value))
    throw invalidField(
      field,
      'must be a date (2026-03-01) or a date-time with an offset (2026-03-01T09:00Z)',
    );
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidField(field, 'is not a real date');
  return date;
}

export interface WindowDefaults {
  /** Default start, counted back from now. */
  pastDays: number;
  /** Default length. */
  days: number;
  /** Longest window a caller may ask for. */
  maxDays: number;
}

/** `from` inclusive, `to` exclusive; a bare date is midnight UTC of that day. */
export function sessionWindow(
  query: { from?: string; to?: string },
  now: Date,
  d: WindowDefaults,
): { from: Date; to: Date } {
  const from = query.from ? instant('from', query.from) : new Date(now.getTime() - d.pastDays * DAY_MS);
  const to = query.to ? instant('to', query.to) : new Date(from.getTime() + d.days * DAY_MS);
  if (to <= from) throw invalidField('to', 'must be after from');
  if (to.getTime() - from.getTime() > d.maxDays * DAY_MS)
    throw invalidField('to', `must be at most ${d.maxDays} days after from`);
  return { from, to };
}

/** Keyset cursor over (startsAt, id), opaque to callers. */
export const encodeSessionCursor = (startsAt: string, id: string) =>
  Buffer.from(JSON.stringify([startsAt, id])).toString('base64url');

export function decodeSessionCursor(cursor: string): { startsAt: Date; id: string } {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    const at = new Date(String(startsAt));
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(at.getTime()))
      return { startsAt: at, id };
  } catch {
    // fall through
  }
  throw invalidField('cursor', 'is not a cursor from a previous page');
}

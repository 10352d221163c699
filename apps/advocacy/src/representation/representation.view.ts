import type { MeetingView, Page, SeatView } from '@hearth/contracts';
import { encodeCursor } from '@hearth/persistence';
import type { MeetingRow, SeatRow } from './representation.repository';

export const seatView = (s: SeatRow): SeatView => ({
  id: s.id,
  body: { name: s.body_name, kind: s.body_kind },
  role: s.role,
  since: s.since,
  until: s.until,
  createdAt: new Date(s.created_at).toISOString(),
  updatedAt: new Date(s.updated_at).toISOString(),
});

export const meetingView = (m: MeetingRow): MeetingView => ({
  id: m.id,
  seatId: m.seat_id,
  body: { name: m.body_name, kind: m.body_kind },
  date: m.on_date,
  representedBy: m.represented_by,
  askIds: m.ask_ids,
  outcome: m.outcome,
  createdAt: new Date(m.created_at).toISOString(),
  updatedAt: new Date(m.updated_at).toISOString(),
});

/** A page of `limit` views from rows read one more than `limit` (the extra one says there is a next page). */
export function pageOf<R extends { id: string }, V>(rows: R[], limit: number, view: (r: R) => V): Page<V> {
  const page = rows.slice(0, limit);
  return {
    items: page.map(view),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

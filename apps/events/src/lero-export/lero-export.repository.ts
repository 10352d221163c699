import { Injectable } from '@nestjs/common';
import {
  LERO_EXPORT_PAGE_BYTES,
  LERO_EXPORT_PAGE_ROWS,
  type EventsExportPart,
  type ExportCell,
  type LeroExportPage,
} from '@hearth/contracts';
import { boundedPage, decodeCursor, type TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';

type Row = { id: string; cells: ExportCell[] };

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Each part's rows in id order, as the cells of its columns (EVENTS_EXPORT_COLUMNS), made by the database so
 * that instants come out as ISO 8601 in UTC whatever the server's zone.
 */
const QUERIES: Record<EventsExportPart, string> = {
  activities: `select id, json_build_array(id, title, category, description, visibility, location->>'name',
      location->>'address', location->>'postcode', location->>'onlineUrl', capacity, starts_at_local,
      duration_minutes, timezone, rrule, ${iso('created_at')}, ${iso('updated_at')}, ${iso('deleted_at')}) as cells
    from events.activities where id > $1 order by id limit $2`,
  sessions: `select id, json_build_array(id, activity_id, ${iso('starts_at')}, ${iso('ends_at')}, timezone, status,
      cancel_reason, capacity, attended, walk_ins, ${iso('held_at')}) as cells
    from events.sessions where id > $1 order by id limit $2`,
  rsvps: `select id, json_build_array(id, session_id, member_id, status, ${iso('created_at')}) as cells
    from events.rsvps where id > $1 order by id limit $2`,
  attendance: `select id, json_build_array(id, session_id, member_id, ${iso('recorded_at')}, recorded_by) as cells
    from events.attendance where id > $1 order by id limit $2`,
};

/** Pages of events' parts of a LERO's archive. Queries only. */
@Injectable()
export class LeroExportRepository {
  constructor(private readonly db: EventsDatabase) {}

  async page(tenantId: TenantId, part: EventsExportPart, cursor?: string): Promise<LeroExportPage> {
    const after = cursor ? decodeCursor(cursor) : '00000000-0000-0000-0000-000000000000';
    const rows = await this.db.readInTenant<Row>(tenantId, QUERIES[part], [after, LERO_EXPORT_PAGE_ROWS + 1]);
    return boundedPage(rows, LERO_EXPORT_PAGE_ROWS, LERO_EXPORT_PAGE_BYTES, (r) => r.cells);
  }
}

import { Injectable } from '@nestjs/common';
import {
  LERO_EXPORT_PAGE_BYTES,
  LERO_EXPORT_PAGE_ROWS,
  type AdvocacyExportPart,
  type ExportCell,
  type LeroExportPage,
} from '@hearth/contracts';
import { boundedPage, decodeCursor, type TenantId } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';

type Row = { id: string; cells: ExportCell[] };

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * Each part's rows in id order, as the cells of its columns (ADVOCACY_EXPORT_COLUMNS), made by the database so that
 * instants come out as ISO 8601 in UTC. Read in the LERO's transaction: its row-level security shows the LERO's own
 * rows only (never the region's asks), and each query says so again.
 */
const QUERIES: Record<AdvocacyExportPart, string> = {
  'advocacy-asks': `select id, json_build_array(id, what, body_name, body_kind, source, consultation_id,
      ${day('raised_on')}, public, status, ${iso('created_at')}, ${iso('updated_at')}) as cells
    from advocacy.asks where tenant_id is not null and id > $1 order by id limit $2`,
  'advocacy-ask-updates': `select id, json_build_array(id, ask_id, status, ${day('on_date')}, text, reason,
      ${iso('created_at')}) as cells
    from advocacy.ask_updates where tenant_id is not null and id > $1 order by id limit $2`,
  'advocacy-seats': `select id, json_build_array(id, body_name, body_kind, role, ${day('since')}, ${day('until')},
      ${iso('created_at')}, ${iso('updated_at')}) as cells
    from advocacy.seats where id > $1 order by id limit $2`,
  'advocacy-meetings': `select m.id, json_build_array(m.id, m.seat_id, m.body_name, m.body_kind, ${day('m.on_date')},
      m.represented_by, m.outcome,
      (select coalesce(string_agg(a.ask_id::text, ';' order by a.ask_id), '') from advocacy.meeting_asks a
        where a.meeting_id = m.id),
      ${iso('m.created_at')}, ${iso('m.updated_at')}) as cells
    from advocacy.meetings m where m.id > $1 order by m.id limit $2`,
};

/** Pages of advocacy's parts of a LERO's archive. Queries only. */
@Injectable()
export class LeroExportRepository {
  constructor(private readonly db: AdvocacyDatabase) {}

  async page(tenantId: TenantId, part: AdvocacyExportPart, cursor?: string): Promise<LeroExportPage> {
    const after = cursor ? decodeCursor(cursor) : '00000000-0000-0000-0000-000000000000';
    const rows = await this.db.readInTenant<Row>(tenantId, QUERIES[part], [after, LERO_EXPORT_PAGE_ROWS + 1]);
    return boundedPage(rows, LERO_EXPORT_PAGE_ROWS, LERO_EXPORT_PAGE_BYTES, (r) => r.cells);
  }
}

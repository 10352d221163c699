import { Injectable } from '@nestjs/common';
import {
  LERO_EXPORT_PAGE_BYTES,
  LERO_EXPORT_PAGE_ROWS,
  type ExportCell,
  type LeroExportPage,
  type VolunteeringExportPart,
} from '@hearth/contracts';
import { boundedPage, decodeCursor, type TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';

type Row = { id: string; cells: ExportCell[] };

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
/** A jsonb list of strings as one cell, `;` between items (as membership writes community roles). */
const list = (column: string) =>
  `(select coalesce(string_agg(v, ';' order by n), '') from jsonb_array_elements_text(${column}) with ordinality as x(v, n))`;

/**
 * Each part's rows in id order, as the cells of its columns (VOLUNTEERING_EXPORT_COLUMNS), made by the database so
 * that instants come out as ISO 8601 in UTC whatever the server's zone. One query per table: a table that comes to
 * hold the LERO's volunteering adds its part here and its columns in the contracts.
 */
const QUERIES: Record<VolunteeringExportPart, string> = {
  'volunteering-training': `select id, json_build_array(id, name, kind, validity_months, ${iso('created_at')},
      ${iso('updated_at')}) as cells
    from volunteering.training where id > $1 order by id limit $2`,
  'volunteering-roles': `select id, json_build_array(id, title, description, what_youll_do, ${list('skills')},
      ${list('requirement_ids')}, "where", visibility, status, ${iso('created_at')}, ${iso('updated_at')}) as cells
    from volunteering.roles where id > $1 order by id limit $2`,
  'volunteering-shifts': `select id, json_build_array(id, role_id, starts_at_local, duration_minutes, timezone, rrule,
      place, capacity, session_id, status, cancel_reason, ${iso('cancelled_at')}, ${iso('created_at')},
      ${iso('updated_at')}) as cells
    from volunteering.shifts where id > $1 order by id limit $2`,
  'volunteering-training-records': `select id, json_build_array(id, member_id, training_id, ${day('completed_on')},
      ${day('expires_on')}, how, verified_by, ${iso('recorded_at')}, ${iso('updated_at')}) as cells
    from volunteering.training_records where id > $1 order by id limit $2`,
  'volunteering-signups': `select s.id, json_build_array(s.id, o.shift_id, ${iso('o.starts_at')}, ${day('o.local_date')},
      s.member_id, s.status, s.late, ${iso('s.created_at')}, ${iso('s.cancelled_at')}) as cells
    from volunteering.signups s join volunteering.shift_occurrences o on o.id = s.occurrence_id
    where s.id > $1 order by s.id limit $2`,
  'volunteering-hours': `select id, json_build_array(id, member_id, role_id, source, shift_id, signup_id, ${day('date')},
      minutes, approved_minutes, status, description, decline_reason, logged_by, decided_by, ${iso('decided_at')},
      ${iso('created_at')}) as cells
    from volunteering.hours_entries where id > $1 order by id limit $2`,
  'volunteering-credentials': `select id, json_build_array(id, member_id, kind, training_id, record_id, list_id,
      status_index, ${iso('issued_at')}, ${iso('expires_at')}, ${iso('revoked_at')}) as cells
    from volunteering.issued_credentials where id > $1 order by id limit $2`,
  'volunteering-interests': `select id, json_build_array(id, role_id, member_id, note, status, outcome, closed_by,
      ${iso('closed_at')}, ${iso('created_at')}) as cells
    from volunteering.role_interests where id > $1 order by id limit $2`,
};

/** Pages of volunteering's parts of a LERO's archive. Queries only. */
@Injectable()
export class LeroExportRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  async page(tenantId: TenantId, part: VolunteeringExportPart, cursor?: string): Promise<LeroExportPage> {
    const after = cursor ? decodeCursor(cursor) : '00000000-0000-0000-0000-000000000000';
    const rows = await this.db.readInTenant<Row>(tenantId, QUERIES[part], [after, LERO_EXPORT_PAGE_ROWS + 1]);
    return boundedPage(rows, LERO_EXPORT_PAGE_ROWS, LERO_EXPORT_PAGE_BYTES, (r) => r.cells);
  }
}

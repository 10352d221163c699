import { Injectable } from '@nestjs/common';
import {
  LERO_EXPORT_PAGE_BYTES,
  LERO_EXPORT_PAGE_ROWS,
  type ExportCell,
  type LeroExportPage,
  type MembershipExportPart,
} from '@hearth/contracts';
import { boundedPage, decodeCursor, type TenantId } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';

type Row = { id: string; cells: ExportCell[] };

/**
 * Each part's rows in id order, as the cells of its columns (MEMBERSHIP_EXPORT_COLUMNS), made by the database
 * so that dates come out as ISO 8601 in UTC whatever the server's zone. Erased records are left out: they hold
 * nothing of the person, and their consent history went with them.
 */
const QUERIES: Record<MembershipExportPart, string> = {
  members: `select id, json_build_array(id, display_name, email, phone, array_to_string(community_roles, ';'),
      pathway, preferred_contact, consent_contact, consent_photos, consent_share_stories_anonymously, notes,
      status, ${iso('joined_at')}, ${iso('left_at')}, ${iso('updated_at')}) as cells
    from membership.members where status <> 'erased' and id > $1 order by id limit $2`,
  consents: `select c.id, json_build_array(c.id, c.member_id, c.consent, c.given, ${iso('c.recorded_at')},
      c.recorded_by, c.by_self) as cells
    from membership.consent_records c join membership.members m on m.id = c.member_id
    where m.status <> 'erased' and c.id > $1 order by c.id limit $2`,
};

function iso(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Pages of membership's parts of a LERO's archive. Queries only. */
@Injectable()
export class LeroExportRepository {
  constructor(private readonly db: MembershipDatabase) {}

  async page(tenantId: TenantId, part: MembershipExportPart, cursor?: string): Promise<LeroExportPage> {
    const after = cursor ? decodeCursor(cursor) : '00000000-0000-0000-0000-000000000000';
    const rows = await this.db.readInTenant<Row>(tenantId, QUERIES[part], [after, LERO_EXPORT_PAGE_ROWS + 1]);
    return boundedPage(rows, LERO_EXPORT_PAGE_ROWS, LERO_EXPORT_PAGE_BYTES, (r) => r.cells);
  }
}

import { Injectable } from '@nestjs/common';
import {
  MEMBER_FIELDS,
  type ExportMembersRequest,
  type MemberSheetPage,
  type MemberView,
  type RequestContext,
} from '@hearth/contracts';
import { subject } from '@hearth/auth';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { MembersRepository } from '../members/members.repository';
import { memberView } from '../members/member.view';
import { encodeListCursor } from '../members/member-cursor.util';

/** Rows of one page when the caller sets no limit. */
export const BULK_EXPORT_PAGE_ROWS = 2000;
/** A page stays well inside NATS's 1 MiB message, however long the notes (a row is at most about 7 KB). */
export const BULK_EXPORT_PAGE_BYTES = 600 * 1024;

/**
 * A spreadsheet of the members list (its filters and order), page by page, for the LERO's admins and
 * coordinators only. Each page is audited (how many, in which format, with which filters: never a search's
 * text, which may be a name), after the read and before the answer.
 */
@Injectable()
export class BulkExportUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly audit: MemberAuditService,
  ) {}

  async run(ctx: RequestContext, dto: ExportMembersRequest): Promise<MemberSheetPage> {
    const { ability, tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'export', 'Member');
    // The columns are the fields the asker may read (the field rule of MEMBER_FIELDS / MEMBER_SUMMARY_FIELDS).
    const fields = MEMBER_FIELDS.filter((field) =>
      ability.can('read', subject('Member', { tenantId, status: 'active' }), field),
    );
    const limit = dto.limit ?? BULK_EXPORT_PAGE_ROWS;
    const rows = await this.members.list(tenantId, {
      search: dto.search?.trim() || undefined,
      searchEmail: fields.includes('email'),
      communityRole: dto.communityRole,
      status: dto.status,
      cursor: dto.cursor,
      limit,
      whole: true,
      sort: dto.sort,
    });
    const items: MemberView[] = [];
    let bytes = 0;
    for (const row of rows.slice(0, limit)) {
      const view = pick(memberView(row), fields);
      bytes += Buffer.byteLength(JSON.stringify(view));
      if (items.length > 0 && bytes > BULK_EXPORT_PAGE_BYTES) break;
      items.push(view);
    }
    const more = rows.length > items.length;
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      this.audit.record(em, tenantId, ctx, 'members.exported', null, {
        count: items.length,
        format: dto.format,
        filters: {
          search: Boolean(dto.search?.trim()),
          communityRole: dto.communityRole ?? null,
          status: dto.status ?? null,
        },
        sort: dto.sort ?? 'joined',
        continued: Boolean(dto.cursor),
      });
    });
    return {
      items,
      nextCursor: more ? encodeListCursor(dto.sort, rows[items.length - 1]) : null,
      fields,
    };
  }
}

const pick = (view: MemberView, fields: readonly string[]): MemberView =>
  Object.fromEntries(Object.entries(view).filter(([k]) => fields.includes(k))) as unknown as MemberView;

import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { AuditEntryView, ListAuditQuery } from '../tenants/tenant.dto';
import type { Page } from '../paging';
import { LERO_EXPORT_PAGE_TIMEOUT_MS, type LeroExportPage } from '../lero-export';
import type { MembershipExportPart } from './lero-export.dto';
import { MembershipSubjects as S } from './subjects';
import type { MemberNamesView } from './member-names.dto';
import type { UnsubscribeRemindersDto } from './reminders.dto';
import type {
  ColumnChoice,
  ImportPreviewView,
  ImportResultView,
  MemberSheetFormat,
  MemberSheetInput,
  MemberSheetPage,
} from './member-sheets.dto';
import type {
  ConsentRecordView,
  CreateMemberDto,
  ListMembersQuery,
  MemberExportView,
  MemberSummaryView,
  MemberView,
  OwnMemberView,
  UpdateMeDto,
  UpdateMemberDto,
} from './member.dto';

/** Imports write up to 5,000 members in one transaction; exports wait for every service's part. */
const IMPORT_TIMEOUT_MS = 30_000;
const EXPORT_TIMEOUT_MS = 10_000;

const importPayload = (
  tenantId: string,
  sheet: string | MemberSheetInput,
  columns: ColumnChoice[] | undefined,
  dryRun: boolean,
) => ({
  tenantId,
  ...(typeof sheet === 'string' ? { csv: sheet } : sheet),
  ...(columns ? { columns } : {}),
  ...(dryRun ? { dryRun } : {}),
});

/** The typed face of the membership service for its callers (the gateway, later services). */
export class MembershipClient {
  constructor(private readonly bus: Requester) {}

  createMember = (ctx: RequestContext, tenantId: string, dto: CreateMemberDto) =>
    this.bus.request<MemberView>(S.createMember, ctx, { ...dto, tenantId });
  /** Volunteers get `MemberSummaryView` items; tenant-admins and coordinators the whole `MemberView`. */
  listMembers = (ctx: RequestContext, tenantId: string, query: ListMembersQuery) =>
    this.bus.request<Page<MemberView | MemberSummaryView>>(S.listMembers, ctx, { ...query, tenantId });
  getMember = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<MemberView | MemberSummaryView>(S.getMember, ctx, { tenantId, memberId });
  updateMember = (ctx: RequestContext, tenantId: string, memberId: string, dto: UpdateMemberDto) =>
    this.bus.request<MemberView>(S.updateMember, ctx, { ...dto, tenantId, memberId });
  leaveMember = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<MemberView>(S.leaveMember, ctx, { tenantId, memberId });
  rejoinMember = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<MemberView>(S.rejoinMember, ctx, { tenantId, memberId });
  eraseMember = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<{ erased: true }>(S.eraseMember, ctx, { tenantId, memberId });
  /** A CSV's text (or a sheet's rows): all of it, or nothing when a row has an error. */
  importMembers = (
    ctx: RequestContext,
    tenantId: string,
    sheet: string | MemberSheetInput,
    columns?: ColumnChoice[],
  ) =>
    this.bus.request<ImportResultView>(S.importMembers, ctx, importPayload(tenantId, sheet, columns, false), {
      timeoutMs: IMPORT_TIMEOUT_MS,
    });
  /** What an import of the file would do, row by row; nothing is written. */
  previewImport = (
    ctx: RequestContext,
    tenantId: string,
    sheet: string | MemberSheetInput,
    columns?: ColumnChoice[],
  ) =>
    this.bus.request<ImportPreviewView>(S.importMembers, ctx, importPayload(tenantId, sheet, columns, true), {
      timeoutMs: IMPORT_TIMEOUT_MS,
    });
  /** One page of the members list as whole records for a spreadsheet (audited); `nextCursor` asks for more. */
  bulkExportPage = (
    ctx: RequestContext,
    tenantId: string,
    query: ListMembersQuery,
    format: MemberSheetFormat,
  ) =>
    this.bus.request<MemberSheetPage>(
      S.bulkExport,
      ctx,
      { ...query, tenantId, format },
      { timeoutMs: EXPORT_TIMEOUT_MS },
    );
  exportMember = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<MemberExportView>(
      S.exportMember,
      ctx,
      { tenantId, memberId },
      { timeoutMs: EXPORT_TIMEOUT_MS },
    );
  listConsents = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<{ items: ConsentRecordView[] }>(S.listConsents, ctx, { tenantId, memberId });

  getMe = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<OwnMemberView>(S.getMe, ctx, { tenantId });
  /** A reminder's "stop these reminders" link (public): always `{ done: true }` for a well-formed token. */
  unsubscribeReminders = (ctx: RequestContext, dto: UnsubscribeRemindersDto) =>
    this.bus.request<{ done: true }>(S.unsubscribeReminders, ctx, { ...dto });

  updateMe = (ctx: RequestContext, tenantId: string, dto: UpdateMeDto) =>
    this.bus.request<OwnMemberView>(S.updateMe, ctx, { ...dto, tenantId });
  exportMe = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<MemberExportView>(S.exportMe, ctx, { tenantId }, { timeoutMs: EXPORT_TIMEOUT_MS });

  /** The LERO's member-level activity (reads, changes, exports, erasures), newest first; tenant-admins only. */
  listAudit = (ctx: RequestContext, tenantId: string, query: ListAuditQuery) =>
    this.bus.request<Page<AuditEntryView>>(S.listAudit, ctx, { ...query, tenantId });

  /** A page of one of membership's parts of the LERO's archive (its tenant-admins only). */
  leroExportPage = (ctx: RequestContext, tenantId: string, part: MembershipExportPart, cursor?: string) =>
    this.bus.request<LeroExportPage>(
      S.leroExportPage,
      ctx,
      { tenantId, part, ...(cursor ? { cursor } : {}) },
      { timeoutMs: LERO_EXPORT_PAGE_TIMEOUT_MS },
    );

  /** The active members among `memberIds` (at most 500) with their display names; others are left out. */
  memberNames = (ctx: RequestContext, tenantId: string, memberIds: string[]) =>
    this.bus.request<MemberNamesView>(S.memberNames, ctx, { tenantId, memberIds });
}

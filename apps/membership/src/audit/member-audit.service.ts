import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, ListAuditRequest, Page, RequestContext } from '@hearth/contracts';
import {
  auditEntryFields,
  listAuditEntries,
  recordAuditEntry,
  type TenantId,
  type TenantScope,
} from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero } from '../membership-access';
import { MemberAuditEntry } from './audit-entry.entity';

const AUDIT_PAGE = 50;

export type MemberAuditAction =
  | 'member.created'
  | 'member.imported'
  | 'member.read'
  | 'member.updated'
  | 'member.left'
  | 'member.rejoined'
  | 'member.consents.read'
  | 'member.exported'
  | 'member.erased'
  /** A bulk export (a spreadsheet of the members list): no member id, the count and filters in details. */
  | 'members.exported';

/** Only ids and field names go in `details`: the audit log never holds a personal value. */
export interface MemberAuditDetails {
  fields?: string[];
  self?: true;
  [key: string]: unknown;
}

@Injectable()
export class MemberAuditService {
  constructor(private readonly db: MembershipDatabase) {}

  /** Records an entry in the caller's transaction; the em must carry the LERO's tenant (RLS checks it). */
  record(
    em: EntityManager,
    tenantId: TenantId,
    ctx: RequestContext,
    action: MemberAuditAction,
    memberId: string | null,
    details: MemberAuditDetails = {},
  ): void {
    recordAuditEntry(em, MemberAuditEntry, this.entry(tenantId, ctx, action, memberId, details));
  }

  /** Many entries in one statement (imports). */
  async recordMany(
    em: EntityManager,
    tenantId: TenantId,
    ctx: RequestContext,
    action: MemberAuditAction,
    memberIds: string[],
  ): Promise<void> {
    if (memberIds.length === 0) return;
    await em.insertMany(
      MemberAuditEntry,
      memberIds.map((memberId) => ({
        ...this.entry(tenantId, ctx, action, memberId, {}),
        id: new MemberAuditEntry().id,
      })),
    );
  }

  /**
   * The LERO's log for its admins, newest first; the cursor pages backwards in time (the same shape as the
   * tenants service's log).
   */
  list(ctx: RequestContext, dto: ListAuditRequest): Promise<Page<AuditEntryView>> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'MemberAudit');
    return listAuditEntries(
      this.db.forTenant(tenantId),
      MemberAuditEntry,
      dto.limit ?? AUDIT_PAGE,
      dto.cursor,
    );
  }

  /** What was done with one person's record, oldest first (their data export shows it). */
  async forMember(scope: TenantScope, memberId: string): Promise<{ at: string; action: string }[]> {
    const rows = await scope.em.find(
      MemberAuditEntry,
      { tenantId: scope.tenantId, memberId },
      { orderBy: { id: 'asc' }, fields: ['at', 'action'] },
    );
    return rows.map((r) => ({ at: r.at.toISOString(), action: r.action }));
  }

  private entry(
    tenantId: TenantId,
    ctx: RequestContext,
    action: MemberAuditAction,
    memberId: string | null,
    details: MemberAuditDetails,
  ) {
    return {
      ...auditEntryFields(tenantId, ctx, action, memberId ? { memberId, ...details } : details),
      memberId,
    };
  }
}

import { Injectable } from '@nestjs/common';
import {
  AppError,
  MembershipClient,
  TenantsClient,
  type AuditEntryView,
  type ListAuditQuery,
  type Page,
  type RequestContext,
} from '@hearth/contracts';
import { mergeAuditPages } from './audit-merge.util';

const DEFAULT_LIMIT = 50;
const EMPTY: Page<AuditEntryView> = { items: [], nextCursor: null };

/**
 * A LERO's one activity log: the tenants service's (invitations, lifecycle) and the membership service's
 * (member reads, changes, exports, erasures), merged newest first. The tenants service decides who may read
 * the log at all; member-level entries are shown only to whom the membership service allows (its admins):
 * region and platform staff see the registry's entries and no person-level ones.
 */
@Injectable()
export class LeroAuditService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly membership: MembershipClient,
  ) {}

  async list(ctx: RequestContext, tenantId: string, query: ListAuditQuery): Promise<Page<AuditEntryView>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const asked = { ...query, limit };
    const [registry, members] = await Promise.allSettled([
      this.tenants.listAudit(ctx, tenantId, asked),
      this.membership.listAudit(ctx, tenantId, asked),
    ]);
    if (registry.status === 'rejected') throw registry.reason;
    return mergeAuditPages(
      [registry.value, members.status === 'fulfilled' ? members.value : hidden(members.reason)],
      limit,
    );
  }
}

/** Not allowed to see member-level entries: none. Any other failure fails the page (it would skip entries). */
function hidden(reason: unknown): Page<AuditEntryView> {
  if (reason instanceof AppError && (reason.code === 'FORBIDDEN' || reason.code === 'NOT_FOUND'))
    return EMPTY;
  throw reason;
}

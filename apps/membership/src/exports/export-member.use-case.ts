import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MEMBER_EXPORT_HOLDERS,
  MEMBER_EXPORT_PART,
  notFound,
  type MemberExportView,
  type MemberIdRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Gather } from '@hearth/messaging';
import type { TenantId } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero, type AuthorisedSelf } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { MembersRepository } from '../members/members.repository';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import { exportIncomplete } from './exports.exception';

/**
 * One JSON document with everything Hearth holds about a person: the export is audited, then every service
 * holding member ids (MEMBER_EXPORT_HOLDERS) is asked for its part at once (scatter-gather) and waited for, up
 * to a bound. The document is whole or not given: if a service did not give its part, the answer is 503
 * naming it (`missing`), never a copy with a silent gap (UK GDPR art. 15; ADR 0018). A LERO's admins and
 * coordinators export anyone's; a member exports their own at `/me`.
 */
@Injectable()
export class ExportMemberUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly audit: MemberAuditService,
    private readonly gather: Gather,
    @Inject(MEMBERSHIP_OPTIONS) private readonly options: MembershipOptions,
  ) {}

  private readonly logger = new Logger(ExportMemberUseCase.name);

  async run(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberExportView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'export', 'Member');
    return this.gatherParts(ctx, tenantId, dto.memberId, false);
  }

  /** A member's own data (`/me`), once the gate has found their record (`authoriseSelf`). */
  async ownData(ctx: RequestContext, self: AuthorisedSelf): Promise<MemberExportView> {
    return this.gatherParts(ctx, self.tenantId, self.memberId, true);
  }

  private async gatherParts(
    ctx: RequestContext,
    tenantId: TenantId,
    memberId: string,
    self: boolean,
  ): Promise<MemberExportView> {
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      if (!(await this.members.findLive({ tenantId, em }, memberId))) throw notFound('Member');
      this.audit.record(em, tenantId, ctx, 'member.exported', memberId, self ? { self: true } : {});
    });
    const { replies, silent } = await this.gather.ask<unknown>(
      MEMBER_EXPORT_PART,
      ctx,
      { tenantId, memberId },
      { from: MEMBER_EXPORT_HOLDERS, maxWaitMs: this.options.exportWaitMs },
    );
    const failed = replies.flatMap((r) => ('error' in r ? [r] : []));
    const missing = [...new Set([...silent, ...failed.map((r) => r.service)])].sort();
    if (missing.length > 0) {
      this.logger.warn(
        { silent, failed: failed.map((r) => ({ service: r.service, code: r.error.code })) },
        'A person’s export is incomplete; none was given',
      );
      throw exportIncomplete(missing);
    }
    const parts = replies
      .flatMap((r) => ('data' in r ? [{ service: r.service, data: r.data }] : []))
      .sort((a, b) => a.service.localeCompare(b.service));
    return { memberId, tenantId, exportedAt: new Date().toISOString(), parts };
  }
}

import { Injectable } from '@nestjs/common';
import {
  MEMBER_EXPORT_PART,
  notFound,
  type MemberExportView,
  type MemberIdRequest,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { Gather } from '@hearth/messaging';
import { asTenantId } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero, ownMemberId } from '../membership.ability';
import { MemberAuditService } from '../audit/member-audit.service';
import { MembersRepository } from '../members/members.repository';

const OWN_PART = 'membership';

/**
 * One JSON document with everything Hearth holds about a person: the export is audited, then every service
 * holding member ids is asked for its part at once (scatter-gather). Parts that failed are listed, not hidden.
 * A LERO's admins and coordinators export anyone's; a member exports their own at `/me`.
 */
@Injectable()
export class ExportMemberUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly audit: MemberAuditService,
    private readonly gather: Gather,
  ) {}

  async run(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberExportView> {
    authoriseInLero(requireActor(ctx.actor), dto.tenantId, 'export', 'Member');
    return this.gatherParts(ctx, dto.tenantId, dto.memberId, false);
  }

  async ownData(ctx: RequestContext, tenantId: string): Promise<MemberExportView> {
    return this.gatherParts(ctx, tenantId, ownMemberId(requireActor(ctx.actor), tenantId), true);
  }

  private async gatherParts(
    ctx: RequestContext,
    tenantId: string,
    memberId: string,
    self: boolean,
  ): Promise<MemberExportView> {
    await this.db.forTenant(asTenantId(tenantId)).em.transactional(async (em) => {
      if (!(await this.members.findLive({ tenantId: asTenantId(tenantId), em }, memberId)))
        throw notFound('Member');
      this.audit.record(em, tenantId, ctx, 'member.exported', memberId, self ? { self: true } : {});
    });
    const replies = await this.gather.ask<unknown>(MEMBER_EXPORT_PART, ctx, { tenantId, memberId });
    const parts = replies
      .flatMap((r) => ('data' in r ? [{ service: r.service, data: r.data }] : []))
      .sort((a, b) => a.service.localeCompare(b.service));
    const failed = replies.flatMap((r) =>
      'error' in r ? [{ service: r.service, code: r.error.code, message: r.error.message }] : [],
    );
    if (!replies.some((r) => r.service === OWN_PART)) {
      failed.push({ service: OWN_PART, code: 'UNAVAILABLE', message: 'did not answer in time' });
    }
    return { memberId, tenantId, exportedAt: new Date().toISOString(), parts, failed };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppError,
  MEMBER_EXPORT_HOLDERS,
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
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';

/** How long to come back after an incomplete export: a service restarting, or its database back. */
const RETRY_AFTER_SECONDS = 30;

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
      throw new AppError(
        'UNAVAILABLE',
        `This person’s data could not be gathered in full (no part from ${missing.join(', ')}), so none was given. Try again in a minute.`,
        { reason: 'ExportIncomplete', missing, retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    const parts = replies
      .flatMap((r) => ('data' in r ? [{ service: r.service, data: r.data }] : []))
      .sort((a, b) => a.service.localeCompare(b.service));
    return { memberId, tenantId, exportedAt: new Date().toISOString(), parts };
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  notFound,
  validatePayload,
  type ConsentRecordView,
  type MemberView,
  type RequestContext,
} from '@hearth/contracts';
import { Gather } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { authoriseExportPart } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { ConsentsService } from '../consents/consents.service';
import { MembersRepository } from '../members/members.repository';
import { memberView } from '../members/member.view';

export interface MembershipExportPart {
  member: MemberView;
  consentHistory: ConsentRecordView[];
  /** What was done with the record and when (reads, changes, exports); not who did it. */
  activity: { at: string; action: string }[];
}

/**
 * Membership's own part of a person's data export, answered on the cross-service subject like every other
 * service that holds member ids: NATS is a trust boundary, so the asker's right is checked here too.
 */
@Injectable()
export class MemberExportPart implements OnModuleInit {
  constructor(
    private readonly gather: Gather,
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly consents: ConsentsService,
    private readonly audit: MemberAuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.gather.answer(MEMBER_EXPORT_PART, 'membership', (ctx, data) => this.part(ctx, data));
  }

  async part(ctx: RequestContext, data: unknown): Promise<MembershipExportPart> {
    const dto = validatePayload(MemberExportPartRequest, data);
    const { tenantId } = authoriseExportPart(ctx.actor, dto.tenantId, dto.memberId);
    const scope = this.db.forTenant(tenantId);
    const member = await this.members.findLive(scope, dto.memberId);
    if (!member) throw notFound('Member');
    return {
      member: memberView(member),
      consentHistory: await this.consents.history(scope, dto.memberId),
      activity: await this.audit.forMember(scope, dto.memberId),
    };
  }
}

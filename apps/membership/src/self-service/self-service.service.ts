import { Injectable } from '@nestjs/common';
import {
  notFound,
  type MemberExportView,
  type OwnMemberView,
  type MembershipTenantRequest,
  type RequestContext,
  type UpdateMeRequest,
} from '@hearth/contracts';
import { MembershipDatabase } from '../membership-database';
import { authoriseSelf } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { ConsentsService } from '../consents/consents.service';
import { MembersRepository } from '../members/members.repository';
import { applyProfile } from '../members/member-profile.util';
import { ownMemberView } from '../members/member.view';
import { ExportMemberUseCase } from '../exports/export-member.use-case';
import { dropUnwantedReminders } from '../members/member-reminders.util';

/** `/me`: a member account reads and changes its own record and exports its own data; nothing else. */
@Injectable()
export class SelfServiceService {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly consents: ConsentsService,
    private readonly audit: MemberAuditService,
    private readonly exporter: ExportMemberUseCase,
  ) {}

  async get(ctx: RequestContext, dto: MembershipTenantRequest): Promise<OwnMemberView> {
    const { actor, tenantId, memberId } = authoriseSelf(ctx.actor, dto.tenantId);
    const record = await this.members.readAudited(tenantId, memberId, {
      actorAccountId: actor.accountId,
      action: 'member.read',
      self: true,
    });
    if (!record) throw notFound('Member');
    return ownMemberView(record);
  }

  async update(ctx: RequestContext, dto: UpdateMeRequest): Promise<OwnMemberView> {
    const { tenantId, memberId } = authoriseSelf(ctx.actor, dto.tenantId);
    const { tenantId: _tenantId, consents, ...profile } = dto;
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const member = await this.members.findForUpdate({ tenantId, em }, memberId);
      if (!member) throw notFound('Member');
      const fields = applyProfile(member, profile);
      if (consents) {
        const recorded = this.consents.record(em, member, consents, ctx, { bySelf: true });
        fields.push(...recorded.map((c) => `consents.${c}`));
      }
      if (fields.length > 0) {
        member.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, 'member.updated', member.id, { fields, self: true });
      }
      await dropUnwantedReminders(em, member, fields);
      return ownMemberView(member);
    });
  }

  export(ctx: RequestContext, dto: MembershipTenantRequest): Promise<MemberExportView> {
    return this.exporter.ownData(ctx, authoriseSelf(ctx.actor, dto.tenantId));
  }
}

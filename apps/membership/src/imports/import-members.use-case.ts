import { Injectable } from '@nestjs/common';
import {
  MembershipEvents,
  type ImportMembersRequest,
  type ImportResultView,
  type RequestContext,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { Member } from '../members/member.entity';
import { applyProfile } from '../members/member-profile.util';
import { memberEvent } from '../members/member.view';
import { parseMemberCsv } from './member-csv.util';
import { importRejected } from './imports.exception';

/** All or nothing: every row is validated first; one bad row and nothing is written. */
@Injectable()
export class ImportMembersUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly audit: MemberAuditService,
  ) {}

  async run(ctx: RequestContext, dto: ImportMembersRequest): Promise<ImportResultView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'import', 'Member');
    const { rows, errors } = parseMemberCsv(dto.csv);
    if (errors.length > 0) throw importRejected(errors);
    const now = new Date();
    const members = rows.map((row) => {
      const member = Object.assign(new Member(), { tenantId, joinedAt: now, createdAt: now, updatedAt: now });
      applyProfile(member, row);
      return member;
    });
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      await em.insertMany(Member, members);
      await this.audit.recordMany(
        em,
        tenantId,
        ctx,
        'member.imported',
        members.map((m) => m.id),
      );
      for (const member of members) {
        recordEvent(em, MembershipEvents.memberJoined, memberEvent(member, now), tenantId);
      }
    });
    return { created: members.length, errors: [] };
  }
}

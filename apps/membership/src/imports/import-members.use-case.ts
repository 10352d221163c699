import { Injectable } from '@nestjs/common';
import {
  AppError,
  MembershipEvents,
  type ImportMembersRequest,
  type ImportResultView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { asTenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero } from '../membership.ability';
import { MemberAuditService } from '../audit/member-audit.service';
import { Member } from '../members/member.entity';
import { applyProfile } from '../members/member-profile.util';
import { memberEvent } from '../members/member.view';
import { parseMemberCsv } from './member-csv.util';

/** Errors listed in one answer; a file with more bad rows says how many in its message. */
const MAX_ERRORS_SHOWN = 100;

/** All or nothing: every row is validated first; one bad row and nothing is written. */
@Injectable()
export class ImportMembersUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly audit: MemberAuditService,
  ) {}

  async run(ctx: RequestContext, dto: ImportMembersRequest): Promise<ImportResultView> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'import', 'Member');
    const { rows, errors } = parseMemberCsv(dto.csv);
    if (errors.length > 0) {
      const shown = errors.slice(0, MAX_ERRORS_SHOWN);
      const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
      throw new AppError(
        'VALIDATION',
        `${rowsWithErrors === 1 ? 'A row has' : `${rowsWithErrors} rows have`} errors, so nothing was imported` +
          `${errors.length > shown.length ? ` (the first ${shown.length} errors are listed)` : ''}. ` +
          `First: row ${errors[0].row}, ${errors[0].field || 'the row'} ${errors[0].message}.`,
        { reason: 'ImportRejected', errors: shown },
      );
    }
    const { tenantId } = dto;
    const now = new Date();
    const members = rows.map((row) => {
      const member = Object.assign(new Member(), { tenantId, joinedAt: now, createdAt: now, updatedAt: now });
      applyProfile(member, row);
      return member;
    });
    await this.db.forTenant(asTenantId(tenantId)).em.transactional(async (em) => {
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

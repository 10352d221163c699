import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  validatePayload,
  type RequestContext,
  type VolunteeringMemberExport,
} from '@hearth/contracts';
import { Gather } from '@hearth/messaging';
import { authoriseInLero } from '../volunteering-access';
import { VolunteeringDatabase } from '../volunteering-database';
import { MEMBER_EXPORT_SECTIONS } from './member-export.repository';

/**
 * Volunteering's part of a person's data export (scatter-gather, ADR 0060): whether they volunteer, their sign-ups and
 * their training records, each section read from its own table. Asked by membership over NATS, a trust boundary, so
 * the asker's right is checked here again: the LERO's staff for anyone, a member for themselves.
 */
@Injectable()
export class MemberExportPartService implements OnModuleInit {
  constructor(
    private readonly gather: Gather,
    private readonly db: VolunteeringDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.gather.answer(MEMBER_EXPORT_PART, 'volunteering', (ctx, data) => this.part(ctx, data));
  }

  async part(ctx: RequestContext, data: unknown): Promise<VolunteeringMemberExport> {
    const dto = validatePayload(MemberExportPartRequest, data);
    const memberId = dto.memberId.toLowerCase();
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'export', 'MemberData', 'Member', {
      memberId,
    });
    const keys = Object.keys(MEMBER_EXPORT_SECTIONS) as (keyof VolunteeringMemberExport)[];
    const values = await Promise.all(keys.map((k) => MEMBER_EXPORT_SECTIONS[k](this.db, tenantId, memberId)));
    return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as unknown as VolunteeringMemberExport;
  }
}

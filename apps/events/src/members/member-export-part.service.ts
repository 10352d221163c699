import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  validatePayload,
  type RequestContext,
  type RsvpStatus,
} from '@hearth/contracts';
import { Gather } from '@hearth/messaging';
import { authoriseMemberExport } from '../events-access';
import { MemberExportRepository } from './member-export.repository';

export interface EventsExportPart {
  rsvps: { sessionId: string; title: string; startsAt: string; status: RsvpStatus; since: string }[];
  attendance: { sessionId: string; title: string; startsAt: string; recordedAt: string }[];
}

/** Events' part of a person's data export (scatter-gather): their RSVPs and check-ins. */
@Injectable()
export class MemberExportPartService implements OnModuleInit {
  constructor(
    private readonly gather: Gather,
    private readonly repository: MemberExportRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.gather.answer(MEMBER_EXPORT_PART, 'events', (ctx, data) => this.part(ctx, data));
  }

  async part(ctx: RequestContext, data: unknown): Promise<EventsExportPart> {
    const dto = validatePayload(MemberExportPartRequest, data);
    const { tenantId } = authoriseMemberExport(ctx.actor, dto.tenantId, dto.memberId);
    const rsvps = await this.repository.rsvpsOf(tenantId, dto.memberId);
    const attendance = await this.repository.attendanceOf(tenantId, dto.memberId);
    const iso = (d: Date) => new Date(d).toISOString();
    return {
      rsvps: rsvps.map((r) => ({
        sessionId: r.session_id,
        title: r.title,
        startsAt: iso(r.starts_at),
        status: r.status,
        since: iso(r.created_at),
      })),
      attendance: attendance.map((r) => ({
        sessionId: r.session_id,
        title: r.title,
        startsAt: iso(r.starts_at),
        recordedAt: iso(r.recorded_at),
      })),
    };
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AppError,
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  validatePayload,
  type RequestContext,
  type RsvpStatus,
} from '@hearth/contracts';
import { Gather } from '@hearth/messaging';
import { asTenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';

export interface EventsExportPart {
  rsvps: { sessionId: string; title: string; startsAt: string; status: RsvpStatus; since: string }[];
  attendance: { sessionId: string; title: string; startsAt: string; recordedAt: string }[];
}

/** The LERO's admins and coordinators may export anyone's data; a member their own. */
const mayExport = (ctx: RequestContext, tenantId: string, memberId: string) =>
  !!ctx.actor?.grants.some(
    (g) =>
      g.tenantId === tenantId &&
      (g.role === 'tenant-admin' ||
        g.role === 'coordinator' ||
        (g.role === 'member' && g.memberId === memberId)),
  );

/** Events' part of a person's data export (scatter-gather): their RSVPs and check-ins. */
@Injectable()
export class MemberExportPartService implements OnModuleInit {
  constructor(
    private readonly gather: Gather,
    private readonly db: EventsDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.gather.answer(MEMBER_EXPORT_PART, 'events', (ctx, data) => this.part(ctx, data));
  }

  async part(ctx: RequestContext, data: unknown): Promise<EventsExportPart> {
    const dto = validatePayload(MemberExportPartRequest, data);
    // NATS is a trust boundary: the asker's right is checked here too.
    if (!mayExport(ctx, dto.tenantId, dto.memberId))
      throw new AppError('FORBIDDEN', 'You may not export this person’s data.');
    const tenantId = asTenantId(dto.tenantId);
    const rsvps = await this.db.readInTenant<{
      session_id: string;
      title: string;
      starts_at: Date;
      status: RsvpStatus;
      created_at: Date;
    }>(
      tenantId,
      `select r.session_id, a.title, s.starts_at, r.status, r.created_at from events.rsvps r
        join events.sessions s on s.id = r.session_id join events.activities a on a.id = s.activity_id
        where r.member_id = $1 order by s.starts_at`,
      [dto.memberId],
    );
    const attendance = await this.db.readInTenant<{
      session_id: string;
      title: string;
      starts_at: Date;
      recorded_at: Date;
    }>(
      tenantId,
      `select t.session_id, a.title, s.starts_at, t.recorded_at from events.attendance t
        join events.sessions s on s.id = t.session_id join events.activities a on a.id = s.activity_id
        where t.member_id = $1 order by s.starts_at`,
      [dto.memberId],
    );
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

import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  EventsEvents,
  notFound,
  type AttendanceChangedEvent,
  type AttendanceView,
  type CheckInView,
  type RegisterCountsView,
  type RequestContext,
  type SessionIdRequest,
  type SessionMemberRequest,
  type WalkInsRecordedEvent,
  type WalkInsRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';
import { authorise } from '../events-access';
import { MemberLookup } from '../members/member-lookup.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { sessionFacts } from '../sessions/session.view';
import { AttendanceRecord } from './attendance-record.entity';
import { ParticipantKeys } from './participant-key.util';
import { RegisterService } from './register.service';

/** Check-ins (named members) and walk-ins (a count, never names) of one session. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly register: RegisterService,
    private readonly members: MemberLookup,
    @Inject(ParticipantKeys) private readonly keys: ParticipantKeys,
  ) {}

  /** Idempotent: checking the same member in twice counts once (a unique key backs it). */
  async checkIn(ctx: RequestContext, dto: SessionMemberRequest): Promise<CheckInView> {
    const a = authorise(ctx.actor, dto.tenantId, 'create', 'Attendance', 'Session');
    await this.members.ensureActive(ctx, a.tenantId, dto.memberId);
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session, activity } = locked;
      this.register.ensureWritable(session);
      const already = await em.findOne(AttendanceRecord, { sessionId: session.id, memberId: dto.memberId });
      if (already) {
        const counts = await this.register.counts(em, session);
        return { sessionId: session.id, memberId: dto.memberId, recorded: false, ...counts };
      }
      em.persist(
        em.create(AttendanceRecord, {
          tenantId: a.tenantId,
          sessionId: session.id,
          memberId: dto.memberId,
          recordedBy: a.actor.accountId,
          recordedAt: this.register.now(),
        }),
      );
      await em.flush();
      const counts = await this.register.counts(em, session);
      const event: AttendanceChangedEvent = {
        ...sessionFacts(session, activity),
        participantKey: this.keys.keyOf(a.tenantId, dto.memberId),
        ...counts,
      };
      recordEvent(em, EventsEvents.attendanceRecorded, event, a.tenantId);
      await this.register.afterChange(em, session, activity, counts);
      return { sessionId: session.id, memberId: dto.memberId, recorded: true, ...counts };
    });
  }

  async remove(ctx: RequestContext, dto: SessionMemberRequest): Promise<RegisterCountsView> {
    const a = authorise(ctx.actor, dto.tenantId, 'delete', 'Attendance', 'Session');
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session, activity } = locked;
      this.register.ensureWritable(session);
      const record = await em.findOne(AttendanceRecord, { sessionId: session.id, memberId: dto.memberId });
      if (!record) throw notFound('Check-in');
      em.remove(record);
      await em.flush();
      const counts = await this.register.counts(em, session);
      const event: AttendanceChangedEvent = {
        ...sessionFacts(session, activity),
        participantKey: this.keys.keyOf(a.tenantId, dto.memberId),
        ...counts,
      };
      recordEvent(em, EventsEvents.attendanceRemoved, event, a.tenantId);
      return { sessionId: session.id, ...counts };
    });
  }

  /** Adds anonymous attendees; a negative count corrects a miscount, never below zero. */
  async walkIns(ctx: RequestContext, dto: WalkInsRequest): Promise<RegisterCountsView> {
    const a = authorise(ctx.actor, dto.tenantId, 'create', 'Attendance', 'Session');
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session, activity } = locked;
      this.register.ensureWritable(session);
      if (session.walkIns + dto.count < 0)
        throw new AppError(
          'CONFLICT',
          `Only ${session.walkIns} walk-ins are recorded: the count cannot go below zero.`,
          { reason: 'WalkInsBelowZero', walkIns: session.walkIns },
        );
      session.walkIns += dto.count;
      await em.flush();
      const counts = await this.register.counts(em, session);
      const event: WalkInsRecordedEvent = {
        ...sessionFacts(session, activity),
        change: dto.count,
        ...counts,
      };
      recordEvent(em, EventsEvents.walkInsRecorded, event, a.tenantId);
      await this.register.afterChange(em, session, activity, counts);
      return { sessionId: session.id, ...counts };
    });
  }

  /** Who came: named members (by their current display name), walk-ins, and the total. */
  async get(ctx: RequestContext, dto: SessionIdRequest): Promise<AttendanceView> {
    const a = authorise(ctx.actor, dto.tenantId, 'read', 'Attendance', 'Session');
    const session = await this.sessions.get(a.tenantId, dto.sessionId);
    if (!session) throw notFound('Session');
    const rows = await this.db.readInTenant<{ member_id: string | null }>(
      a.tenantId,
      'select member_id from events.attendance where session_id = $1 order by id',
      [dto.sessionId],
    );
    const named = rows.flatMap((r) => (r.member_id ? [r.member_id] : []));
    const names = await this.members.names(ctx, a.tenantId, named);
    const formerMembers = rows.length - named.length;
    return {
      members: named.map((memberId) => ({ memberId, displayName: names.get(memberId) ?? null })),
      walkIns: session.walk_ins,
      formerMembers,
      total: rows.length + session.walk_ins,
    };
  }
}

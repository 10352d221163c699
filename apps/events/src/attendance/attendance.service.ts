import { Inject, Injectable } from '@nestjs/common';
import {
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
import { eventStatement } from '@hearth/messaging';
import { EVENTS_DB_SCHEMA, EventsDatabase } from '../events-database';
import { authorise, type Authorised } from '../events-access';
import { MemberLookup } from '../members/member-lookup.service';
import { statusForShareStatement } from '../members/member-status.repository';
import { SessionsRepository, lockedSession, type LockedSessionRow } from '../sessions/sessions.repository';
import { sessionFacts } from '../sessions/session.view';
import { ParticipantKeys } from '../members/participant-key.util';
import { RegisterService } from './register.service';
import { IdempotencyKeys } from './idempotency-keys';
import { AttendanceRepository } from './attendance.repository';
import { notCheckedIn, walkInsBelowZero } from './attendance.exception';

/** Check-ins (named members) and walk-ins (a count, never names) of one session. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly register: RegisterService,
    private readonly members: MemberLookup,
    @Inject(ParticipantKeys) private readonly keys: ParticipantKeys,
    private readonly idempotency: IdempotencyKeys,
    private readonly attendance: AttendanceRepository,
  ) {}

  /**
   * Idempotent: checking the same member in twice counts once (a unique key backs it). Two round trips: lock
   * the session and read the register and the member's status; then write, with the event, and commit.
   */
  async checkIn(ctx: RequestContext, dto: SessionMemberRequest): Promise<CheckInView> {
    const a = authorise(ctx.actor, dto.tenantId, 'create', 'Attendance', 'Session');
    const memberId = dto.memberId.toLowerCase();
    const known = await this.recordCheckIn(a, dto.sessionId, memberId);
    if (known) return known;
    // Not known here as active (just added, or left, or erased, or another LERO's): membership decides, and
    // its answer is kept unless this service has heard of a newer change (they left, or were erased, since).
    const askedAt = new Date();
    await this.members.ensureActive(ctx, a.tenantId, memberId);
    await this.members.rememberActive(a.tenantId, memberId, askedAt);
    const confirmed = await this.recordCheckIn(a, dto.sessionId, memberId);
    if (!confirmed) throw notFound('Member');
    return confirmed;
  }

  /** Null when this service does not know the member as active. */
  private recordCheckIn(a: Authorised, sessionId: string, memberId: string): Promise<CheckInView | null> {
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const [sessions, [register], statuses] = await tx.run<
        [LockedSessionRow[], { already: boolean }[], { status: string }[]]
      >([
        this.sessions.lockStatement(sessionId),
        this.attendance.checkedInStatement(sessionId, memberId),
        // Shared lock: an erasure being applied here waits for this check-in, then clears its member id too.
        statusForShareStatement(memberId),
      ]);
      if (statuses[0]?.status !== 'active') return null;
      if (!sessions[0]) throw notFound('Session');
      const session = lockedSession(sessions[0]);
      this.register.ensureWritable(session);
      if (register.already)
        return { sessionId, memberId, recorded: false, ...this.register.tally(session, session.attended) };
      const counts = this.register.tally(session, session.attended + 1);
      const event: AttendanceChangedEvent = {
        ...sessionFacts(session, session.activity),
        participantKey: this.keys.keyOf(a.tenantId, memberId),
        ...counts,
      };
      await tx.run(
        [
          this.attendance.checkInStatement(
            a.tenantId,
            sessionId,
            memberId,
            a.actor.accountId,
            this.register.now(),
          ),
          this.attendance.attendedChange(sessionId, 1),
          eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.attendanceRecorded, event, a.tenantId),
          ...this.register.afterChange(tx, session, counts),
        ],
        { commit: true },
      );
      return { sessionId, memberId, recorded: true, ...counts };
    });
  }

  async remove(ctx: RequestContext, dto: SessionMemberRequest): Promise<RegisterCountsView> {
    const a = authorise(ctx.actor, dto.tenantId, 'delete', 'Attendance', 'Session');
    const memberId = dto.memberId.toLowerCase();
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      // The delete runs after the lock; a refusal below rolls it back.
      const [sessions, removed] = await tx.run<[LockedSessionRow[], { id: string }[]]>([
        this.sessions.lockStatement(dto.sessionId),
        this.attendance.removeStatement(dto.sessionId, memberId),
      ]);
      if (!sessions[0]) throw notFound('Session');
      const session = lockedSession(sessions[0]);
      this.register.ensureWritable(session);
      if (removed.length === 0) throw notCheckedIn();
      const counts = this.register.tally(session, session.attended - 1);
      const event: AttendanceChangedEvent = {
        ...sessionFacts(session, session.activity),
        participantKey: this.keys.keyOf(a.tenantId, memberId),
        ...counts,
      };
      await tx.run(
        [
          this.attendance.attendedChange(session.id, -1),
          eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.attendanceRemoved, event, a.tenantId),
        ],
        { commit: true },
      );
      return { sessionId: session.id, ...counts };
    });
  }

  /**
   * Adds anonymous attendees; a negative count corrects a miscount, never below zero. With an idempotency key,
   * a repeat of the same request answers the first result again and changes nothing (ADR 0020).
   */
  async walkIns(ctx: RequestContext, dto: WalkInsRequest): Promise<RegisterCountsView> {
    const a = authorise(ctx.actor, dto.tenantId, 'create', 'Attendance', 'Session');
    const key =
      dto.idempotencyKey === undefined
        ? undefined
        : this.idempotency.identify(a.tenantId, a.actor.accountId, dto.idempotencyKey, {
            walkIns: dto.sessionId.toLowerCase(),
            count: dto.count,
          });
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const earlier = key && (await this.idempotency.claim<RegisterCountsView>(tx, key));
      if (earlier) return earlier;
      const [sessions] = await tx.run<[LockedSessionRow[]]>(this.sessions.lockStatement(dto.sessionId));
      if (!sessions[0]) throw notFound('Session');
      const session = lockedSession(sessions[0]);
      this.register.ensureWritable(session);
      if (session.walkIns + dto.count < 0) throw walkInsBelowZero(session.walkIns);
      session.walkIns += dto.count;
      const counts = this.register.tally(session, session.attended);
      const event: WalkInsRecordedEvent = {
        ...sessionFacts(session, session.activity),
        change: dto.count,
        ...counts,
      };
      const answer: RegisterCountsView = { sessionId: session.id, ...counts };
      await tx.run(
        [
          this.attendance.walkInsStatement(session.id, session.walkIns),
          eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.walkInsRecorded, event, a.tenantId),
          ...this.register.afterChange(tx, session, counts),
          ...(key ? [this.idempotency.remember(key, answer)] : []),
        ],
        { commit: true },
      );
      return answer;
    });
  }

  /** Who came: named members (by their current display name), walk-ins, and the total. */
  async get(ctx: RequestContext, dto: SessionIdRequest): Promise<AttendanceView> {
    const a = authorise(ctx.actor, dto.tenantId, 'read', 'Attendance', 'Session');
    const session = await this.sessions.get(a.tenantId, dto.sessionId);
    if (!session) throw notFound('Session');
    const rows = await this.attendance.memberIdsOf(a.tenantId, dto.sessionId);
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

import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  EventsEvents,
  forbidden,
  notFound,
  type AttendanceChangedEvent,
  type RegisterEntryRequest,
  type RegisterEntryView,
  type RequestContext,
  type WalkInsRecordedEvent,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { EVENTS_DB_SCHEMA, EventsDatabase } from '../events-database';
import { allows, authorise, type Authorised } from '../events-access';
import { MemberLookup } from '../members/member-lookup.service';
import { statusesForShareStatement } from '../members/member-status.repository';
import { ParticipantKeys } from '../members/participant-key.util';
import {
  SessionsRepository,
  lockedSession,
  type LockedSession,
  type LockedSessionRow,
} from '../sessions/sessions.repository';
import { sessionFacts } from '../sessions/session.view';
import { AttendanceRepository } from './attendance.repository';
import { RegisterService } from './register.service';
import { registerChanged } from './attendance.exception';

interface Entry {
  sessionId: string;
  present: string[];
  absent: string[];
  walkIns?: number;
  walkInsWas?: number;
}

/** Members to check in whom this service does not know as active: membership is asked, then it is tried again. */
type Outcome = RegisterEntryView | { unknown: string[] };

const lowerUnique = (ids: string[] | undefined) => [...new Set((ids ?? []).map((id) => id.toLowerCase()))];

/**
 * A register entered in one go (ADR 0034): after the session, from the paper register of a hall with no signal,
 * or a correction. It states how the register should be (who came, who on the list did not, how many walked
 * in), so sending it twice changes nothing. It keeps every rule of a check-in, an undo and a walk-in (the
 * register's window, a cancelled session, members who are active), changes everything in one transaction under
 * the session's lock, records the same events each of those would, and announces the session as held as they do.
 */
@Injectable()
export class RegisterEntryService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly register: RegisterService,
    private readonly members: MemberLookup,
    @Inject(ParticipantKeys) private readonly keys: ParticipantKeys,
    private readonly attendance: AttendanceRepository,
  ) {}

  async enter(ctx: RequestContext, dto: RegisterEntryRequest): Promise<RegisterEntryView> {
    const a = authorise(ctx.actor, dto.tenantId, 'create', 'Attendance', 'Session');
    const entry: Entry = {
      sessionId: dto.sessionId,
      present: lowerUnique(dto.present),
      absent: lowerUnique(dto.absent),
      walkIns: dto.walkIns,
      walkInsWas: dto.walkInsWas,
    };
    if (entry.absent.length > 0 && !allows(a, 'delete', 'Attendance')) throw forbidden();
    const both = entry.present.filter((id) => entry.absent.includes(id));
    if (both.length > 0)
      throw new AppError('VALIDATION', 'Someone is both present and absent.', {
        errors: [{ field: 'absent', message: 'must not name anyone who is in present' }],
      });
    const first = await this.apply(a, entry);
    if (!('unknown' in first)) return first;
    // Not known here as active (just added, or left, or erased, or another LERO's): membership decides.
    const askedAt = new Date();
    const names = await this.members.names(ctx, a.tenantId, first.unknown);
    if (first.unknown.some((id) => !names.has(id))) throw notFound('Member');
    for (const id of first.unknown) await this.members.rememberActive(a.tenantId, id, askedAt);
    const second = await this.apply(a, entry);
    if ('unknown' in second) throw notFound('Member');
    return second;
  }

  /** Two round trips: lock the session and read who is in and their statuses; then write it all and commit. */
  private apply(a: Authorised, entry: Entry): Promise<Outcome> {
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const named = [...entry.present, ...entry.absent];
      const [sessions, checkedIn, statuses] = await tx.run<
        [LockedSessionRow[], { member_id: string }[], { member_id: string; status: string }[]]
      >([
        this.sessions.lockStatement(entry.sessionId),
        this.attendance.checkedInAmongStatement(entry.sessionId, named),
        // Shared locks, as a check-in takes: an erasure being applied waits, then clears these check-ins too.
        statusesForShareStatement(entry.present),
      ]);
      if (!sessions[0]) throw notFound('Session');
      const session = lockedSession(sessions[0]);
      this.register.ensureWritable(session);
      const inNow = new Set(checkedIn.map((r) => r.member_id));
      const toAdd = entry.present.filter((id) => !inNow.has(id));
      const toRemove = entry.absent.filter((id) => inNow.has(id));
      const active = new Set(statuses.filter((s) => s.status === 'active').map((s) => s.member_id));
      const unknown = toAdd.filter((id) => !active.has(id));
      if (unknown.length > 0) return { unknown };
      let walkInsChange = 0;
      if (entry.walkIns !== undefined && entry.walkIns !== session.walkIns) {
        if (entry.walkInsWas !== undefined && entry.walkInsWas !== session.walkIns)
          throw registerChanged(session.walkIns);
        walkInsChange = entry.walkIns - session.walkIns;
      }
      const statements = this.changes(tx, a, session, toAdd, toRemove, walkInsChange);
      const counts = this.register.tally(session, session.attended);
      if (statements.length > 0)
        await tx.run([...statements, ...this.register.afterChange(tx, session, counts)], { commit: true });
      return {
        sessionId: session.id,
        ...counts,
        checkedIn: toAdd.length,
        removed: toRemove.length,
        walkInsChange,
      };
    });
  }

  /**
   * The statements of the change, each with the event a check-in, an undo or a walk-in would record (their
   * counts as the register stood after each); `session` is left with the counts after all of them.
   */
  private changes(
    tx: TenantTransaction,
    a: Authorised,
    session: LockedSession,
    toAdd: string[],
    toRemove: string[],
    walkInsChange: number,
  ): Statement[] {
    const statements: Statement[] = [];
    const facts = sessionFacts(session, session.activity);
    const before = session.attended;
    const attendance = (
      memberId: string,
      subject: typeof EventsEvents.attendanceRecorded | typeof EventsEvents.attendanceRemoved,
      attended: number,
    ) => {
      const event: AttendanceChangedEvent = {
        ...facts,
        participantKey: this.keys.keyOf(a.tenantId, memberId),
        ...this.register.tally(session, attended),
      };
      return eventStatement(tx, EVENTS_DB_SCHEMA, subject, event, a.tenantId);
    };
    const now = this.register.now();
    for (const memberId of toAdd) {
      session.attended += 1;
      statements.push(
        this.attendance.checkInStatement(a.tenantId, session.id, memberId, a.actor.accountId, now),
        attendance(memberId, EventsEvents.attendanceRecorded, session.attended),
      );
    }
    for (const memberId of toRemove) {
      session.attended -= 1;
      statements.push(
        this.attendance.removeStatement(session.id, memberId),
        attendance(memberId, EventsEvents.attendanceRemoved, session.attended),
      );
    }
    if (session.attended !== before)
      statements.push(this.attendance.attendedChange(session.id, session.attended - before));
    if (walkInsChange !== 0) {
      session.walkIns += walkInsChange;
      const event: WalkInsRecordedEvent = {
        ...facts,
        change: walkInsChange,
        ...this.register.tally(session, session.attended),
      };
      statements.push(
        this.attendance.walkInsStatement(session.id, session.walkIns),
        eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.walkInsRecorded, event, a.tenantId),
      );
    }
    return statements;
  }
}

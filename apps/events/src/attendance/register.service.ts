import { Inject, Injectable } from '@nestjs/common';
import { EventsEvents, type RegisterCounts, type SessionHeldEvent } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import type { Session } from '../programme/session.entity';
import { sessionFacts } from '../sessions/session.view';
import type { LockedSession } from '../sessions/sessions.repository';
import { EVENTS_DB_SCHEMA } from '../events-database';
import { sessionCancelled } from '../sessions/sessions.exception';
import { registerClosed, registerNotOpen } from './attendance.exception';
import { AttendanceRepository } from './attendance.repository';

const HOUR_MS = 3_600_000;
/** Check-ins open an hour before the start; registers are often filled in later, up to 30 days after. */
export const REGISTER_OPENS_BEFORE_MS = HOUR_MS;
export const REGISTER_CLOSES_AFTER_MS = 30 * 24 * HOUR_MS;

/** Rules shared by check-ins and walk-ins: when a register may change, and when a session counts as held. */
@Injectable()
export class RegisterService {
  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
    private readonly attendance: AttendanceRepository,
  ) {}

  now = () => this.options.now?.() ?? new Date();

  ensureWritable(session: Pick<Session, 'status' | 'startsAt'>): void {
    if (session.status === 'cancelled') throw sessionCancelled();
    const now = this.now().getTime();
    if (now < session.startsAt.getTime() - REGISTER_OPENS_BEFORE_MS) throw registerNotOpen();
    if (now > session.startsAt.getTime() + REGISTER_CLOSES_AFTER_MS) throw registerClosed();
  }

  /** The register's counts once `attended` members are checked in. */
  tally(session: Pick<LockedSession, 'walkIns'>, attended: number): RegisterCounts {
    return { attended, walkIns: session.walkIns, total: attended + session.walkIns };
  }

  /**
   * After a change to the register: a session that has ended with anyone there is announced as held, once;
   * one still running is queued for the sweeper to announce when it ends. Statements for the commit's round trip.
   */
  afterChange(tx: TenantTransaction, session: LockedSession, counts: RegisterCounts): Statement[] {
    if (session.heldAt || counts.total === 0) return [];
    if (session.endsAt <= this.now()) return this.announceHeld(tx, session, counts);
    return [this.attendance.queueHeldStatement(session)];
  }

  announceHeld(tx: TenantTransaction, session: LockedSession, counts: RegisterCounts): Statement[] {
    const event: SessionHeldEvent = {
      ...sessionFacts(session, session.activity),
      endsAt: session.endsAt.toISOString(),
      ...counts,
    };
    return [
      this.attendance.heldStatement(session.id, this.now()),
      eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.sessionHeld, event, session.tenantId),
    ];
  }
}

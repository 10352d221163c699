import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, EventsEvents, type RegisterCounts, type SessionHeldEvent } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import type { Activity } from '../activities/activity.entity';
import type { Session } from '../sessions/session.entity';
import { sessionFacts } from '../sessions/session.view';
import { SessionsRepository } from '../sessions/sessions.repository';

const HOUR_MS = 3_600_000;
/** Check-ins open an hour before the start; registers are often filled in later, up to 30 days after. */
export const REGISTER_OPENS_BEFORE_MS = HOUR_MS;
export const REGISTER_CLOSES_AFTER_MS = 30 * 24 * HOUR_MS;

/** Rules shared by check-ins and walk-ins: when a register may change, and when a session counts as held. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  now = () => this.options.now?.() ?? new Date();

  ensureWritable(session: Session): void {
    if (session.status === 'cancelled')
      throw new AppError('CONFLICT', 'This session has been cancelled.', { reason: 'SessionCancelled' });
    const now = this.now().getTime();
    if (now < session.startsAt.getTime() - REGISTER_OPENS_BEFORE_MS)
      throw new AppError('CONFLICT', 'The register opens an hour before the session starts.', {
        reason: 'RegisterNotOpen',
      });
    if (now > session.startsAt.getTime() + REGISTER_CLOSES_AFTER_MS)
      throw new AppError('CONFLICT', 'The register closes 30 days after the session.', {
        reason: 'RegisterClosed',
      });
  }

  async counts(em: EntityManager, session: Session): Promise<RegisterCounts> {
    const { attended } = await this.sessions.counts(em, session.id);
    return { attended, walkIns: session.walkIns, total: attended + session.walkIns };
  }

  /**
   * After a change to the register: a session that has ended with anyone there is announced as held, once;
   * one still running is queued for the sweeper to announce when it ends.
   */
  async afterChange(em: EntityManager, session: Session, activity: Activity, counts: RegisterCounts) {
    if (session.heldAt || counts.total === 0) return;
    if (session.endsAt <= this.now()) {
      this.announceHeld(em, session, activity, counts);
      return;
    }
    await em.execute(
      `insert into events.pending_held (session_id, tenant_id, due_at) values (?, ?, ?)
        on conflict (session_id) do nothing`,
      [session.id, session.tenantId, session.endsAt],
      'run',
    );
  }

  announceHeld(em: EntityManager, session: Session, activity: Activity, counts: RegisterCounts): void {
    session.heldAt = this.now();
    const event: SessionHeldEvent = {
      ...sessionFacts(session, activity),
      endsAt: session.endsAt.toISOString(),
      ...counts,
    };
    recordEvent(em, EventsEvents.sessionHeld, event, session.tenantId);
  }
}

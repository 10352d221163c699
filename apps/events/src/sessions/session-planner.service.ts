import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventsEvents, type SessionCancelledEvent } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { Activity } from '../programme/activity.entity';
import { expand, type Occurrence, type Schedule } from '../schedule/recurrence.util';
import { localDate } from '../schedule/zoned-time.util';
import { Session } from '../programme/session.entity';
import { sessionFacts } from './session.view';
import { SessionsRepository } from './sessions.repository';

const DAY_MS = 86_400_000;
/** A new schedule is laid out this far past its start (or now, when it started in the past). */
export const INITIAL_HORIZON_DAYS = 400;
/** Listings may ask this far ahead; sessions are laid out lazily up to there. */
export const MAX_HORIZON_DAYS = 3 * 365;
const MAX_SESSIONS_PER_PASS = 1000;

export const scheduleOf = (a: Activity): Schedule => ({
  startsAt: a.startsAtLocal,
  durationMinutes: a.durationMinutes,
  timezone: a.timezone,
  rrule: a.rrule,
});

/**
 * Turns an activity's schedule into session rows (real, stable ids), lazily up to a horizon, and keeps
 * them in line when the schedule changes. A session with attendance is history and is never rewritten.
 */
@Injectable()
export class SessionPlanner {
  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
    private readonly sessions: SessionsRepository,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  private initialHorizon(firstStart: Date): Date {
    return new Date(Math.max(this.now().getTime(), firstStart.getTime()) + INITIAL_HORIZON_DAYS * DAY_MS);
  }

  /** The sessions a schedule would have now (for validating a new or changed schedule). */
  preview(schedule: Schedule): Occurrence[] {
    const first = expand(schedule, { until: new Date(8.64e15), max: 1 }).occurrences[0];
    if (!first) return [];
    return expand(schedule, {
      until: new Date(
        Math.max(this.now().getTime(), first.startsAt.getTime()) + INITIAL_HORIZON_DAYS * DAY_MS,
      ),
      max: MAX_SESSIONS_PER_PASS,
    }).occurrences;
  }

  /** Lays out a new activity's sessions up to its first horizon. */
  async plan(em: EntityManager, activity: Activity): Promise<void> {
    const first = expand(scheduleOf(activity), { until: new Date(8.64e15), max: 1 }).occurrences[0];
    if (!first) return;
    await this.layOut(em, activity, undefined, this.initialHorizon(first.startsAt));
  }

  /** Sessions from `from` to `until` (both optional), then the activity's horizon moves on. */
  private async layOut(em: EntityManager, activity: Activity, from: Date | undefined, until: Date) {
    const { occurrences, exhausted } = expand(scheduleOf(activity), {
      from,
      until,
      max: MAX_SESSIONS_PER_PASS,
    });
    await this.sessions.insert(em, activity, occurrences);
    const last = occurrences.at(-1);
    activity.materializedUntil = exhausted
      ? null
      : occurrences.length >= MAX_SESSIONS_PER_PASS && last
        ? new Date(last.startsAt.getTime() + 1)
        : until;
  }

  /** How far a listing up to `until` needs sessions laid out: never past MAX_HORIZON_DAYS from now. */
  layoutTarget(until: Date): Date {
    const cap = new Date(this.now().getTime() + MAX_HORIZON_DAYS * DAY_MS);
    return until > cap ? cap : until;
  }

  /**
   * Makes sure every session of the LERO starting before `until` exists (capped at MAX_HORIZON_DAYS from
   * now). Runs inside the caller's tenant transaction; concurrent callers insert the same rows once.
   */
  async extend(em: EntityManager, until: Date): Promise<void> {
    const target = this.layoutTarget(until);
    const due = await this.sessions.lockDueForLayout(em, target);
    for (const activity of due) {
      if (activity.materializedUntil) await this.layOut(em, activity, activity.materializedUntil, target);
    }
    await em.flush();
  }

  /**
   * After a schedule change: sessions with attendance stay as they are; a session the new schedule also has
   * (same start) keeps its id and RSVPs; one it no longer has is cancelled if anyone RSVPed, else removed.
   * A one-off that moves takes its RSVPs along.
   */
  async replan(em: EntityManager, activity: Activity, wasRecurring: boolean): Promise<void> {
    const schedule = scheduleOf(activity);
    const first = expand(schedule, { until: new Date(8.64e15), max: 1 }).occurrences[0];
    const horizon = first ? this.initialHorizon(first.startsAt) : this.now();
    const { occurrences, exhausted } = expand(schedule, { until: horizon, max: MAX_SESSIONS_PER_PASS });
    const wanted = new Map(occurrences.map((o) => [o.startsAt.getTime(), o]));
    const sessions = await this.sessions.lockAllOf(em, activity.id);
    const use = await this.sessions.useOf(em, activity.id);
    const history = sessions.filter((s) => use.get(s.id)?.has_attendance || s.walkIns > 0);
    const open = sessions.filter((s) => !history.includes(s));
    for (const s of history) wanted.delete(s.startsAt.getTime());

    const movesOneOff = !wasRecurring && !activity.rrule && open.length === 1 && occurrences.length === 1;
    for (const session of open) {
      const match = movesOneOff ? occurrences[0] : wanted.get(session.startsAt.getTime());
      if (match) {
        wanted.delete(match.startsAt.getTime());
        session.startsAt = match.startsAt;
        session.endsAt = match.endsAt;
        session.timezone = activity.timezone;
        if (session.startsAt > this.now()) session.capacity = activity.capacity;
      } else if (use.get(session.id)?.has_rsvps) {
        if (session.status !== 'cancelled') this.cancel(em, session, activity, 'The schedule changed.');
      } else {
        em.remove(session);
      }
    }
    await em.flush();
    // A past day that already has a register keeps it; the new schedule is not laid over it.
    const registered = new Set(history.map((s) => localDate(s.startsAt, activity.timezone)));
    const fresh = [...wanted.values()].filter(
      (o) => o.startsAt > this.now() || !registered.has(localDate(o.startsAt, activity.timezone)),
    );
    await this.sessions.insert(em, activity, fresh);
    const last = occurrences.at(-1);
    activity.materializedUntil = exhausted
      ? null
      : occurrences.length >= MAX_SESSIONS_PER_PASS && last
        ? new Date(last.startsAt.getTime() + 1)
        : horizon;
  }

  /** Cancels a session and records the event; the caller flushes. */
  cancel(em: EntityManager, session: Session, activity: Activity, reason: string | null): void {
    session.status = 'cancelled';
    session.cancelReason = reason;
    session.cancelledAt = this.now();
    const event: SessionCancelledEvent = { ...sessionFacts(session, activity), reason };
    recordEvent(em, EventsEvents.sessionCancelled, event, session.tenantId);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EventsEvents,
  MAX_SESSIONS_PER_LAYOUT,
  type SessionCancelledEvent,
  type SessionsScheduledEvent,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { expand, localDate, type Occurrence, type Schedule } from '@hearth/recurrence';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { Activity } from '../programme/activity.entity';
import { Session } from '../programme/session.entity';
import { sessionFacts } from './session.view';
import { SessionsRepository } from './sessions.repository';

const DAY_MS = 86_400_000;
/** A new schedule is laid out this far past its start (or now, when it started in the past). */
export const INITIAL_HORIZON_DAYS = 400;
/** Listings may ask this far ahead; sessions are laid out lazily up to there. */
export const MAX_HORIZON_DAYS = 3 * 365;
/** One pass makes at most as many sessions as one `session.scheduled` event carries. */
const MAX_SESSIONS_PER_PASS = MAX_SESSIONS_PER_LAYOUT;

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
    await this.insert(em, activity, occurrences);
    const last = occurrences.at(-1);
    activity.materializedUntil = exhausted
      ? null
      : occurrences.length >= MAX_SESSIONS_PER_PASS && last
        ? new Date(last.startsAt.getTime() + 1)
        : until;
  }

  /**
   * Inserts the sessions and records one `session.scheduled` event with those that are new (ADR 0082): a pass
   * makes at most MAX_SESSIONS_PER_PASS, so one event carries them all. The caller flushes.
   */
  private async insert(em: EntityManager, activity: Activity, occurrences: Occurrence[]): Promise<void> {
    const made = await this.sessions.insert(em, activity, occurrences);
    if (made.length === 0) return;
    const event: SessionsScheduledEvent = {
      tenantId: activity.tenantId,
      activityId: activity.id,
      category: activity.category,
      visibility: activity.visibility,
      sessions: made
        .map((r) => ({ id: r.id, startsAt: new Date(r.starts_at) }))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((r) => ({
          sessionId: r.id,
          sessionDate: localDate(r.startsAt, activity.timezone),
          startsAt: r.startsAt.toISOString(),
        })),
    };
    recordEvent(em, EventsEvents.sessionScheduled, event, activity.tenantId);
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
   * After a schedule change. Only sessions still to come follow it: one that has started, and one with a
   * register, stays as it was (ADR 0032). Of the others, one at a start the new schedule also has keeps its id
   * and RSVPs; failing that, one on a day the new schedule also has moves to its new time with them (a change
   * of time or length); a one-off that moves takes its RSVPs along; any other is cancelled if anyone RSVPed,
   * else removed. New sessions are laid out from now on, never in the past.
   */
  async replan(em: EntityManager, activity: Activity, wasRecurring: boolean): Promise<void> {
    const now = this.now();
    const schedule = scheduleOf(activity);
    const first = expand(schedule, { until: new Date(8.64e15), max: 1 }).occurrences[0];
    const horizon = first ? this.initialHorizon(first.startsAt) : now;
    const { occurrences, exhausted } = expand(schedule, {
      from: new Date(now.getTime() + 1),
      until: horizon,
      max: MAX_SESSIONS_PER_PASS,
    });
    const wanted = new Map(occurrences.map((o) => [o.startsAt.getTime(), o]));
    const coming = await this.sessions.lockStartingAfter(em, activity.id, now);
    const use = await this.sessions.useOf(em, activity.id);
    const history = coming.filter((s) => use.get(s.id)?.has_attendance || s.walkIns > 0);
    for (const s of history) wanted.delete(s.startsAt.getTime());
    const follow = (session: Session, o: Occurrence) => {
      wanted.delete(o.startsAt.getTime());
      session.startsAt = o.startsAt;
      session.endsAt = o.endsAt;
      session.timezone = activity.timezone;
      session.capacity = activity.capacity;
    };

    const open = coming.filter((s) => !history.includes(s));
    const unmatched = open.filter((s) => {
      const same = wanted.get(s.startsAt.getTime());
      if (same) follow(s, same);
      return !same;
    });
    const dayOf = (at: Date, zone: string) => localDate(at, zone);
    const left = unmatched.filter((s) => {
      const day = dayOf(s.startsAt, s.timezone);
      const sameDay = [...wanted.values()].find((o) => dayOf(o.startsAt, activity.timezone) === day);
      if (sameDay) follow(s, sameDay);
      return !sameDay;
    });
    const movesOneOff = !wasRecurring && !activity.rrule && left.length === 1 && wanted.size === 1;
    if (movesOneOff) follow(left[0], [...wanted.values()][0]);
    else
      for (const session of left) {
        if (!use.get(session.id)?.has_rsvps) em.remove(session);
        else if (session.status !== 'cancelled') this.cancel(em, session, activity, 'The schedule changed.');
      }
    await em.flush();
    await this.insert(em, activity, [...wanted.values()]);
    const last = occurrences.at(-1);
    activity.materializedUntil = exhausted
      ? null
      : occurrences.length >= MAX_SESSIONS_PER_PASS && last
        ? new Date(last.startsAt.getTime() + 1)
        : horizon;
  }

  /**
   * Pausing or ending: no session still to come. One with a register stays (it is taking place); one anyone
   * RSVPed to is cancelled, with an event so they can be told; the others are removed. Nothing more is laid out.
   */
  async clearComing(em: EntityManager, activity: Activity, reason: string): Promise<number> {
    const coming = await this.sessions.lockStartingAfter(em, activity.id, this.now());
    const use = await this.sessions.useOf(em, activity.id);
    let cleared = 0;
    for (const session of coming) {
      if (use.get(session.id)?.has_attendance || session.walkIns > 0) continue;
      if (!use.get(session.id)?.has_rsvps) em.remove(session);
      else if (session.status === 'cancelled') continue;
      else this.cancel(em, session, activity, reason);
      cleared++;
    }
    await em.flush();
    return cleared;
  }

  /**
   * Resuming: the schedule is laid out again from now on, as for a new activity. A session the pause cancelled
   * stays cancelled (whoever RSVPed was told it is off); every other start gets its session.
   */
  async resume(em: EntityManager, activity: Activity): Promise<void> {
    const now = this.now();
    const first = expand(scheduleOf(activity), { from: now, until: new Date(8.64e15), max: 1 })
      .occurrences[0];
    activity.materializedUntil = null;
    if (!first) return;
    await this.layOut(em, activity, new Date(now.getTime() + 1), this.initialHorizon(first.startsAt));
  }

  /** Cancels a session and records the event; the caller flushes. */
  cancel(em: EntityManager, session: Session, activity: Activity, reason: string | null): void {
    session.status = 'cancelled';
    session.cancelReason = reason;
    session.cancelledAt = this.now();
    const event: SessionCancelledEvent = {
      ...sessionFacts(session, activity),
      reason,
      visibility: activity.visibility,
    };
    recordEvent(em, EventsEvents.sessionCancelled, event, session.tenantId);
  }
}

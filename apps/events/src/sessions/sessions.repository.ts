import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { uuidv7 } from 'uuidv7';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityCategory, SessionStatus } from '@hearth/contracts';
import type { SqlLiteral, Statement, TenantId } from '@hearth/persistence';
import type { Occurrence } from '@hearth/recurrence';
import { EventsDatabase } from '../events-database';
import { Activity } from '../programme/activity.entity';
import { Session } from '../programme/session.entity';
import type { SessionRow } from './session.view';

export interface SessionFilter {
  from: Date;
  to: Date;
  category?: ActivityCategory;
  activityId?: string;
  /** Only sessions still going on or to come at this instant (`to` still bounds the starts). */
  endsAfter?: Date;
  /** Only sessions of public activities (the public listing). */
  publicOnly?: boolean;
  after?: { startsAt: Date; id: string };
  limit: number;
}

const SELECT = `select s.id, s.activity_id, a.title, a.category, a.description, a.visibility, a.location,
    a.location_on_request,
    s.starts_at, s.ends_at, s.timezone, s.status, s.cancel_reason, s.capacity, s.walk_ins,
    (select count(*) from events.rsvps r where r.session_id = s.id and r.status = 'going') as going,
    (select count(*) from events.rsvps r where r.session_id = s.id and r.status = 'waitlisted') as waitlisted,
    s.attended
  from events.sessions s join events.activities a on a.id = s.activity_id
  where s.tenant_id = $1 and a.deleted_at is null`;

/** A session locked for a register change, as `lockStatement` selects it (pg parses the times). */
export interface LockedSessionRow {
  id: string;
  tenant_id: string;
  activity_id: string;
  category: ActivityCategory;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  status: SessionStatus;
  walk_ins: number;
  attended: number;
  held_at: Date | null;
}

/** The same, in the shape `sessionFacts` and the register rules take. */
export interface LockedSession {
  id: string;
  tenantId: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  status: SessionStatus;
  walkIns: number;
  /** Named check-ins, as the session's counter has them. */
  attended: number;
  heldAt: Date | null;
  activity: { id: string; category: ActivityCategory };
}

export const lockedSession = (r: LockedSessionRow): LockedSession => ({
  id: r.id,
  tenantId: r.tenant_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  timezone: r.timezone,
  status: r.status,
  walkIns: r.walk_ins,
  attended: r.attended,
  heldAt: r.held_at,
  activity: { id: r.activity_id, category: r.category },
});

/** Whether a session has a register (check-ins) or RSVPs: what a schedule change may do with it. */
export interface SessionUse {
  id: string;
  has_attendance: boolean;
  has_rsvps: boolean;
}

const INSERT_CHUNK = 500;

export interface RegisterCountsRow {
  going: number;
  waitlisted: number;
  attended: number;
}

/** Queries only. Reads take the one-round-trip path under row-level security; writes run in the caller's transaction. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: EventsDatabase) {}

  async list(tenantId: TenantId, f: SessionFilter): Promise<SessionRow[]> {
    const params: SqlLiteral[] = [tenantId, f.from, f.to];
    let sql = `${SELECT} and s.starts_at >= $2 and s.starts_at < $3`;
    const add = (clause: (n: number) => string, ...values: SqlLiteral[]) => {
      sql += ` and ${clause(params.length + 1)}`;
      params.push(...values);
    };
    if (f.category) add((n) => `a.category = $${n}`, f.category);
    if (f.activityId) add((n) => `s.activity_id = $${n}`, f.activityId);
    if (f.endsAfter) add((n) => `s.ends_at > $${n}`, f.endsAfter);
    if (f.publicOnly) sql += ` and a.visibility = 'public'`;
    if (f.after) add((n) => `(s.starts_at, s.id) > ($${n}, $${n + 1})`, f.after.startsAt, f.after.id);
    params.push(f.limit + 1);
    sql += ` order by s.starts_at, s.id limit $${params.length}`;
    return this.db.readInTenant<SessionRow>(tenantId, sql, params);
  }

  /** Whether a recurring activity of the LERO has sessions before `until` still to lay out (one round trip). */
  async needsLayout(tenantId: TenantId, until: Date): Promise<boolean> {
    const [row] = await this.db.readInTenant<{ due: boolean }>(
      tenantId,
      `select exists (select 1 from events.activities where tenant_id = $1 and deleted_at is null
        and status = 'active' and materialized_until is not null and materialized_until < $2) as due`,
      [tenantId, until],
    );
    return row?.due === true;
  }

  async get(tenantId: TenantId, sessionId: string): Promise<SessionRow | null> {
    const rows = await this.db.readInTenant<SessionRow>(tenantId, `${SELECT} and s.id = $2`, [
      tenantId,
      sessionId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Locks the session row for the rest of the transaction: RSVPs, check-ins and walk-ins of one session run
   * one after another, so capacity is never overbooked and counts in events are exact.
   */
  async lock(
    em: EntityManager,
    sessionId: string,
    opts: { includeDeleted?: boolean } = {},
  ): Promise<{ session: Session; activity: Activity } | null> {
    const session = await em.findOne(Session, { id: sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!session) return null;
    const activity = await em.findOne(Activity, {
      id: session.activityId,
      ...(opts.includeDeleted ? {} : { deletedAt: null }),
    });
    return activity ? { session, activity } : null;
  }

  /**
   * The statement that locks a session row (and reads it with its activity's category) for a register change
   * in a `transactInTenant` transaction: check-ins, walk-ins and the held sweeper of one session run one after
   * another, so the counts in events are exact. Sessions of deleted activities only with `includeDeleted`.
   */
  lockStatement(sessionId: string, opts: { includeDeleted?: boolean } = {}): Statement {
    return {
      sql: `select s.id, s.tenant_id, s.activity_id, a.category, s.starts_at, s.ends_at, s.timezone, s.status,
          s.walk_ins, s.attended, s.held_at
        from events.sessions s join events.activities a on a.id = s.activity_id
        where s.id = $1 ${opts.includeDeleted ? '' : 'and a.deleted_at is null'}
        for update of s`,
      params: [sessionId],
    };
  }

  /** An activity's sessions still to come and scheduled, locked (the activity is removed or its capacity changes). */
  lockComing(em: EntityManager, activityId: string, after: Date): Promise<Session[]> {
    return em.find(
      Session,
      { activityId, startsAt: { $gt: after }, status: 'scheduled' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  /** An activity's sessions starting after `after`, whatever their status, locked, in order (a schedule change). */
  lockStartingAfter(em: EntityManager, activityId: string, after: Date): Promise<Session[]> {
    return em.find(
      Session,
      { activityId, startsAt: { $gt: after } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { startsAt: 'asc' } },
    );
  }

  /** Which of an activity's sessions have a register or RSVPs, by session id. */
  async useOf(em: EntityManager, activityId: string): Promise<Map<string, SessionUse>> {
    const rows = await em.execute<SessionUse[]>(
      `select s.id,
            exists (select 1 from events.attendance t where t.session_id = s.id) as has_attendance,
            exists (select 1 from events.rsvps r where r.session_id = s.id) as has_rsvps
          from events.sessions s where s.activity_id = ?`,
      [activityId],
    );
    return new Map(rows.map((u) => [u.id, u]));
  }

  /**
   * The activities of the LERO whose sessions are laid out only up to before `target`, locked: two listings
   * extending the same activity run one after the other, and the second sees the new horizon.
   */
  lockDueForLayout(em: EntityManager, target: Date): Promise<Activity[]> {
    return em.find(
      Activity,
      { deletedAt: null, status: 'active', materializedUntil: { $ne: null, $lt: target } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  /** Inserts sessions of an activity at these times; one that exists already (same start) is left as it is. */
  /** Inserts the sessions not there yet; answers those it inserted (a concurrent caller's are not among them). */
  async insert(
    em: EntityManager,
    activity: Activity,
    occurrences: Occurrence[],
  ): Promise<{ id: string; starts_at: Date }[]> {
    const inserted: { id: string; starts_at: Date }[] = [];
    for (let i = 0; i < occurrences.length; i += INSERT_CHUNK) {
      const chunk = occurrences.slice(i, i + INSERT_CHUNK);
      const rows = await em.execute<{ id: string; starts_at: Date }[]>(
        `insert into events.sessions (id, tenant_id, activity_id, starts_at, ends_at, timezone, capacity)
          values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
          on conflict (activity_id, starts_at) do nothing returning id, starts_at`,
        chunk.flatMap((o) => [
          uuidv7(),
          activity.tenantId,
          activity.id,
          o.startsAt,
          o.endsAt,
          activity.timezone,
          activity.capacity,
        ]),
        'all',
      );
      inserted.push(...rows);
    }
    return inserted;
  }

  async counts(em: EntityManager, sessionId: string): Promise<RegisterCountsRow> {
    const [row] = await em.execute<{ going: string; waitlisted: string; attended: string }[]>(
      `select
        (select count(*) from events.rsvps where session_id = ? and status = 'going') as going,
        (select count(*) from events.rsvps where session_id = ? and status = 'waitlisted') as waitlisted,
        (select attended from events.sessions where id = ?) as attended`,
      [sessionId, sessionId, sessionId],
    );
    return { going: Number(row.going), waitlisted: Number(row.waitlisted), attended: Number(row.attended) };
  }
}

import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import type { Statement, TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import type { LockedSession } from '../sessions/sessions.repository';

/**
 * The register's queries: check-in rows, the counts a session keeps of its register, and the queue of sessions
 * to announce as held. Statements are for `transactInTenant`, so a change runs in the round trips its service
 * chose (two on the hot paths: lock and read, then write + event + commit).
 */
@Injectable()
export class AttendanceRepository {
  constructor(private readonly db: EventsDatabase) {}

  /** Whether the member is checked in to the session (`already`). */
  checkedInStatement(sessionId: string, memberId: string): Statement {
    return {
      sql: `select exists (select 1 from events.attendance where session_id = $1 and member_id = $2) as already`,
      params: [sessionId, memberId],
    };
  }

  checkInStatement(
    tenantId: TenantId,
    sessionId: string,
    memberId: string,
    recordedBy: string,
    recordedAt: Date,
  ): Statement {
    return {
      sql: `insert into events.attendance (id, tenant_id, session_id, member_id, recorded_by, recorded_at)
              values ($1, $2, $3, $4, $5, $6)`,
      params: [uuidv7(), tenantId, sessionId, memberId, recordedBy, recordedAt],
    };
  }

  /** Which of `memberIds` (UUIDs, checked) are checked in to the session. */
  checkedInAmongStatement(sessionId: string, memberIds: string[]): Statement {
    return {
      sql: `select member_id from events.attendance
        where session_id = $1 and member_id = any(string_to_array($2, ',')::uuid[])`,
      params: [sessionId, memberIds.join(',')],
    };
  }

  /** Removes a check-in; returns its id (no row: the member was not checked in). */
  removeStatement(sessionId: string, memberId: string): Statement {
    return {
      sql: 'delete from events.attendance where session_id = $1 and member_id = $2 returning id',
      params: [sessionId, memberId],
    };
  }

  /** Moves the session's check-in counter (under its lock, in the transaction that changed the register). */
  attendedChange(sessionId: string, delta: number): Statement {
    return {
      sql: 'update events.sessions set attended = attended + $2 where id = $1',
      params: [sessionId, delta],
    };
  }

  walkInsStatement(sessionId: string, walkIns: number): Statement {
    return { sql: 'update events.sessions set walk_ins = $2 where id = $1', params: [sessionId, walkIns] };
  }

  heldStatement(sessionId: string, heldAt: Date): Statement {
    return { sql: 'update events.sessions set held_at = $2 where id = $1', params: [sessionId, heldAt] };
  }

  /** Queues a session still running, for the sweeper to announce when it ends. */
  queueHeldStatement(session: Pick<LockedSession, 'id' | 'tenantId' | 'endsAt'>): Statement {
    return {
      sql: `insert into events.pending_held (session_id, tenant_id, due_at) values ($1, $2, $3)
          on conflict (session_id) do nothing`,
      params: [session.id, session.tenantId, session.endsAt],
    };
  }

  /** Takes a session off the queue; returns its row unless another replica took it first. */
  takeQueuedStatement(sessionId: string): Statement {
    return {
      sql: 'delete from events.pending_held where session_id = $1 returning session_id',
      params: [sessionId],
    };
  }

  /** Queued sessions due by `now`, of every LERO (the queue holds ids and times only, no RLS). */
  dueQueued(now: Date, limit: number): Promise<{ session_id: string; tenant_id: string }[]> {
    return this.db
      .em()
      .execute<{ session_id: string; tenant_id: string }[]>(
        `select session_id, tenant_id from events.pending_held where due_at <= ? order by due_at limit ?`,
        [now, limit],
      );
  }

  /** The register's rows of a session, in the order of check-in: member ids, null for erased members. */
  memberIdsOf(tenantId: TenantId, sessionId: string): Promise<{ member_id: string | null }[]> {
    return this.db.readInTenant<{ member_id: string | null }>(
      tenantId,
      'select member_id from events.attendance where session_id = $1 order by id',
      [sessionId],
    );
  }
}

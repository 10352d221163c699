import { Injectable } from '@nestjs/common';
import type { Statement } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';

/** A session listed for a reminder, locked with what the reminder tells. */
export interface ReminderSessionRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  status: string;
  deleted: boolean;
  location: {
    name?: string;
    address?: string | null;
    postcode?: string | null;
    onlineUrl?: string | null;
  } | null;
  location_on_request: boolean;
}

/** The queries of session reminders (ADR 0081). */
@Injectable()
export class RemindersRepository {
  constructor(private readonly db: EventsDatabase) {}

  /** Listed sessions starting by `until`, of every LERO (the list holds ids and times only, no RLS). */
  due(until: Date, limit: number): Promise<{ session_id: string; tenant_id: string }[]> {
    return this.db
      .em()
      .execute<{ session_id: string; tenant_id: string }[]>(
        `select session_id, tenant_id from events.pending_reminders where starts_at <= ? order by starts_at limit ?`,
        [until, limit],
      );
  }

  /** The session, locked as a register change locks it, with its activity's title and place. */
  lockSessionStatement(sessionId: string): Statement {
    return {
      sql: `select s.id, a.title, s.starts_at, s.ends_at, s.timezone, s.status, a.deleted_at is not null as deleted,
          a.location, a.location_on_request
        from events.sessions s join events.activities a on a.id = s.activity_id
        where s.id = $1 for update of s`,
      params: [sessionId],
    };
  }

  /** Takes the session off the list; no row when another replica took it first (it waits for that one's commit). */
  takeStatement(sessionId: string): Statement {
    return {
      sql: 'delete from events.pending_reminders where session_id = $1 returning session_id',
      params: [sessionId],
    };
  }

  /** The members going (not waitlisted, not erased), in the order they said so. */
  goingStatement(sessionId: string): Statement {
    return {
      sql: `select member_id from events.rsvps where session_id = $1 and status = 'going' and member_id is not null
        order by id`,
      params: [sessionId],
    };
  }
}

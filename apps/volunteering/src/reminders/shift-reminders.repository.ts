import { Injectable } from '@nestjs/common';
import type { Statement } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';

/** An occurrence listed for a reminder, locked, with its shift and role as the reminder tells them. */
export interface ReminderOccurrenceRow {
  id: string;
  shift_id: string;
  starts_at: Date;
  title: string;
  starts_at_local: string;
  duration_minutes: number;
  timezone: string;
  rrule: string | null;
  place: string | null;
  status: string;
}

/** An occurrence on the list: ids only. */
export interface ListedOccurrence {
  occurrence_id: string;
  tenant_id: string;
}

/** The queries of shift reminders (ADR 0081). */
@Injectable()
export class ShiftRemindersRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** Listed occurrences starting by `until`, of every LERO (the list holds ids and times only, no RLS). */
  due(until: Date, limit: number): Promise<{ occurrence_id: string; tenant_id: string }[]> {
    return this.db.em().execute<{ occurrence_id: string; tenant_id: string }[]>(
      `select occurrence_id, tenant_id from volunteering.pending_reminders where starts_at <= ?
          order by starts_at limit ?`,
      [until, limit],
    );
  }

  /**
   * The occurrence's shift, locked for share before the occurrence (the order a change of the shift takes them): a
   * cancel of the shift waits for the announcement, or the announcement for the cancel (and then sees it), so the
   * two events' times are in the order of the changes (membership compares them, ADR 0081).
   */
  lockShiftStatement(occurrenceId: string): Statement {
    return {
      sql: `select s.id from volunteering.shifts s
        where s.id = (select o.shift_id from volunteering.shift_occurrences o where o.id = $1) for share`,
      params: [occurrenceId],
    };
  }

  /** The occurrence, locked as a sign-up or cancel locks it, with its shift's schedule and place and role's title. */
  lockOccurrenceStatement(occurrenceId: string): Statement {
    return {
      sql: `select o.id, o.shift_id, o.starts_at, r.title, s.starts_at_local, s.duration_minutes, s.timezone, s.rrule,
          s.place, s.status
        from volunteering.shift_occurrences o
          join volunteering.shifts s on s.id = o.shift_id
          join volunteering.roles r on r.id = s.role_id
        where o.id = $1 for update of o`,
      params: [occurrenceId],
    };
  }

  /** Takes the occurrence off the list; no row when another replica took it first (it waits for that one's commit). */
  takeStatement(occurrenceId: string): Statement {
    return {
      sql: 'delete from volunteering.pending_reminders where occurrence_id = $1 returning occurrence_id',
      params: [occurrenceId],
    };
  }

  /** The members with a confirmed place (not waitlisted, cancelled or erased), first come first. */
  confirmedStatement(occurrenceId: string): Statement {
    return {
      sql: `select member_id from volunteering.signups
        where occurrence_id = $1 and status = 'confirmed' and member_id is not null order by id`,
      params: [occurrenceId],
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { VolunteeringEvents, type ShiftReminderDueEvent } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { LeadSweepService } from '@hearth/platform';
import { expand } from '@hearth/recurrence';
import { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from '../volunteering-database';
import { REMINDER_DEFAULTS, VOLUNTEERING_OPTIONS, type VolunteeringOptions } from '../volunteering.options';
import { tenantIdOfTrustedRow } from '../volunteering-access';
import {
  ShiftRemindersRepository,
  type ListedOccurrence,
  type ReminderOccurrenceRow,
} from './shift-reminders.repository';

/**
 * The occurrence as the shift's schedule has it now (its end), or none when the schedule no longer has that start
 * (the shift's times were changed after people signed up): such a sign-up is not reminded of a time that is gone.
 */
export function scheduledOccurrence(row: ReminderOccurrenceRow): { startsAt: Date; endsAt: Date } | null {
  const startsAt = new Date(row.starts_at);
  const schedule = {
    startsAt: row.starts_at_local,
    durationMinutes: row.duration_minutes,
    timezone: row.timezone,
    rrule: row.rrule,
  };
  const [found] = expand(schedule, {
    from: startsAt,
    until: new Date(startsAt.getTime() + 1),
    max: 1,
  }).occurrences;
  return found && found.startsAt.getTime() === startsAt.getTime() ? found : null;
}

/**
 * Announces `evt.volunteering.reminder.due` once for each occurrence of a scheduled shift that someone signed up to,
 * when its start is within the lead (ADR 0081), across every LERO. As events' session reminder sweep: it reads
 * `pending_reminders` (ids and times, no RLS), then handles each occurrence in its own LERO's transaction, which
 * locks its shift for share (a cancel of the shift then comes wholly before or after the announcement) and the
 * occurrence (as sign-ups and cancels do) and takes its list row: replicas announce each once, and the
 * event commits with the row's removal or not at all. One of a cancelled shift, started, or no longer on the
 * shift's schedule is taken off without a word.
 */
@Injectable()
export class ShiftReminderSweepService extends LeadSweepService<ListedOccurrence> {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly reminders: ShiftRemindersRepository,
    @Inject(VOLUNTEERING_OPTIONS) options: VolunteeringOptions,
  ) {
    super({
      intervalMs: options.reminderSweepIntervalMs ?? REMINDER_DEFAULTS.sweepIntervalMs,
      leadMs: options.reminderLeadMs ?? REMINDER_DEFAULTS.leadMs,
      now: options.now,
    });
  }

  protected due(until: Date, limit: number): Promise<ListedOccurrence[]> {
    return this.reminders.due(until, limit);
  }

  protected announce({
    tenant_id: tenantId,
    occurrence_id: occurrenceId,
  }: ListedOccurrence): Promise<boolean> {
    return this.db.transactInTenant(tenantIdOfTrustedRow(tenantId), async (tx) => {
      const [, rows, taken, confirmed] = await tx.run<
        [unknown[], ReminderOccurrenceRow[], { occurrence_id: string }[], { member_id: string }[]]
      >([
        this.reminders.lockShiftStatement(occurrenceId),
        this.reminders.lockOccurrenceStatement(occurrenceId),
        this.reminders.takeStatement(occurrenceId),
        this.reminders.confirmedStatement(occurrenceId),
      ]);
      const row = rows[0];
      if (taken.length === 0 || !row) return false; // another replica had it, or it is gone
      const occurrence = row.status === 'scheduled' ? scheduledOccurrence(row) : null;
      // Taken off without a word (the removal commits): nobody to remind, or nothing to remind of.
      if (!occurrence || occurrence.startsAt <= this.now() || confirmed.length === 0) return false;
      const event: ShiftReminderDueEvent = {
        tenantId,
        shiftId: row.shift_id,
        title: row.title,
        startsAt: occurrence.startsAt.toISOString(),
        endsAt: occurrence.endsAt.toISOString(),
        timezone: row.timezone,
        place: row.place?.trim() || null,
        memberIds: confirmed.map((r) => r.member_id),
      };
      await tx.run(
        eventStatement(tx, VOLUNTEERING_SCHEMA.schema, VolunteeringEvents.reminderDue, event, tenantId),
        {
          commit: true,
        },
      );
      return true;
    });
  }
}

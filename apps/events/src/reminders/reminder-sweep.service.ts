import { Inject, Injectable } from '@nestjs/common';
import { EventsEvents, type ReminderDueEvent } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { LeadSweepService } from '@hearth/platform';
import { EventsDatabase, EVENTS_DB_SCHEMA } from '../events-database';
import { EVENTS_OPTIONS, REMINDER_DEFAULTS, type EventsOptions } from '../events.options';
import { tenantIdOfTrustedRow } from '../events-access';
import { RemindersRepository, type ReminderSessionRow } from './reminders.repository';

/** Where the session is, as a reminder tells it: nothing when the location is given on request. */
export function reminderPlace(
  row: Pick<ReminderSessionRow, 'location' | 'location_on_request'>,
): string | null {
  if (row.location_on_request || !row.location) return null;
  const { name, address, postcode, onlineUrl } = row.location;
  const parts = [name, address, postcode, onlineUrl].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length ? parts.join(', ') : null;
}

/**
 * Announces `reminder.due` once for each scheduled session whose start is within the lead (ADR 0081), across every
 * LERO. It reads `pending_reminders` (ids and times only, no RLS), then handles each session in its own LERO's
 * transaction, which locks the session and takes its list row: replicas announce each session once, and the event
 * commits with the row's removal or not at all. A session listed late (created within the lead) is announced at
 * the next sweep; one that has started, been cancelled or removed is taken off without a word.
 */
@Injectable()
export class ReminderSweepService extends LeadSweepService<{ session_id: string; tenant_id: string }> {
  constructor(
    private readonly db: EventsDatabase,
    private readonly reminders: RemindersRepository,
    @Inject(EVENTS_OPTIONS) options: EventsOptions,
  ) {
    super({
      intervalMs: options.reminderSweepIntervalMs ?? REMINDER_DEFAULTS.sweepIntervalMs,
      leadMs: options.reminderLeadMs ?? REMINDER_DEFAULTS.leadMs,
      now: options.now,
    });
  }

  protected due(until: Date, limit: number) {
    return this.reminders.due(until, limit);
  }

  protected announce({
    tenant_id: tenantId,
    session_id: sessionId,
  }: {
    session_id: string;
    tenant_id: string;
  }) {
    return this.db.transactInTenant(tenantIdOfTrustedRow(tenantId), async (tx) => {
      // The session first, then the list row: a reschedule's trigger takes them in that order too.
      const [sessions, taken, going] = await tx.run<
        [ReminderSessionRow[], { session_id: string }[], { member_id: string }[]]
      >([
        this.reminders.lockSessionStatement(sessionId),
        this.reminders.takeStatement(sessionId),
        this.reminders.goingStatement(sessionId),
      ]);
      const session = sessions[0];
      if (taken.length === 0 || !session) return false; // another replica had it, or it is gone
      if (session.status !== 'scheduled' || session.deleted || session.starts_at <= this.now()) return false;
      const event: ReminderDueEvent = {
        tenantId,
        sessionId,
        title: session.title,
        startsAt: session.starts_at.toISOString(),
        endsAt: session.ends_at.toISOString(),
        timezone: session.timezone,
        place: reminderPlace(session),
        memberIds: going.map((r) => r.member_id),
      };
      await tx.run(eventStatement(tx, EVENTS_DB_SCHEMA, EventsEvents.reminderDue, event, tenantId), {
        commit: true,
      });
      return true;
    });
  }
}

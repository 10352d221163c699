import { Inject, Injectable } from '@nestjs/common';
import { EventsEvents, type ReminderDueEvent } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { PeriodicService } from '@hearth/platform';
import { EventsDatabase, EVENTS_DB_SCHEMA } from '../events-database';
import { EVENTS_OPTIONS, REMINDER_DEFAULTS, type EventsOptions } from '../events.options';
import { tenantIdOfTrustedRow } from '../events-access';
import { RemindersRepository, type ReminderSessionRow } from './reminders.repository';

const BATCH = 100;

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
export class ReminderSweepService extends PeriodicService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly reminders: RemindersRepository,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.reminderSweepIntervalMs ?? REMINDER_DEFAULTS.sweepIntervalMs;
  }

  protected work(): Promise<number> {
    return this.sweep();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Announces every due session; returns how many were announced. */
  async sweep(): Promise<number> {
    const lead = this.options.reminderLeadMs ?? REMINDER_DEFAULTS.leadMs;
    let announced = 0;
    for (;;) {
      const due = await this.reminders.due(new Date(this.now().getTime() + lead), BATCH);
      for (const row of due) if (await this.announce(row.tenant_id, row.session_id)) announced++;
      if (due.length < BATCH) return announced;
    }
  }

  private announce(tenantId: string, sessionId: string): Promise<boolean> {
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

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_CONSUMERS, EventsEvents } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { ReminderMailer } from './reminder-mailer';
import { withdrawReminders } from './reminder-sessions.util';

/**
 * Turns `evt.events.reminder.due` into queued emails, and withdraws those still waiting when their session is
 * cancelled or a member cancels their place (ADR 0081), right in any order of arrival: each compares by when the
 * event happened (`reminder_marks`). The events service's other events are ignored. Once per event (the inbox, in
 * the same transaction as the queued rows), in that LERO's transaction (RLS).
 */
export const remindersConsumer = (db: MembershipDatabase, mailer: ReminderMailer) =>
  new DomainEventConsumer({
    ...consumerOf(EVENT_CONSUMERS.membershipReminders),
    db,
    handle: async (em, event) => {
      const at = new Date(event.occurredAt);
      if (event.subject === EventsEvents.reminderDue) await mailer.queue(em, event.data, at);
      else if (event.subject === EventsEvents.sessionCancelled)
        await withdrawReminders(em, { tenantId: event.data.tenantId, sessionId: event.data.sessionId, at });
      else if (event.subject === EventsEvents.rsvpCancelled)
        await withdrawReminders(em, { ...event.data, at });
    },
  });

@Injectable()
export class RemindersConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: MembershipDatabase,
    private readonly mailer: ReminderMailer,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.host.register(remindersConsumer(this.db, this.mailer));
  }
}

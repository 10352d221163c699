import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  EVENT_CONSUMERS,
  EventsEvents,
  VolunteeringEvents,
  type EventConsumerContract,
} from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { REMINDER_MAIL_KIND, SHIFT_REMINDER_MAIL_KIND } from '../members/member-reminders.util';
import { ReminderMailer } from './reminder-mailer';
import { sessionReminderMail, shiftReminderMail } from './reminder-mail.util';
import { withdrawReminders } from './reminder-sessions.util';

/**
 * Turns `evt.events.reminder.due` and `evt.volunteering.reminder.due` into queued emails (ADR 0081), and withdraws
 * a session's reminders still waiting when it is cancelled or a member cancels their place: one handler on four
 * durables (a NATS 2.9 durable has one filter), right in any order of arrival: each compares by when the event
 * happened (`reminder_marks`). Once per event (the inbox, in the
 * same transaction as the queued rows), in that LERO's transaction (RLS).
 */
export const remindersConsumer = (
  db: MembershipDatabase,
  mailer: ReminderMailer,
  contract: EventConsumerContract = EVENT_CONSUMERS.membershipReminders,
) =>
  new DomainEventConsumer({
    ...consumerOf(contract),
    db,
    handle: async (em, event) => {
      const at = new Date(event.occurredAt);
      if (event.subject === EventsEvents.reminderDue)
        await mailer.queue(
          em,
          event.data,
          REMINDER_MAIL_KIND,
          (href) => sessionReminderMail(event.data, href),
          { sessionId: event.data.sessionId, announcedAt: at },
        );
      else if (event.subject === EventsEvents.sessionCancelled)
        await withdrawReminders(em, { tenantId: event.data.tenantId, sessionId: event.data.sessionId, at });
      else if (event.subject === EventsEvents.rsvpCancelled)
        await withdrawReminders(em, { ...event.data, at });
      if (event.subject === VolunteeringEvents.reminderDue)
        await mailer.queue(em, event.data, SHIFT_REMINDER_MAIL_KIND, (href) =>
          shiftReminderMail(event.data, href),
        );
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
    for (const contract of [
      EVENT_CONSUMERS.membershipReminders,
      EVENT_CONSUMERS.membershipReminderCancellations,
      EVENT_CONSUMERS.membershipReminderRsvpCancellations,
      EVENT_CONSUMERS.membershipShiftReminders,
    ])
      await this.host.register(remindersConsumer(this.db, this.mailer, contract));
  }
}

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
import type { MailContent } from '@hearth/mail';
import { ReminderMailer, type DueReminder } from './reminder-mailer';
import { sessionReminderMail, shiftReminderMail } from './reminder-mail.util';
import { withdrawReminders, type RemindedOf } from './reminder-withdrawal.util';

/**
 * Turns `evt.events.reminder.due` and `evt.volunteering.reminder.due` into queued emails (ADR 0081), and withdraws
 * a session's reminders still waiting when it is cancelled or a member cancels their place, and a shift
 * occurrence's when the shift or a member's sign-up is cancelled: one handler on six durables (a NATS 2.9 durable
 * has one filter), right in any order of arrival: each compares by when the event happened (`reminder_marks`,
 * `shift_reminder_marks`). Once per event (the inbox, in the
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
      const queue = (
        data: DueReminder,
        kind: string,
        content: (href: string) => MailContent,
        of: RemindedOf,
      ) => mailer.queue(em, data, kind, content, { of, announcedAt: at });
      const occurrence = (d: { tenantId: string; shiftId: string; startsAt: string }): RemindedOf => ({
        kind: 'shift',
        tenantId: d.tenantId,
        shiftId: d.shiftId,
        startsAt: new Date(d.startsAt),
      });
      if (event.subject === EventsEvents.reminderDue) {
        const { tenantId, sessionId } = event.data;
        await queue(event.data, REMINDER_MAIL_KIND, (href) => sessionReminderMail(event.data, href), {
          kind: 'session',
          tenantId,
          sessionId,
        });
      } else if (
        event.subject === EventsEvents.sessionCancelled ||
        event.subject === EventsEvents.rsvpCancelled
      ) {
        const memberId = event.subject === EventsEvents.rsvpCancelled ? event.data.memberId : undefined;
        const { tenantId, sessionId } = event.data;
        const of = { kind: 'session', tenantId, sessionId } as const;
        await withdrawReminders(em, { of, memberId, at });
      } else if (event.subject === VolunteeringEvents.reminderDue)
        await queue(
          event.data,
          SHIFT_REMINDER_MAIL_KIND,
          (href) => shiftReminderMail(event.data, href),
          occurrence(event.data),
        );
      // A cancelled shift: every occurrence of it (none is to come); a cancelled sign-up: that member's, of that one.
      else if (event.subject === VolunteeringEvents.shiftCancelled)
        await withdrawReminders(em, {
          of: { kind: 'shift', tenantId: event.data.tenantId, shiftId: event.data.shiftId },
          at,
        });
      else if (event.subject === VolunteeringEvents.signupCancelled)
        await withdrawReminders(em, { of: occurrence(event.data), memberId: event.data.memberId, at });
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
      EVENT_CONSUMERS.membershipShiftReminderCancellations,
      EVENT_CONSUMERS.membershipShiftReminderSignupCancellations,
    ])
      await this.host.register(remindersConsumer(this.db, this.mailer, contract));
  }
}

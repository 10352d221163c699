import type { ReminderDueEvent } from '@hearth/contracts';
import type { MailContent } from '@hearth/mail';

/** "Saturday 5 December 2026 at 14:05" in the session's own zone. */
const timeIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone });

const clockIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('en-GB', { timeStyle: 'short', timeZone });

/**
 * A session reminder (ADR 0081). The subject and first line are neutral (ADR 0077): no LERO's name, no
 * "recovery"; the activity, time and place come below them. The link stops every reminder at once.
 */
export function sessionReminderMail(session: ReminderDueEvent, unsubscribeHref: string): MailContent {
  const when = `${timeIn(session.startsAt, session.timezone)} to ${clockIn(session.endsAt, session.timezone)}`;
  return {
    subject: 'A reminder from Hearth',
    preview: 'Your reminder from Hearth: open this email to see it.',
    paragraphs: [
      'A reminder of something you said you would go to.',
      `What: ${session.title}`,
      `When: ${when}`,
      session.place ? `Where: ${session.place}` : 'Where: ask your organisation for the place.',
      'If you can no longer go, you can cancel your place on Hearth so someone else can have it.',
    ],
    link: { href: unsubscribeHref, label: 'Stop these reminders' },
    after: ['You get this because you asked for reminders by email. Stopping them takes one click.'],
  };
}

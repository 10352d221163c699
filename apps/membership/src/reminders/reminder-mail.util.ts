import type { ReminderDueEvent, ShiftReminderDueEvent } from '@hearth/contracts';
import type { MailContent } from '@hearth/mail';

/** "Saturday 5 December 2026 at 14:05" in the session's own zone. */
const timeIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone });

const clockIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('en-GB', { timeStyle: 'short', timeZone });

type Due = Pick<ReminderDueEvent, 'title' | 'startsAt' | 'endsAt' | 'timezone' | 'place'>;

/** Either reminder: neutral subject and first line, what, when (in its own zone), where, how to cancel, the link. */
function reminderMail(
  due: Due,
  lines: { first: string; cancel: string },
  unsubscribeHref: string,
): MailContent {
  const when = `${timeIn(due.startsAt, due.timezone)} to ${clockIn(due.endsAt, due.timezone)}`;
  return {
    subject: 'A reminder from Hearth',
    preview: 'Your reminder from Hearth: open this email to see it.',
    paragraphs: [
      lines.first,
      `What: ${due.title}`,
      `When: ${when}`,
      due.place ? `Where: ${due.place}` : 'Where: ask your organisation for the place.',
      lines.cancel,
    ],
    link: { href: unsubscribeHref, label: 'Stop these reminders' },
    after: ['You get this because you asked for reminders by email. Stopping them takes one click.'],
  };
}

/**
 * A session reminder (ADR 0081). The subject and first line are neutral (ADR 0077): no LERO's name, no
 * "recovery"; the activity, time and place come below them. The link stops every reminder at once.
 */
export const sessionReminderMail = (session: ReminderDueEvent, unsubscribeHref: string): MailContent =>
  reminderMail(
    session,
    {
      first: 'A reminder of something you said you would go to.',
      cancel: 'If you can no longer go, you can cancel your place on Hearth so someone else can have it.',
    },
    unsubscribeHref,
  );

/**
 * A shift reminder (ADR 0081): as a session's, naming the role, the time in the shift's zone and its place (none
 * told when the shift has none). The same link stops both kinds: one choice covers sessions and shifts.
 */
export const shiftReminderMail = (shift: ShiftReminderDueEvent, unsubscribeHref: string): MailContent =>
  reminderMail(
    shift,
    {
      first: 'A reminder of a volunteering shift you signed up for.',
      cancel:
        'If you can no longer do it, you can cancel your sign-up on Hearth so someone else can take it.',
    },
    unsubscribeHref,
  );

import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailMessage, dropQueuedMail } from '@hearth/mail';
import type { Member } from './member.entity';

/** What membership emails (its mail queue's table checks the same list; ADR 0081): one choice covers both. */
export const REMINDER_MAIL_KIND = 'session-reminder';
export const SHIFT_REMINDER_MAIL_KIND = 'shift-reminder';
const REMINDER_MAIL_KINDS = [REMINDER_MAIL_KIND, SHIFT_REMINDER_MAIL_KIND];

/** How a member's queued messages are found again (an unsubscribe, an erasure). */
export const memberRef = (memberId: string) => `member:${memberId}`;

/** The changes after which a member may no longer want, or be allowed, the reminders queued for them. */
const REMINDER_CONDITIONS = ['reminders', 'email', 'consents.contact', 'status', 'preferredContact'];

/**
 * Reminders go only to an active member who chose them by email, consented to contact, has an email and has not
 * said they prefer no contact at all (`preferredContact: none` outranks `reminders: email`).
 */
export const wantsReminders = (m: Member) =>
  m.status === 'active' &&
  m.reminders === 'email' &&
  m.consentContact &&
  !!m.email &&
  m.preferredContact !== 'none';

/** The same, as a query of members (a null preferred contact is no objection). */
export const WANTS_REMINDERS: FilterQuery<Member> = {
  status: 'active',
  reminders: 'email',
  consentContact: true,
  email: { $ne: null },
  $or: [{ preferredContact: null }, { preferredContact: { $ne: 'none' } }],
};

/** No more reminders for this member, including those waiting to be sent (an unsubscribe, an erasure). */
export const dropQueuedReminders = (em: EntityManager, memberId: string): Promise<number> =>
  dropQueuedMail(em, memberRef(memberId), REMINDER_MAIL_KINDS);

/**
 * An erasure: besides dropping what is queued, the envelopes of every reminder sent, failed or given up go too
 * (they hold the address), and the marks of their cancelled places and sign-ups. A row being handed to SMTP that very moment is left to finish (it is discarded if that
 * try fails) and is pruned with the others after `RETENTION_EMAILS`.
 */
export async function forgetMailAbout(em: EntityManager, memberId: string): Promise<void> {
  await dropQueuedReminders(em, memberId);
  await em.nativeDelete(MailMessage, { aboutRef: memberRef(memberId), state: { $ne: 'sending' } });
  // Which sessions they cancelled a place at, and shifts a sign-up to (the id, as every service drops it at erasure).
  await em.execute(`delete from membership.reminder_marks where member_id = ?`, [memberId]);
  await em.execute(`delete from membership.shift_reminder_marks where member_id = ?`, [memberId]);
}

/**
 * After a change to a member (`fields` as the audit names them), in its transaction: reminders waiting to be
 * sent go at once when the member no longer wants them or may no longer be contacted, or went to an address
 * they no longer have.
 */
export async function dropUnwantedReminders(
  em: EntityManager,
  member: Member,
  fields: string[],
): Promise<void> {
  const relevant = fields.some((f) => REMINDER_CONDITIONS.includes(f));
  if (fields.includes('email') || (relevant && !wantsReminders(member)))
    await dropQueuedReminders(em, member.id);
}

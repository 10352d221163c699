import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Which session a queued reminder is of (ADR 0081), in `membership.reminder_sessions` beside the shared mail
 * queue: written with the reminder (checked at commit, so before the email's row is flushed is fine).
 */
export async function recordReminderSession(
  em: EntityManager,
  mailId: string,
  tenantId: string,
  sessionId: string,
  memberId: string,
): Promise<void> {
  await em.execute(
    `insert into membership.reminder_sessions (mail_id, tenant_id, session_id, member_id) values (?, ?, ?, ?)`,
    [mailId, tenantId, sessionId, memberId],
  );
}

/**
 * Withdraws the reminders of a session (of one member of it, when given) still waiting: those queued are deleted,
 * one being handed to SMTP that very moment is not retried should that try fail (as `dropQueuedMail` does).
 * Queued ones first: a row the sender claims meanwhile is then `sending`, and the second statement catches it.
 */
export async function withdrawReminders(
  em: EntityManager,
  tenantId: string,
  sessionId: string,
  memberId?: string,
): Promise<void> {
  const params = memberId ? [tenantId, sessionId, memberId] : [tenantId, sessionId];
  const of = `id in (select mail_id from membership.reminder_sessions
    where tenant_id = ? and session_id = ?${memberId ? ' and member_id = ?' : ''})`;
  await em.execute(`delete from membership.mail_queue where state = 'queued' and ${of}`, params);
  await em.execute(
    `update membership.mail_queue set discard_after = now() where state = 'sending' and ${of}`,
    params,
  );
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { discardWaitingMail } from '@hearth/mail';

/** The whole session, in `reminder_marks` (a cancelled session rather than one member's cancelled place). */
const WHOLE_SESSION = '00000000-0000-0000-0000-000000000000';

type Mark = 'announced' | 'withdrawn';

/** Events of one session are handled one after the other (a withdrawal must see the reminders it withdraws). */
const lockSession = (em: EntityManager, sessionId: string) =>
  em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 81))`, [sessionId]);

/**
 * Notes that a session was announced or withdrawn (for one member, or all) at `at` — the event's moment, so
 * events arriving in any order compare by when they happened. Keeps the latest.
 */
async function mark(
  em: EntityManager,
  kind: Mark,
  tenantId: string,
  sessionId: string,
  memberId: string,
  at: Date,
): Promise<void> {
  await em.execute(
    `insert into membership.reminder_marks (session_id, member_id, kind, tenant_id, at) values (?, ?, ?, ?, ?)
      on conflict (session_id, member_id, kind) do update set at = greatest(reminder_marks.at, excluded.at)`,
    [sessionId, memberId, kind, tenantId, at],
  );
}

/**
 * Which session a queued reminder is of, and of which announcement (ADR 0081), in `membership.reminder_sessions`
 * beside the shared mail queue (checked at commit: before the email's row is flushed is fine).
 */
export async function recordReminderSession(
  em: EntityManager,
  mailId: string,
  reminder: { tenantId: string; sessionId: string; memberId: string; announcedAt: Date },
): Promise<void> {
  await em.execute(
    `insert into membership.reminder_sessions (mail_id, tenant_id, session_id, member_id, announced_at)
      values (?, ?, ?, ?, ?)`,
    [mailId, reminder.tenantId, reminder.sessionId, reminder.memberId, reminder.announcedAt],
  );
}

/**
 * Withdraws the reminders of a session (of one member of it, when given) announced before `before` and still
 * waiting: those queued are deleted; one being handed to SMTP that very moment is not retried should that try fail.
 * All are first put out of the sender's reach (`discardWaitingMail`), so none slips between the two states.
 */
async function withdraw(
  em: EntityManager,
  tenantId: string,
  sessionId: string,
  before: Date,
  memberId?: string,
): Promise<void> {
  const params = [tenantId, sessionId, before, ...(memberId ? [memberId] : [])];
  const of = `id in (select mail_id from membership.reminder_sessions
    where tenant_id = ? and session_id = ? and announced_at < ?${memberId ? ' and member_id = ?' : ''})`;
  await discardWaitingMail(em, of, params);
  await em.execute(`delete from membership.mail_queue where state = 'queued' and ${of}`, params);
}

/**
 * A session cancelled (no member) or a member's place cancelled, at `at`: what was announced before is withdrawn,
 * and an announcement from before that arrives later queues nothing for them (`announcement`).
 */
export async function withdrawReminders(
  em: EntityManager,
  change: { tenantId: string; sessionId: string; memberId?: string; at: Date },
): Promise<void> {
  const { tenantId, sessionId, memberId, at } = change;
  await lockSession(em, sessionId);
  await mark(em, 'withdrawn', tenantId, sessionId, memberId ?? WHOLE_SESSION, at);
  await withdraw(em, tenantId, sessionId, at, memberId);
}

/**
 * A session announced at `at`. Null when a later announcement was already handled, or the session was cancelled
 * after this one: nothing to queue. Otherwise reminders of an earlier announcement (the session moved) still waiting
 * are withdrawn, and the answer says who is not to be reminded (their place cancelled after this announcement).
 */
export async function announcement(
  em: EntityManager,
  tenantId: string,
  sessionId: string,
  at: Date,
): Promise<{ withdrawnMembers: Set<string> } | null> {
  await lockSession(em, sessionId);
  await mark(em, 'announced', tenantId, sessionId, WHOLE_SESSION, at);
  const marks = await em.execute<{ member_id: string; kind: Mark; at: Date }[]>(
    `select member_id, kind, at from membership.reminder_marks where session_id = ? and at > ?`,
    [sessionId, at],
  );
  if (marks.some((m) => m.member_id === WHOLE_SESSION)) return null;
  await withdraw(em, tenantId, sessionId, at);
  return { withdrawnMembers: new Set(marks.map((m) => m.member_id)) };
}

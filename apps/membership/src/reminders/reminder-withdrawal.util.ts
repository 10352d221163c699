import type { EntityManager } from '@mikro-orm/postgresql';
import { discardWaitingMail } from '@hearth/mail';

/** Everyone, in the marks (a cancelled session or shift rather than one member's cancelled place or sign-up). */
const EVERYONE = '00000000-0000-0000-0000-000000000000';
/** Every occurrence of a shift, in `shift_reminder_marks` (a cancelled shift). */
const EVERY_OCCURRENCE = '-infinity';

/**
 * What a reminder is of (ADR 0081): a session, or one occurrence of a shift (by its start) — for a shift's
 * withdrawal without `startsAt`, every occurrence of it (the shift was cancelled).
 */
export type RemindedOf =
  | { kind: 'session'; tenantId: string; sessionId: string }
  | { kind: 'shift'; tenantId: string; shiftId: string; startsAt?: Date };

type Mark = 'announced' | 'withdrawn';

/** Where each kind keeps its marks and its emails' rows, and how a statement names one session or occurrence. */
interface Tables {
  id: string;
  marks: string;
  links: string;
  /** The columns naming it in both tables, and their values for a mark. */
  key: string[];
  values: unknown[];
  /** The marks an announcement is to compare with: its own, and (shifts) the whole shift's. */
  marksOf: { sql: string; params: unknown[] };
  /** Its emails' rows: the session's, the occurrence's, or (no start) every occurrence's of the shift. */
  linksOf: { sql: string; params: unknown[] };
}

function tablesOf(of: RemindedOf): Tables {
  if (of.kind === 'session') {
    const sessionOnly = { sql: 'session_id = ?', params: [of.sessionId] };
    return {
      id: of.sessionId,
      marks: 'membership.reminder_marks',
      links: 'membership.reminder_sessions',
      key: ['session_id'],
      values: [of.sessionId],
      marksOf: sessionOnly,
      linksOf: sessionOnly,
    };
  }
  const startsAt = of.startsAt ?? EVERY_OCCURRENCE;
  return {
    id: of.shiftId,
    marks: 'membership.shift_reminder_marks',
    links: 'membership.reminder_shifts',
    key: ['shift_id', 'starts_at'],
    values: [of.shiftId, startsAt],
    marksOf: {
      sql: `shift_id = ? and starts_at in (?, '${EVERY_OCCURRENCE}')`,
      params: [of.shiftId, startsAt],
    },
    linksOf: of.startsAt
      ? { sql: 'shift_id = ? and starts_at = ?', params: [of.shiftId, of.startsAt] }
      : { sql: 'shift_id = ?', params: [of.shiftId] },
  };
}

/**
 * Events of one session, or of one shift (all its occurrences: a cancelled shift is one of their events), are
 * handled one after the other: a withdrawal must see the reminders it withdraws.
 */
const lock = (em: EntityManager, t: Tables) =>
  em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 81))`, [t.id]);

/**
 * Notes that a session or occurrence was announced or withdrawn (for one member, or all) at `at` — the event's
 * moment, so events arriving in any order compare by when they happened. Keeps the latest.
 */
async function mark(em: EntityManager, kind: Mark, of: RemindedOf, t: Tables, memberId: string, at: Date) {
  const key = t.key.join(', ');
  await em.execute(
    `insert into ${t.marks} (${key}, member_id, kind, tenant_id, at) values (${t.key.map(() => '?').join(', ')}, ?, ?, ?, ?)
      on conflict (${key}, member_id, kind) do update set at = greatest(excluded.at, ${t.marks}.at)`,
    [...t.values, memberId, kind, of.tenantId, at],
  );
}

/**
 * Which session or shift occurrence a queued reminder is of, and of which announcement (ADR 0081), in
 * `membership.reminder_sessions` or `reminder_shifts` beside the shared mail queue (checked at commit: before the
 * email's row is flushed is fine).
 */
export async function recordReminder(
  em: EntityManager,
  mailId: string,
  reminder: { of: RemindedOf; memberId: string; announcedAt: Date },
): Promise<void> {
  const t = tablesOf(reminder.of);
  await em.execute(
    `insert into ${t.links} (mail_id, tenant_id, ${t.key.join(', ')}, member_id, announced_at)
      values (?, ?, ${t.key.map(() => '?').join(', ')}, ?, ?)`,
    [mailId, reminder.of.tenantId, ...t.values, reminder.memberId, reminder.announcedAt],
  );
}

/**
 * Withdraws the reminders (of one member, when given) announced before `before` and still waiting: those queued
 * are deleted; one being handed to SMTP that very moment is not retried should that try fail. All are first put
 * out of the sender's reach (`discardWaitingMail`), so none slips between the two states.
 */
async function withdraw(em: EntityManager, of: RemindedOf, t: Tables, before: Date, memberId?: string) {
  const params = [of.tenantId, ...t.linksOf.params, before, ...(memberId ? [memberId] : [])];
  const which = `id in (select mail_id from ${t.links}
    where tenant_id = ? and ${t.linksOf.sql} and announced_at < ?${memberId ? ' and member_id = ?' : ''})`;
  await discardWaitingMail(em, which, params);
  await em.execute(`delete from membership.mail_queue where state = 'queued' and ${which}`, params);
}

/**
 * A session or shift cancelled (no member), or a member's place or sign-up cancelled, at `at`: what was announced
 * before is withdrawn, and an announcement from before that arrives later queues nothing for them
 * (`announcement`).
 */
export async function withdrawReminders(
  em: EntityManager,
  change: { of: RemindedOf; memberId?: string; at: Date },
): Promise<void> {
  const { of, memberId, at } = change;
  const t = tablesOf(of);
  await lock(em, t);
  await mark(em, 'withdrawn', of, t, memberId ?? EVERYONE, at);
  await withdraw(em, of, t, at, memberId);
}

/**
 * A session or shift occurrence announced at `at`. Null when a later announcement of it was already handled, or it
 * (for a shift, the whole shift) was cancelled after this one: nothing to queue. Otherwise reminders of an earlier
 * announcement (a session moved) still waiting are withdrawn, and the answer says who is not to be reminded (their
 * place or sign-up cancelled after this announcement).
 */
export async function announcement(
  em: EntityManager,
  of: RemindedOf,
  at: Date,
): Promise<{ withdrawnMembers: Set<string> } | null> {
  const t = tablesOf(of);
  await lock(em, t);
  await mark(em, 'announced', of, t, EVERYONE, at);
  const marks = await em.execute<{ member_id: string; kind: Mark; at: Date }[]>(
    `select member_id, kind, at from ${t.marks} where ${t.marksOf.sql} and at > ?`,
    [...t.marksOf.params, at],
  );
  if (marks.some((m) => m.member_id === EVERYONE)) return null;
  await withdraw(em, of, t, at);
  return { withdrawnMembers: new Set(marks.map((m) => m.member_id)) };
}

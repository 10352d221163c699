import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailMessage, renderMail, type MailContent } from '@hearth/mail';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import { Member } from '../members/member.entity';
import { WANTS_REMINDERS, memberRef } from '../members/member-reminders.util';
import { announcement, recordReminder, type RemindedOf } from './reminder-withdrawal.util';
import { UnsubscribeTokensRepository } from './unsubscribe-tokens.repository';

/** What a reminder is about, as both `reminder.due` events tell it (a session's, ADR 0081, or a shift's). */
export interface DueReminder {
  tenantId: string;
  startsAt: string;
  memberIds: string[];
}

/**
 * Queues session and shift reminders (ADR 0081) in the caller's transaction: one per member among those going who
 * asked for reminders by email, consented to contact, has an email, is still active and did not prefer no contact
 * (one choice covers sessions and shifts). Each email carries its own unsubscribe link, also as `List-Unsubscribe`
 * with one-click (RFC 8058). Not sent after the session or shift starts. Each is recorded with what it is of (`of`:
 * the session or shift occurrence, and when the event happened), so a cancellation of it, or of the member's place
 * or sign-up, withdraws it.
 */
@Injectable()
export class ReminderMailer {
  constructor(
    @Inject(MEMBERSHIP_OPTIONS) private readonly options: MembershipOptions,
    private readonly tokens: UnsubscribeTokensRepository,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  unsubscribeLink(token: string): string {
    const base = (this.options.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    return `${base}/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /** Returns how many reminders were queued. */
  async queue(
    em: EntityManager,
    event: DueReminder,
    kind: string,
    content: (unsubscribeHref: string) => MailContent,
    of?: { of: RemindedOf; announcedAt: Date },
  ): Promise<number> {
    if (!this.options.smtpUrl) return 0;
    const startsAt = new Date(event.startsAt);
    if (startsAt <= this.now()) return 0;
    // A later announcement (the session moved) or a cancellation already handled: nothing to queue. Otherwise
    // reminders of an earlier announcement still waiting go, and a place or sign-up cancelled since is not reminded.
    const current = of
      ? await announcement(em, of.of, of.announcedAt)
      : { withdrawnMembers: new Set<string>() };
    if (!current) return 0;
    const ids = [...new Set(event.memberIds.map((id) => id.toLowerCase()))].filter(
      (id) => !current.withdrawnMembers.has(id),
    );
    if (ids.length === 0) return 0;
    // Locked (shared) against an unsubscribe or erasure committing in between: that waits, then drops these.
    const members = await em.find(
      Member,
      { $and: [{ id: { $in: ids } }, WANTS_REMINDERS] },
      { lockMode: LockMode.PESSIMISTIC_READ, orderBy: { id: 'asc' } },
    );
    for (const member of members) {
      const href = this.unsubscribeLink(await this.tokens.issue(em, event.tenantId, member.id));
      const mail = renderMail(content(href));
      const message = Object.assign(new MailMessage(), {
        kind,
        recipient: member.email!,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
        headers: { 'List-Unsubscribe': `<${href}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        aboutRef: memberRef(member.id),
        discardAfter: startsAt,
      });
      em.persist(message);
      if (of) await recordReminder(em, message.id, { ...of, memberId: member.id });
    }
    return members.length;
  }
}

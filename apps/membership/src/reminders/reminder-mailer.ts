import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailMessage, renderMail, type MailContent } from '@hearth/mail';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import { Member } from '../members/member.entity';
import { memberRef } from '../members/member-reminders.util';
import { UnsubscribeTokensRepository } from './unsubscribe-tokens.repository';

/** What a reminder is about, as both `reminder.due` events tell it (a session's, ADR 0081, or a shift's). */
export interface DueReminder {
  tenantId: string;
  startsAt: string;
  memberIds: string[];
}

/**
 * Queues session and shift reminders (ADR 0081) in the caller's transaction: one per member among those going who asked
 * for reminders by email, consented to contact, has an email and is still active (one choice covers sessions and
 * shifts). Each email carries its own unsubscribe link, also as `List-Unsubscribe` with one-click (RFC 8058). Not
 * sent after the session or shift starts.
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
  ): Promise<number> {
    if (!this.options.smtpUrl) return 0;
    const startsAt = new Date(event.startsAt);
    if (startsAt <= this.now()) return 0;
    const ids = [...new Set(event.memberIds.map((id) => id.toLowerCase()))];
    if (ids.length === 0) return 0;
    // Locked (shared) against an unsubscribe or erasure committing in between: that waits, then drops these.
    const members = await em.find(
      Member,
      { id: { $in: ids }, status: 'active', reminders: 'email', consentContact: true, email: { $ne: null } },
      { lockMode: LockMode.PESSIMISTIC_READ, orderBy: { id: 'asc' } },
    );
    for (const member of members) {
      const href = this.unsubscribeLink(await this.tokens.issue(em, event.tenantId, member.id));
      const mail = renderMail(content(href));
      em.persist(
        Object.assign(new MailMessage(), {
          kind,
          recipient: member.email!,
          subject: mail.subject,
          bodyText: mail.text,
          bodyHtml: mail.html,
          headers: { 'List-Unsubscribe': `<${href}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          aboutRef: memberRef(member.id),
          discardAfter: startsAt,
        }),
      );
    }
    return members.length;
  }
}
